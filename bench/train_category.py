"""Train the category model from the TRAINING letters only: `python bench/train_category.py
[--cv] [--data DIR] [--out FILE]`.

Held-out letters (ids divisible by 5, and the fresh sets 251-300 and 356-405) are skipped
by their file name and never opened. The settings (bigrams, smoothing, rare-word cut-off,
the keyword weight, the confidence scale) are chosen by 5-fold cross-validation on the
training letters; `--cv` prints the figures and the cross-validated accuracy per band of
confidence (what a confidence is worth, for a "category uncertain" threshold). The model
(mailflow/extract/data/category_model.json) is written deterministically: the same letters
give the same bytes.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.extraction import claim_text  # noqa: E402
from mailflow.extract.category_model import (  # noqa: E402
    MODEL_PATH,
    CategoryModel,
    combine,
    naive_bayes,
    word_features,
)
from mailflow.extract.config import default_extract_config, read_catalogue  # noqa: E402
from mailflow.extract.fields import category_evidence  # noqa: E402
from mailflow.extract.meaning import keyword_hits, text_adjustments, verdict_of  # noqa: E402
from mailflow.extract.model import Category  # noqa: E402

HELD_OUT_AFTER = 250
FRESH_TO = 300   # ids 301-355 are held out every fifth, like the first 250
FRESH2_FROM = 356  # ids 356-405: the second fresh set (specs_h.py), all held out
FRESH2_TO = 405
FOLDS = 5
CLASSES = tuple(Category)
BIGRAMS = (False, True)
ALPHAS = (0.1, 0.3, 1.0)
MIN_LETTERS = (1, 2)
KEYWORD_WEIGHTS = (0.0, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 1000.0)
SCALES = (0.1, 0.2, 0.3, 0.5, 0.7, 1.0)


@dataclass(frozen=True)
class Letter:
    id: int
    category: Category
    keyword_category: Category
    keyword_scores: dict[Category, float]
    unigrams: frozenset[str]
    with_bigrams: frozenset[str]
    # What the keyword scores are made of, so that a fold can leave out keywords:
    # the «вместо <count>» adjustments and each keyword hit (its words, category, weight).
    adjustments: dict[Category, float]
    hits: tuple[tuple[tuple[str, ...], Category, float], ...]


@dataclass(frozen=True)
class Settings:
    bigrams: bool
    alpha: float
    min_letters: int
    keyword_weight: float


def held_out(stem: str) -> bool:
    number = int(stem)
    return (number % 5 == 0 or HELD_OUT_AFTER < number <= FRESH_TO
            or FRESH2_FROM <= number <= FRESH2_TO)


def training_letters(data: Path) -> list[Letter]:
    """The training letters with their keyword verdicts and features; held-out files are
    skipped by name, before anything is read."""
    catalogue_path = data / "catalogue.csv"
    catalogue = read_catalogue(catalogue_path.read_text("utf-8")) if catalogue_path.exists() else ()
    config = default_extract_config(catalogue)
    letters: list[Letter] = []
    for path in sorted((data / "letters").glob("*.eml")):
        if held_out(path.stem):
            continue  # never opened
        expected = json.loads((data / "expected" / f"{path.stem}.json").read_text("utf-8"))
        text, _ = claim_text(path.read_bytes())
        verdict, words = category_evidence(text, config)
        hits = tuple((tuple(w.folded for w in words[first:last + 1]), category, weight)
                     for first, last, category, weight
                     in keyword_hits(words, config.category_keywords))
        letters.append(Letter(
            id=int(path.stem), category=Category(expected["category"]),
            keyword_category=verdict.category, keyword_scores=verdict.scores,
            unigrams=frozenset(word_features(words, bigrams=False)),
            with_bigrams=frozenset(word_features(words, bigrams=True)),
            adjustments=text_adjustments(text.subject, text.body), hits=hits))
    return letters


def keyword_scores(letter: Letter, known: set[tuple[str, ...]] | None) -> dict[Category, float]:
    """The letter's keyword scores, counting only the `known` keywords (None: all of them);
    a letter whose own words score nothing keeps what its attachments scored."""
    if known is None:
        return letter.keyword_scores
    scores = dict.fromkeys(Category, 0.0)
    for category, change in letter.adjustments.items():
        scores[category] += change
    for key, category, weight in letter.hits:
        if key in known:
            scores[category] += weight
    verdict = verdict_of(scores)
    if not letter.hits and not letter.adjustments:
        return letter.keyword_scores  # scored by its attachments, or nothing at all
    return verdict.scores


def keyword_category(scores: dict[Category, float]) -> Category:
    return verdict_of(dict(scores)).category


@dataclass(frozen=True)
class Counts:
    """What naive Bayes learns: per feature, how many letters of each category hold it."""

    features: dict[str, tuple[int, ...]]
    letters_per_class: tuple[int, ...]


def count(letters: list[Letter], settings: Settings) -> Counts:
    """The counts of the features seen in at least `min_letters` letters."""
    features_of = [_features(letter, settings.bigrams) for letter in letters]
    seen_in = Counter(feature for features in features_of for feature in features)
    kept = {f for f, n in seen_in.items() if n >= settings.min_letters}
    per_class: dict[Category, Counter[str]] = {category: Counter() for category in CLASSES}
    for letter, features in zip(letters, features_of, strict=True):
        per_class[letter.category].update(features & kept)
    return Counts(
        features={f: tuple(per_class[c][f] for c in CLASSES) for f in sorted(kept)},
        letters_per_class=tuple(sum(1 for x in letters if x.category is c) for c in CLASSES))


def fit(letters: list[Letter], settings: Settings, scale: float = 1.0) -> CategoryModel:
    counts = count(letters, settings)
    return naive_bayes(counts.features, counts.letters_per_class, settings.alpha,
                       settings.bigrams, settings.keyword_weight, scale)


def _features(letter: Letter, bigrams: bool) -> frozenset[str]:
    return letter.with_bigrams if bigrams else letter.unigrams


def folds(letters: list[Letter]) -> list[int]:
    """A fold per letter, stratified by category, in id order (deterministic)."""
    seen: Counter[Category] = Counter()
    assigned: list[int] = []
    for letter in letters:
        assigned.append(seen[letter.category] % FOLDS)
        seen[letter.category] += 1
    return assigned


def cross_validate(letters: list[Letter], settings: Settings, scale: float = 1.0,
                   unseen_keywords: bool = True) -> tuple[int, int, float]:
    """Letters right by the keywords alone and by the combination, and the mean log-loss
    of the combination's confidence, over the folds. With `unseen_keywords`, a keyword
    that no letter of the training folds contains is left out when scoring the validation
    fold: the keywords were written while reading all the training letters, so without
    this the keywords would be scored on the very letters they were written for."""
    assigned = folds(letters)
    keywords_right, right, loss = 0, 0, 0.0
    for fold in range(FOLDS):
        train = [letter for letter, f in zip(letters, assigned, strict=True) if f != fold]
        known = {key for letter in train for key, _, _ in letter.hits} if unseen_keywords \
            else None
        model = fit(train, settings, scale)
        for letter, f in zip(letters, assigned, strict=True):
            if f != fold:
                continue
            scores = keyword_scores(letter, known)
            keywords_right += keyword_category(scores) is letter.category
            category, confidence = combine(model, _features(letter, settings.bigrams), scores)
            right += category is letter.category
            loss += -math.log(max(confidence, 0.01)) if category is letter.category \
                else -math.log(max((1 - confidence) / (len(CLASSES) - 1), 0.01))
    return keywords_right, right, loss / len(letters)


def choose(letters: list[Letter], report: bool) -> tuple[Settings, float]:
    """The settings with the best cross-validated accuracy, keywords unseen in the training
    folds left out (ties: unigrams, fewer features, smoothing nearer 1, the larger keyword
    weight), then the confidence scale with the least log-loss."""
    results: list[tuple[int, Settings]] = []
    for bigrams, alpha, min_letters, weight in itertools.product(
            BIGRAMS, ALPHAS, MIN_LETTERS, KEYWORD_WEIGHTS):
        settings = Settings(bigrams, alpha, min_letters, weight)
        _, right, _ = cross_validate(letters, settings)
        results.append((right, settings))
        if report:
            print(f"  bigrams={bigrams!s:<5} alpha={alpha:<4} min_letters={min_letters} "
                  f"keyword_weight={weight:<7} CV {right}/{len(letters)} "
                  f"{right / len(letters):.1%}")
    best_right = max(right for right, _ in results)
    best = next(s for right, s in sorted(results, key=_preference) if right == best_right)
    scale = min(SCALES, key=lambda s: cross_validate(letters, best, s)[2])
    return best, scale


def _preference(result: tuple[int, Settings]) -> tuple[bool, int, float, float]:
    _, settings = result
    return (settings.bigrams, -settings.min_letters, abs(settings.alpha - 1.0),
            -settings.keyword_weight)


def model_json(counts: Counts, settings: Settings, scale: float) -> str:
    """The model as stable JSON: sorted keys, integer counts, one feature per line."""
    head = {"classes": [c.value for c in CLASSES], "alpha": settings.alpha,
            "bigrams": settings.bigrams, "keyword_weight": settings.keyword_weight,
            "scale": scale, "letters_per_class": list(counts.letters_per_class)}
    rows = ",\n".join(f"  {json.dumps(feature, ensure_ascii=False)}: {_compact(row)}"
                       for feature, row in counts.features.items())
    return (json.dumps(head, ensure_ascii=False, sort_keys=True)[:-1]
            + ', "counts": {\n' + rows + "\n}}\n")


def _compact(row: tuple[int, ...]) -> str:
    return "[" + ",".join(str(n) for n in row) + "]"


def print_figures(letters: list[Letter], settings: Settings, scale: float) -> None:
    n = len(letters)
    alone = Settings(settings.bigrams, settings.alpha, settings.min_letters, 0.0)
    print(f"{n} training letters, {FOLDS}-fold CV (held-out letters never read)")
    for unseen, title in ((False, "every keyword counts in every fold"),
                          (True, "keywords no training-fold letter contains left out")):
        keywords, combined, loss = cross_validate(letters, settings, scale, unseen)
        model_only = cross_validate(letters, alone, scale, unseen)[1]
        print(f"  {title}:")
        print(f"    keywords only: {keywords}/{n} {keywords / n:.1%}")
        print(f"    model only:    {model_only}/{n} {model_only / n:.1%}")
        print(f"    combined:      {combined}/{n} {combined / n:.1%} (log-loss {loss:.3f})")
    print(f"  chosen: {settings}, confidence scale {scale}")
    print_calibration(letters, settings, scale)


CONFIDENCE_BANDS = (0.0, 0.3, 0.5, 0.7, 0.9)


def print_calibration(letters: list[Letter], settings: Settings, scale: float) -> None:
    """How often the cross-validated category is right in each band of its confidence
    (keywords unseen in the training folds left out): what a confidence says."""
    bands: dict[float, list[bool]] = {low: [] for low in CONFIDENCE_BANDS}
    assigned = folds(letters)
    for fold in range(FOLDS):
        train = [letter for letter, f in zip(letters, assigned, strict=True) if f != fold]
        known = {key for letter in train for key, _, _ in letter.hits}
        model = fit(train, settings, scale)
        for letter in (x for x, f in zip(letters, assigned, strict=True) if f == fold):
            category, confidence = combine(model, _features(letter, settings.bigrams),
                                           keyword_scores(letter, known))
            low = max(b for b in CONFIDENCE_BANDS if b <= confidence)
            bands[low].append(category is letter.category)
    print("  CV accuracy by confidence (keywords unseen in the training folds left out):")
    for low, high in itertools.pairwise((*CONFIDENCE_BANDS, 1.01)):
        right = bands[low]
        share = f"{sum(right) / len(right):.1%}" if right else "-"
        print(f"    {low:.1f}-{min(high, 1.0):.1f}: {sum(right)}/{len(right)} right ({share})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "tests/data/extraction")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--cv", action="store_true", help="print the cross-validation figures")
    args = parser.parse_args()
    letters = training_letters(args.data)
    settings, scale = choose(letters, args.cv)
    if args.cv:
        print_figures(letters, settings, scale)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(model_json(count(letters, settings), settings, scale), "utf-8")


if __name__ == "__main__":
    main()
