"""The digest's charts as PNG bytes (matplotlib, Agg backend: no display, no files).

Every figure drawn here also stands as a table in the text part (templates/digest.*.txt.j2).
"""

from __future__ import annotations

import io
import itertools
from dataclasses import dataclass
from typing import Any

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from mailflow.digest.model import ANSWER_BUCKETS_HOURS, DigestFigures

WIDTH, HEIGHT, DPI = 7.2, 2.6, 100
OPEN_COLOUR, OVERDUE_COLOUR = "#1f6fb2", "#c0392b"


@dataclass(frozen=True)
class Chart:
    """One inline image: its Content-ID, file name and PNG bytes."""

    cid: str
    filename: str
    png: bytes


def draw_charts(figures: DigestFigures) -> tuple[Chart, ...]:
    """The three charts: claims per day by category, open against overdue, time to the first
    answer. They hold no words of any language (titles and the colours' meaning are the
    captions in the HTML), so one drawing serves every recipient."""
    return (Chart("per-day", "claims-per-day.png", _per_day(figures)),
            Chart("open-overdue", "open-overdue.png", _open(figures)),
            Chart("first-answer", "first-answer.png", _answers(figures)))


def histogram_labels(hour: str = "") -> list[str]:
    """`0-4 h`, `4-8 h`, ... `>120 h`: the histogram's buckets (`hour`: the unit's sign)."""
    bounds = (0, *ANSWER_BUCKETS_HOURS)
    labels = [f"{low}-{high}" for low, high in itertools.pairwise(bounds)] + [f">{bounds[-1]}"]
    return [f"{label} {hour}".strip() for label in labels]


def _day_ticks(axes: Any, figures: DigestFigures) -> None:
    """Every day of the window under the x axis as `dd.mm` (positions, not parsed text)."""
    days = figures.series.days
    axes.set_xticks(range(len(days)), [day.strftime("%d.%m") for day in days])
    axes.tick_params(axis="x", labelrotation=90, labelsize=7)


def _png(figure: Figure) -> bytes:
    for axes in figure.axes:
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts are whole
    buffer = io.BytesIO()
    # Fixed margins (room for the rotated day labels): tight_layout took a third of the time.
    figure.subplots_adjust(left=0.06, right=0.99, top=0.96, bottom=0.2)
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def _per_day(figures: DigestFigures) -> bytes:
    figure = Figure(figsize=(WIDTH, HEIGHT), dpi=DPI)
    axes = figure.subplots()
    days = range(len(figures.series.days))
    bottom = [0] * len(days)
    for category, counts in figures.series.by_category.items():
        axes.bar(days, counts, bottom=bottom, label=category)
        bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
    _day_ticks(axes, figures)
    if figures.series.by_category:
        axes.legend(fontsize=7, ncols=3)
    return _png(figure)


def _open(figures: DigestFigures) -> bytes:
    figure = Figure(figsize=(WIDTH, HEIGHT), dpi=DPI)
    axes = figure.subplots()
    days = range(len(figures.series.days))
    axes.plot(days, figures.series.open, color=OPEN_COLOUR, linewidth=2)
    axes.plot(days, figures.series.overdue, color=OVERDUE_COLOUR, linewidth=2)
    _day_ticks(axes, figures)
    return _png(figure)


def _answers(figures: DigestFigures) -> bytes:
    figure = Figure(figsize=(WIDTH, HEIGHT), dpi=DPI)
    axes = figure.subplots()
    labels = histogram_labels()
    axes.bar(range(len(labels)), figures.answer_histogram, color="#27ae60")
    axes.set_xticks(range(len(labels)), labels)
    axes.tick_params(axis="x", labelsize=7)
    return _png(figure)
