"""The `[extraction]` section: reading claims (catalogue, caps) and what each one needs."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, field_validator

from mailflow.config.sections import Section
from mailflow.decide.completeness import DEFAULT_REQUIRED as REQUIRED_BY_CATEGORY
from mailflow.extract.model import FieldName

DEFAULT_REQUIRED: dict[str, tuple[str, ...]] = {
    category: tuple(name.value for name in names)
    for category, names in REQUIRED_BY_CATEGORY.items()}


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
    # What each category of claim needs ("*": every category); the acknowledgement asks the
    # customer for what is missing. Field names as in `claims show --format json`.
    required: dict[str, tuple[str, ...]] = Field(default_factory=lambda: dict(DEFAULT_REQUIRED))

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
