"""Extraction quality and cost: `python bench/extraction.py [--held-out-only|--train-only]
[--part training|held-out|fresh|fresh2|all] [--data DIR] [--misses all|train|none]`. Prints
figures, asserts nothing.

Reads DIR/letters/NNN.eml with DIR/expected/NNN.json (tests/data/extraction by default),
parses each letter as intake does, extracts its fields with DIR/catalogue.csv, and prints
per-field precision, recall and F1, the category accuracy with its confusion matrix and
the misses, separately for the training part and the held-out part (ids divisible by 5, and
every id of 251-300 and of 356-405). The two fresh held-out sets (251-300, written after the
first tuning; 356-405, written blind during the second) are also shown as parts of their own,
summary only: their misses are never printed, in any part, so that they stay unseen by
whoever tunes the extractor (--part training or --misses train print the training misses
only; --part fresh and --part fresh2 print one fresh summary only). Lists are compared as
multisets; free-text fields (grounds, location, product names) count as a hit when the
found value holds at least half of the expected words (case and word forms folded).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mailflow.extract.config import (  # noqa: E402
    ExtractConfig,
    default_extract_config,
    read_catalogue,
)
from mailflow.extract.fields import extract, warm_up  # noqa: E402
from mailflow.extract.lemmas import english_stem, is_cyrillic, russian_lemma  # noqa: E402
from mailflow.extract.model import (  # noqa: E402
    AttachmentInput,
    Category,
    ClaimText,
    Extraction,
    FieldName,
)
from mailflow.parse.limits import Limits  # noqa: E402
from mailflow.parse.parser import parse_message  # noqa: E402
from mailflow.parse.quotes import split_reply  # noqa: E402

FRESH_FROM = 251   # ids 251-300: the second, fresh held-out set
FRESH_TO = 300     # ids 301-355: more letters, held out every fifth like the first 250
FRESH2_FROM = 356  # ids 356-405: the third held-out set ("fresh2"), written blind
FRESH2_TO = 405    # while the extractor was tuned again
FREE_TEXT = {FieldName.GROUNDS, FieldName.LOCATION, FieldName.PRODUCT_NAME}
WORD = re.compile(r"[^\W_]{1,40}")
# Fields the letters are not labelled with yet: not scored (every value would count as
# wrong), until the labels say which carrier each letter names.
UNLABELLED = {FieldName.CARRIER, FieldName.SUPPLIER}


@dataclass
class Tally:
    hits: int = 0
    found: int = 0
    expected: int = 0

    def line(self, name: str) -> str:
        precision = self.hits / self.found if self.found else 1.0
        recall = self.hits / self.expected if self.expected else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return (f"  {name:<18} P {precision:6.1%}  R {recall:6.1%}  F1 {f1:6.1%}"
                f"   (hit {self.hits}, found {self.found}, expected {self.expected})")


@dataclass
class Part:
    name: str
    tallies: dict[FieldName, Tally] = field(default_factory=lambda: {n: Tally() for n in FieldName})
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    letters: int = 0
    withheld_misses: int = 0   # misses in fresh letters: counted, never printed


def folded_words(text: str) -> list[str]:
    return [russian_lemma(w.lower()) if is_cyrillic(w) else english_stem(w)
            for w in WORD.findall(text)]


def similar(found: str, expected: str) -> bool:
    wanted = folded_words(expected)
    have = set(folded_words(found))
    return bool(wanted) and sum(w in have for w in wanted) >= len(wanted) / 2


def compare(
    name: FieldName, found: list[str], expected: list[str]
) -> tuple[int, list[str], list[str]]:
    """Hits, the found values that missed, the expected values not found."""
    if name in FREE_TEXT:
        left = list(found)
        missing: list[str] = []
        for value in expected:
            match = next((f for f in left if similar(f, value)), None)
            if match is None:
                missing.append(value)
            else:
                left.remove(match)
        return len(expected) - len(missing), left, missing
    common = Counter(found) & Counter(expected)
    return (sum(common.values()), list((Counter(found) - common).elements()),
            list((Counter(expected) - common).elements()))


def _fresh_set(stem: str) -> str | None:
    """Which fresh held-out set a letter belongs to: "fresh" (251-300), "fresh2" (356-405)."""
    number = int(stem)
    if FRESH_FROM <= number <= FRESH_TO:
        return "fresh"
    if FRESH2_FROM <= number <= FRESH2_TO:
        return "fresh2"
    return None


def _held_out_id(stem: str) -> bool:
    """Every fifth letter, and every letter of the fresh sets 251-300 and 356-405 (written
    later, unseen)."""
    return int(stem) % 5 == 0 or _fresh_set(stem) is not None


def claim_text(raw: bytes) -> tuple[ClaimText, float]:
    started = time.process_time()
    message = parse_message(raw, Limits())
    parse_seconds = time.process_time() - started
    parts = split_reply(message.text)
    text = ClaimText(
        subject=message.subject,
        body=parts.own,
        signature=parts.signature,
        language=message.language or "ru",
        attachments=tuple(AttachmentInput(a.filename, a.content_type, a.payload)
                          for a in message.attachments),
        reference_date=message.date.date() if message.date else None,
    )
    return text, parse_seconds


def score(part: Part, letter_id: str, extraction: Extraction, expected: dict[str, object]) -> None:
    part.letters += 1
    wanted_fields = expected["fields"]
    assert isinstance(wanted_fields, dict)
    for name in FieldName:
        if name in UNLABELLED:
            continue
        raw = wanted_fields.get(name.value, [])
        wanted = [str(raw)] if isinstance(raw, int) else [str(v) for v in raw]
        found = [f.value for f in extraction.fields if f.name is name]
        hits, extra, missing = compare(name, found, wanted)
        tally = part.tallies[name]
        tally.hits += hits
        tally.found += len(found)
        tally.expected += len(wanted)
        if extra or missing:
            part.misses.append(f"  {letter_id} {name.value}: found {extra} expected {missing}")
    category = str(expected["category"])
    part.confusion[(category, extraction.category.value)] += 1
    if category != extraction.category.value:
        part.misses.append(f"  {letter_id} category: found {extraction.category.value} "
                           f"({extraction.category_confidence}) expected {category}")


def report(part: Part, show_misses: bool) -> None:
    if not part.letters:
        return
    print(f"\n== {part.name}: {part.letters} letters")
    right = sum(n for (want, got), n in part.confusion.items() if want == got)
    print(f"  category accuracy {right / part.letters:.1%} ({right}/{part.letters})")
    names = [c.value for c in Category]
    print("  confusion (rows expected, columns found):")
    print("  " + " " * 11 + "".join(f"{n[:8]:>9}" for n in names))
    for want in names:
        print(f"  {want:<11}" + "".join(f"{part.confusion[(want, got)]:>9}" for got in names))
    print("  fields:")
    for name, tally in part.tallies.items():
        if tally.expected or tally.found:
            print(tally.line(name.value))
    if show_misses:
        print("  misses:")
        print("\n".join(part.misses) or "  none")


def report_summary(part: Part) -> None:
    """Category accuracy and per-field figures only: no confusion matrix, no misses."""
    if not part.letters:
        return
    print(f"\n== {part.name}: {part.letters} letters (summary only, misses never shown)")
    right = sum(n for (want, got), n in part.confusion.items() if want == got)
    print(f"  category accuracy {right / part.letters:.1%} ({right}/{part.letters})")
    print("  fields:")
    for name, tally in part.tallies.items():
        if tally.expected or tally.found:
            print(tally.line(name.value))


def score_held_out(held_out: Part, fresh: Part | None, letter_id: str, extraction: Extraction,
                   expected: dict[str, object]) -> None:
    """A held-out letter counts in the held-out part; a fresh one also in its fresh part,
    and its misses are withheld from both."""
    if fresh is None:
        score(held_out, letter_id, extraction, expected)
        return
    before = len(held_out.misses)
    score(held_out, letter_id, extraction, expected)
    held_out.withheld_misses += len(held_out.misses) - before
    del held_out.misses[before:]
    score(fresh, letter_id, extraction, expected)
    fresh.withheld_misses += len(fresh.misses)
    fresh.misses.clear()


def wanted(part_choice: str, is_held_out: bool, fresh_set: str | None) -> bool:
    """Whether --part asks for this letter."""
    return {"all": True, "training": not is_held_out, "held-out": is_held_out,
            "fresh": fresh_set == "fresh", "fresh2": fresh_set == "fresh2"}[part_choice]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    only = parser.add_mutually_exclusive_group()
    only.add_argument("--held-out-only", action="store_true")
    only.add_argument("--train-only", action="store_true")
    parser.add_argument("--data", type=Path, default=ROOT / "tests/data/extraction")
    parser.add_argument("--misses", choices=("all", "train", "none"), default="all")
    parser.add_argument("--part", choices=("training", "held-out", "fresh", "fresh2", "all"),
                        default="all",
                        help="score only this part (held-out includes the fresh 251-300 and "
                             "the fresh2 356-405; fresh and fresh2 print their summary only)")
    args = parser.parse_args()
    if args.held_out_only:
        args.part = "held-out"
    elif args.train_only:
        args.part = "training"

    catalogue_path = args.data / "catalogue.csv"
    catalogue = read_catalogue(catalogue_path.read_text("utf-8")) if catalogue_path.exists() else ()
    config = default_extract_config(catalogue)
    train, held_out = Part("training part"), Part("held-out part")
    fresh_parts = {"fresh": Part("fresh held-out (251-300)"),
                   "fresh2": Part("fresh2 held-out (356-405)")}
    parse_times: list[float] = []
    extract_times: list[float] = []
    first_call: float | None = None
    texts: list[ClaimText] = []
    started = time.process_time()
    warm_up(config)  # as the daemon does once at start-up
    warm_up_seconds = time.process_time() - started
    for path in sorted((args.data / "letters").glob("*.eml")):
        if args.part == "training" and _held_out_id(path.stem):
            continue  # not even read
        expected = json.loads((args.data / "expected" / f"{path.stem}.json").read_text("utf-8"))
        fresh_set = _fresh_set(path.stem)
        is_held_out = (bool(expected.get("held_out", int(path.stem) % 5 == 0))
                       or fresh_set is not None)
        if not wanted(args.part, is_held_out, fresh_set):
            continue
        text, parse_seconds = claim_text(path.read_bytes())
        texts.append(text)
        started = time.process_time()
        extraction = extract(text, config, clock=time.monotonic)
        seconds = time.process_time() - started
        if first_call is None:
            first_call = seconds  # after the warm-up: no lazy import left
        else:
            extract_times.append(seconds)
        parse_times.append(parse_seconds)
        if is_held_out:
            fresh = fresh_parts[fresh_set] if fresh_set else None
            score_held_out(held_out, fresh, path.stem, extraction, expected)
        else:
            score(train, path.stem, extraction, expected)

    if args.part not in fresh_parts:
        report(train, args.misses in ("all", "train"))
        report(held_out, args.misses == "all")
        if held_out.withheld_misses and args.misses == "all":
            print(f"  ({held_out.withheld_misses} misses in the fresh letters 251-300 and "
                  f"356-405 not shown)")
    for fresh in fresh_parts.values():
        report_summary(fresh)
    if parse_times and extract_times:
        print_cost(parse_times, extract_times, first_call or 0.0, texts, config)
        print(f"warm-up at start-up (imports pymorphy3, dateparser, phonenumbers, rapidfuzz, "
              f"pypdf, python-docx, openpyxl; "
              f"builds the keyword forms and the catalogue index): {warm_up_seconds * 1000:.0f} ms")


def print_cost(parse_times: list[float], extract_times: list[float], first_call: float,
               texts: list[ClaimText], config: ExtractConfig) -> None:
    """CPU per letter: the first pass (cold caches: every word new to the lemmatizer and
    the catalogue look-up) and a second pass over the same letters (warm caches, as in a
    long-running daemon), split by whether the letter has attachments."""
    extract_ms = statistics.mean(extract_times) * 1000
    parse_ms = statistics.mean(parse_times) * 1000
    print(f"\ncost per letter (CPU), first pass: extract mean {extract_ms:.2f} ms, median "
          f"{statistics.median(extract_times) * 1000:.2f} ms, "
          f"max {max(extract_times) * 1000:.2f} ms; parse mean {parse_ms:.2f} ms;"
          f" extract/parse {extract_ms / parse_ms:.2f}")
    print(f"first letter after the warm-up: {first_call * 1000:.1f} ms")
    for label, group in (("without attachments", [t for t in texts if not t.attachments]),
                         ("with attachments", [t for t in texts if t.attachments])):
        if not group:
            continue
        started = time.process_time()
        for text in group:
            extract(text, config, clock=time.monotonic)
        mean_ms = (time.process_time() - started) / len(group) * 1000
        print(f"second pass, {len(group)} letters {label}: extract mean {mean_ms:.2f} ms")


if __name__ == "__main__":
    main()
