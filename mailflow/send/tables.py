"""Plain-text tables for the text part of mail (aligned columns, a rule under the header)."""

from __future__ import annotations

from collections.abc import Sequence


def text_table(rows: Sequence[Sequence[object]], headers: Sequence[str]) -> str:
    """`rows` under `headers`, columns padded to their widest cell; numbers right-aligned."""
    cells = [[str(cell) for cell in row] for row in rows]
    widths = [max([len(header)] + [len(row[i]) for row in cells])
              for i, header in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(_pad(value, width) for value, width in zip(values, widths, strict=True)
                         ).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(list(headers)), rule, *(line(row) for row in cells)])


def _pad(value: str, width: int) -> str:
    numeric = value.replace(",", "").replace(".", "").replace("%", "").lstrip("+-").isdigit()
    return value.rjust(width) if numeric else value.ljust(width)
