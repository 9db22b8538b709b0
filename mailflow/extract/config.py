"""The extractor's configuration: keywords per category and language, the product
catalogue and the caps on reading attachments."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from mailflow.extract.carriers import DEFAULT_CARRIERS, Carrier
from mailflow.extract.keywords import DEFAULT_CATEGORY_KEYWORDS
from mailflow.extract.model import Category


@dataclass(frozen=True)
class CatalogueEntry:
    """One product of the optional catalogue."""

    article: str
    name: str
    group: str
    warranty_months: int | None
    supplier: str = ""


@dataclass(frozen=True)
class AttachmentCaps:
    """How much of an attachment the extractor may read before it gives up with a note."""

    max_bytes: int = 5_000_000
    max_pdf_pages: int = 30
    max_sheet_rows: int = 2_000
    max_text_chars: int = 50_000
    max_unzipped_bytes: int = 50_000_000
    max_zip_ratio: int = 200
    time_budget_seconds: float = 2.0


# A keyword is one or more words; each word is folded to its lemma (Russian) or stem
# (English) before matching, so any word form counts. The weight says how telling it is.
Keyword = tuple[str, float]
CategoryKeywords = dict[Category, dict[str, tuple[Keyword, ...]]]


@dataclass(frozen=True)
class ExtractConfig:
    """Everything the pure extractor needs besides the claim's text."""

    category_keywords: CategoryKeywords = field(
        default_factory=lambda: dict(DEFAULT_CATEGORY_KEYWORDS)
    )
    catalogue: tuple[CatalogueEntry, ...] = ()
    caps: AttachmentCaps = field(default_factory=AttachmentCaps)
    # Regions tried, in order, for a phone number written without a country code.
    phone_regions: dict[str, tuple[str, ...]] = field(
        default_factory=lambda: {"ru": ("RU",), "en": ("RU", "US", "GB")}
    )
    # Weigh the keyword scores together with the statistical model learned from the
    # labelled letters (extract/category_model.py); False: the keywords alone decide.
    category_model: bool = True
    # Carriers named in the customer's text and attachments (field `carrier`).
    carriers: tuple[Carrier, ...] = DEFAULT_CARRIERS
    # Categories whose letters are about goods counted: a letter surely (at least
    # `uncounted_confidence`) of another category gets no quantities (a question about a
    # bulk discount or a courier's manners counts no goods of the claim).
    counted_categories: frozenset[Category] = frozenset(
        {Category.DAMAGE, Category.DELAY, Category.SHORTAGE, Category.DEFECT,
         Category.WRONG_ITEM})
    uncounted_confidence: float = 0.5

    def __hash__(self) -> int:
        return id(self)


def default_extract_config(catalogue: tuple[CatalogueEntry, ...] = ()) -> ExtractConfig:
    """The built-in keywords and caps, with an optional catalogue."""
    return ExtractConfig(catalogue=catalogue)


def read_catalogue(csv_text: str) -> tuple[CatalogueEntry, ...]:
    """The catalogue from CSV text with a header `article,name,group,warranty_months` and
    an optional `supplier` column; rows without an article or a name are skipped."""
    entries: list[CatalogueEntry] = []
    for row in csv.DictReader(io.StringIO(csv_text)):
        article = (row.get("article") or "").strip()
        name = (row.get("name") or "").strip()
        if not article or not name:
            continue
        months = (row.get("warranty_months") or "").strip()
        entries.append(
            CatalogueEntry(
                article=article,
                name=name,
                group=(row.get("group") or "").strip(),
                warranty_months=int(months) if months.isdigit() else None,
                supplier=(row.get("supplier") or "").strip(),
            )
        )
    return tuple(entries)
