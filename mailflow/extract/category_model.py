"""A small statistical category model learned from the labelled training letters
(bench/train_category.py writes extract/data/category_model.json), combined with the
keyword scores so that words no keyword list names still count.

The model is a multinomial naive Bayes over the letter's distinct words (Russian lemmas,
English stems, bigrams of them). The file holds, per feature, how many training letters of
each category contain it; the log-probabilities are computed from these counts when the
file is first read, and a letter's score is then a sum of them: no fitting library is
needed, here or in the training script. The combined score of a category is the model's log
posterior plus `keyword_weight` times the keyword score; the confidence is the combined
softmax probability of the winner (its `scale` was chosen on the training letters by
cross-validation)."""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from mailflow.extract.lemmas import Token, english_stem, is_cyrillic, russian_lemma
from mailflow.extract.meaning import NEGATIONS
from mailflow.extract.model import Category

MODEL_PATH = Path(__file__).resolve().parent / "data" / "category_model.json"


@dataclass(frozen=True)
class CategoryModel:
    """Naive Bayes log-probabilities and how they are combined with the keywords."""

    classes: tuple[Category, ...]
    log_priors: tuple[float, ...]
    log_likelihoods: Mapping[str, tuple[float, ...]]
    bigrams: bool
    keyword_weight: float
    scale: float

    def log_posteriors(self, features: Iterable[str]) -> dict[Category, float]:
        """Log P(category | the letter's features), normalised over the categories."""
        totals = list(self.log_priors)
        for feature in set(features):
            row = self.log_likelihoods.get(feature)
            if row is not None:
                totals = [total + value for total, value in zip(totals, row, strict=True)]
        return dict(zip(self.classes, _log_normalised(totals), strict=True))


def _log_normalised(values: Sequence[float]) -> list[float]:
    top = max(values)
    log_sum = top + math.log(sum(math.exp(value - top) for value in values))
    return [value - log_sum for value in values]


def word_features(words: Sequence[Token], bigrams: bool) -> list[str]:
    """The letter's words folded (Russian lemma with ё as е, English stem, the Cyrillic
    reading of a transliterated word), each word right after a negation once more marked
    as negated, and optionally each pair of neighbours."""
    folded = [_fold(token) for token in words]
    features = list(folded)
    features += [token.alternative for token in words
                 if token.alternative is not None and not is_cyrillic(token.text)]
    features += negated_features(words, folded)
    if bigrams:
        features += [f"{first} {second}" for first, second in itertools.pairwise(folded)]
    return features


NEGATED = "not:"


def negated_features(words: Sequence[Token], folded: Sequence[str]) -> list[str]:
    """«не работает», "doesn't charge", "no sound": the word after a negation in the same
    clause, marked (`not:работать`), so that the model tells "works" from "does not work"."""
    return [NEGATED + folded[index] for index in range(1, len(words))
            if not words[index].after_break and _is_negation(folded[index - 1])]


def _is_negation(word: str) -> bool:
    return word in NEGATIONS or word.endswith(("n't", "n’t"))


def _fold(token: Token) -> str:
    word = token.text.lower()
    if is_cyrillic(word):
        return russian_lemma(word).replace("ё", "е")
    return english_stem(word)


def combine(model: CategoryModel, features: Iterable[str],
            keyword_scores: Mapping[Category, float]) -> tuple[Category, float]:
    """The category with the best combined score and its probability as the confidence."""
    posteriors = model.log_posteriors(features)
    combined = {category: posteriors[category]
                + model.keyword_weight * keyword_scores.get(category, 0.0)
                for category in model.classes}
    best = max(model.classes, key=lambda category: (combined[category], -_order(category)))
    scaled = [model.scale * value for value in combined.values()]
    probability = math.exp(_log_normalised(scaled)[model.classes.index(best)])
    return best, round(probability, 2)


def _order(category: Category) -> int:
    return list(Category).index(category)


def naive_bayes(counts: Mapping[str, Sequence[int]], letters_per_class: Sequence[int],
                alpha: float, bigrams: bool, keyword_weight: float, scale: float
                ) -> CategoryModel:
    """The model from how many letters of each category hold each feature: Laplace
    smoothing `alpha` for the features, add-one for the priors."""
    classes = tuple(Category)
    totals = [sum(row[index] for row in counts.values()) + alpha * len(counts)
              for index in range(len(classes))]
    log_likelihoods = {
        feature: tuple(math.log((count + alpha) / total) for count, total in zip(row, totals,
                                                                                   strict=True))
        for feature, row in counts.items()}
    letters = sum(letters_per_class)
    log_priors = tuple(math.log((n + 1) / (letters + len(classes))) for n in letters_per_class)
    return CategoryModel(classes, log_priors, log_likelihoods, bigrams, keyword_weight, scale)


def model_from_json(text: str) -> CategoryModel:
    """The model from the JSON the training script writes (bench/train_category.py)."""
    data = json.loads(text)
    if [c.value for c in Category] != data["classes"]:
        raise ValueError("the category model was trained for other categories")
    return naive_bayes(
        counts={feature: tuple(int(n) for n in row) for feature, row in data["counts"].items()},
        letters_per_class=tuple(int(n) for n in data["letters_per_class"]),
        alpha=float(data["alpha"]), bigrams=bool(data["bigrams"]),
        keyword_weight=float(data["keyword_weight"]), scale=float(data["scale"]))


@lru_cache(maxsize=1)
def shipped_model() -> CategoryModel:
    """The model shipped in the package, read once."""
    return model_from_json(MODEL_PATH.read_text("utf-8"))
