"""The `[extraction]` section: reading claims (catalogue, caps) and what each one needs."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, field_validator

from mailflow.config.sections import Section
from mailflow.decide.completeness import DEFAULT_REQUIRED as REQUIRED_BY_CATEGORY
from mailflow.extract.carriers import DEFAULT_CARRIERS, Carrier
from mailflow.extract.keywords import DEFAULT_CATEGORY_KEYWORDS
from mailflow.extract.model import Category, FieldName

DEFAULT_REQUIRED: dict[str, tuple[str, ...]] = {
    category: tuple(name.value for name in names)
    for category, names in REQUIRED_BY_CATEGORY.items()}


# A keyword without a weight of its own (written in a list) counts this much.
DEFAULT_KEYWORD_WEIGHT = 2.0
Keywords = dict[str, float] | list[str]


class CategoryKeywordSettings(Section):
    """`[extraction.categories.<category>]`: the keywords of one category per language."""

    # Keywords as lemmas or any word form ("повредить" also matches «повредили»,
    # «повреждён»); a phrase is several words in order. A table gives each its weight
    # (how telling it is), a list gives each the weight 2.
    ru: Keywords = Field(default_factory=dict)
    en: Keywords = Field(default_factory=dict)
    # true: added to the built-in keywords of the category; false: they replace them.
    extend: bool = True

    def weighted(self, language: str) -> dict[str, float]:
        given = self.ru if language == "ru" else self.en
        if isinstance(given, list):
            return dict.fromkeys(given, DEFAULT_KEYWORD_WEIGHT)
        return dict(given)


class CarrierSettings(Section):
    """`[[extraction.carriers]]`: a carrier as stored and shown, and how customers write it."""

    name: str
    # Other spellings, matched as whole words in any case; a short all-capitals alias
    # ("UPS", "КИТ") only in capitals. Russian case forms match too («СДЭКом»).
    aliases: list[str] = Field(default_factory=list)

    @field_validator("name")
    @classmethod
    def _has_letters(cls, value: str) -> str:
        if not any(char.isalpha() for char in value):
            raise ValueError(f"key extraction.carriers.name: a carrier's name needs letters, "
                             f"got {value!r}")
        return value.strip()


class ExtractionSettings(Section):
    # Read each customer's claim for its fields (order, product, quantities, demand…).
    enabled: bool = True
    # Optional product catalogue, CSV with a header: article,name,group,warranty_months.
    catalogue: Path | None = None
    # Attachment text is read up to this many bytes, PDF pages and seconds per message.
    max_attachment_bytes: int = Field(default=5 * 1024 * 1024, ge=0)
    max_pdf_pages: int = Field(default=20, ge=0)
    seconds_per_message: float = Field(default=2.0, gt=0)
    # The extractor's category is used when it is at least this sure (0..1); below it the
    # keywords of [categories] decide.
    category_threshold: float = Field(default=0.3, ge=0, le=1)
    # Weigh the keywords together with the category model learned from labelled letters
    # (mailflow/extract/data/category_model.json); false: the keywords alone decide.
    category_model: bool = True
    # What each category of claim needs ("*": every category); the acknowledgement asks the
    # customer for what is missing. Field names as in `claims show --format json`.
    required: dict[str, tuple[str, ...]] = Field(default_factory=lambda: dict(DEFAULT_REQUIRED))
    # Keywords that recognise each category, per language (built-in lists when absent).
    categories: dict[str, CategoryKeywordSettings] = Field(default_factory=dict)
    # Carriers recognised in claims (field `carrier`), added to the built-in list (a carrier
    # of the same name replaces the built-in one); builtin_carriers = false keeps only these.
    carriers: list[CarrierSettings] = Field(default_factory=list)
    builtin_carriers: bool = True

    @field_validator("categories")
    @classmethod
    def _known_categories(cls, value: dict[str, CategoryKeywordSettings]
                          ) -> dict[str, CategoryKeywordSettings]:
        known = {category.value for category in Category}
        for name, section in value.items():
            if name not in known:
                raise ValueError(f"key extraction.categories.{name}: unknown category "
                                 f"(known: {', '.join(sorted(known))})")
            for language in ("ru", "en"):
                for keyword, weight in section.weighted(language).items():
                    where = f"extraction.categories.{name}.{language}"
                    if not keyword.strip() or not any(char.isalpha() for char in keyword):
                        raise ValueError(f"key {where}: a keyword needs letters, got {keyword!r}")
                    if not 0 < weight <= 10:
                        raise ValueError(f"key {where}: the weight of {keyword!r} must be "
                                         f"above 0 and at most 10, got {weight}")
        return value

    @field_validator("required")
    @classmethod
    def _known_fields(cls, value: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        known = {name.value for name in FieldName}
        for category, names in value.items():
            unknown = [name for name in names if name not in known]
            if unknown:
                raise ValueError(f"key extraction.required.{category}: unknown field "
                                 f"{unknown[0]!r} (known: {', '.join(sorted(known))})")
        return value

    def required_fields(self) -> dict[str, tuple[FieldName, ...]]:
        return {category: tuple(FieldName(name) for name in names)
                for category, names in self.required.items()}

    def category_keywords(self) -> dict[Category, dict[str, tuple[tuple[str, float], ...]]]:
        """The built-in keywords with `[extraction.categories]` added or put in their place."""
        merged = {category: dict(by_language)
                  for category, by_language in DEFAULT_CATEGORY_KEYWORDS.items()}
        for name, section in self.categories.items():
            category = Category(name)
            for language in ("ru", "en"):
                given = section.weighted(language)
                if not given and section.extend:
                    continue
                kept: dict[str, float] = {}
                for keyword, weight in merged[category].get(language, ()) if section.extend else ():
                    kept[keyword] = max(weight, kept.get(keyword, 0.0))
                kept.update(given)
                merged[category][language] = tuple(kept.items())
        return merged

    def carrier_list(self) -> tuple[Carrier, ...]:
        """The built-in carriers (unless turned off) with `[[extraction.carriers]]`."""
        merged = {carrier.name: carrier
                  for carrier in (DEFAULT_CARRIERS if self.builtin_carriers else ())}
        for given in self.carriers:
            merged[given.name] = Carrier(given.name, tuple(a.strip() for a in given.aliases
                                                           if a.strip()))
        return tuple(merged.values())
