"""The digest as mail: figures turned into rows of text, the `digest` templates rendered in
the reader's language, charts attached inline, and the CSS inlined (css-inline) so that
mail clients which drop <style> blocks still show the HTML as designed. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import css_inline

from mailflow.digest.charts import Chart, draw_charts, histogram_labels
from mailflow.digest.model import DigestFigures
from mailflow.digest.period import PeriodKind
from mailflow.domain.labels import category_label, cause_label, outcome_label
from mailflow.send.render import TemplateRenderer, format_date, supported_language

CHART_LABELS = {
    "ru": {"per-day": "Новые претензии по дням и категориям (30 дней)",
           "open-overdue": "Открытые (синяя линия) и просроченные (красная) претензии на "
                           "конец каждого дня (30 дней)",
           "first-answer": "Время до первого ответа за период, часы",
           "hour": "ч"},
    "en": {"per-day": "New claims per day by category (30 days)",
           "open-overdue": "Open (blue line) and overdue (red line) claims at the end of "
                           "each day (30 days)",
           "first-answer": "Time to the first answer in the period, hours",
           "hour": "h"},
}
YES = {"ru": "да", "en": "yes"}
DIMENSIONS = {
    "ru": {"product": "товар", "product_sku": "артикул", "product_group": "группа товаров",
           "category": "категория", "cause": "причина", "carrier": "перевозчик",
           "supplier": "поставщик"},
    "en": {"product": "product", "product_sku": "article", "product_group": "product group",
           "category": "category", "cause": "cause", "carrier": "carrier",
           "supplier": "supplier"},
}
MISSING = {"ru": {"carrier": "перевозчик", "supplier": "поставщик"},
           "en": {"carrier": "carrier", "supplier": "supplier"}}
_CID = re.compile(r'src="cid:([^"]+)"')


@dataclass(frozen=True)
class RenderedDigest:
    subject: str
    text: str
    html: str
    charts: tuple[Chart, ...]


def render_digest(renderer: TemplateRenderer, figures: DigestFigures, language: str,
                  company_name: str, late_since: datetime | None = None,
                  images: tuple[Chart, ...] | None = None,
                  causes: Mapping[str, str] | None = None) -> RenderedDigest:
    """The digest in `language`; `late_since` (local time it was due) marks it as late.
    `images` are the charts when already drawn for another language; `causes` the
    [rules.causes] labels (the built-in ones when None)."""
    lang = supported_language(language)
    images = draw_charts(figures) if images is None else images
    rendered = renderer.render("digest", lang, company_name=company_name,
                               late_since=late_since, **view(figures, lang, causes),
                               charts=[{"cid": c.cid, "caption": CHART_LABELS[lang][c.cid]}
                                       for c in images])
    html = css_inline.inline(rendered.html)
    return RenderedDigest(rendered.subject, rendered.text, html, images)


def with_files(html: str, charts_by_cid: dict[str, str]) -> str:
    """The HTML with each `cid:` image pointing at its file beside it (the preview)."""
    return _CID.sub(lambda m: f'src="{charts_by_cid.get(m.group(1), m.group(1))}"', html)


def view(figures: DigestFigures, lang: str,
         causes: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Everything the templates show, as text already formatted for `lang`: categories,
    causes and outcomes in words."""
    period, activity, timings = figures.period, figures.activity, figures.timings
    zone = period.timezone
    return {
        "period_kind": period.kind.value,
        "period_label": period_label(figures, lang),
        "generated_at": figures.now.astimezone(zone),
        "activity": activity,
        "specialists": [[s.name, s.open, s.overdue, s.answered,
                         number(s.median_first_answer_hours, lang), YES[lang] if s.away else ""]
                        for s in figures.specialists],
        "categories": [[category_label(c.category, lang), c.count, c.previous, f"{c.change:+d}"]
                       for c in figures.categories],
        "timings": [[number(timings.first_median, lang), number(timings.first_p90, lang),
                     number(timings.resolution_median, lang),
                     number(timings.resolution_p90, lang)]],
        "answered": timings.answered, "resolved_count": timings.resolved,
        "within_policy": percent(timings.share(timings.within_policy), lang),
        "within_limit": percent(timings.share(timings.within_limit), lang),
        "unanswered_past_policy": timings.unanswered_past_policy,
        "overdue": [[o.number, o.customer, o.specialist,
                     o.created_at.astimezone(zone).strftime("%d.%m.%Y"),
                     number(o.working_hours, lang)] for o in figures.overdue],
        "overdue_total": figures.overdue_total,
        "weak_spots": [[DIMENSIONS[lang][w.dimension], _spot(w.dimension, w.value, lang, causes),
                        w.count, w.previous,
                        f"{w.count - w.previous:+d}", ", ".join(w.claims)]
                       for w in figures.weak_spots],
        "outcomes": [[cause_label(o.cause, lang, causes), outcome_label(o.outcome, lang),
                      o.count] for o in figures.outcomes],
        "compensation": [[cause_label(c.cause, lang, causes), c.claims,
                          money(c.amount_minor, c.currency, lang)]
                         for c in figures.compensation],
        "rating_period": number(figures.ratings.period_average, lang, 2),
        "rating_period_count": figures.ratings.period_count,
        "rating_window": number(figures.ratings.window_average, lang, 2),
        "rating_window_count": figures.ratings.window_count,
        "per_day": _per_day_rows(figures),
        "per_day_headers": [category_label(c, lang) for c in figures.series.by_category],
        "histogram": [[label, count] for label, count in zip(
            histogram_labels(CHART_LABELS[lang]["hour"]), figures.answer_histogram,
            strict=True)],
        "missing": ", ".join(MISSING[lang].get(name, name) for name in figures.missing),
    }


def _spot(dimension: str, value: str, lang: str, causes: Mapping[str, str] | None) -> str:
    """A weak spot's value: a category or cause in words, a product or party as it is."""
    if dimension == "category":
        return category_label(value, lang)
    return cause_label(value, lang, causes) if dimension == "cause" else value


def _per_day_rows(figures: DigestFigures) -> list[list[object]]:
    series = figures.series
    return [[day.strftime("%d.%m"), *(counts[i] for counts in series.by_category.values()),
             series.open[i], series.overdue[i]] for i, day in enumerate(series.days)]


def period_label(figures: DigestFigures, lang: str) -> str:
    """`2 December 2026`, or the first and last day of a week or month."""
    period = figures.period
    if period.kind is PeriodKind.DAY:
        return format_date(period.first, lang)
    return f"{format_date(period.first, lang)} – {format_date(period.last, lang)}"


def number(value: float | None, lang: str, digits: int = 1) -> str:
    """`12.5` (English) or `12,5` (Russian); an em dash when there is no value."""
    if value is None:
        return "—"
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "ru" else text


def percent(share: float | None, lang: str) -> str:
    return "—" if share is None else f"{number(share * 100, lang, 0)}%"


def money(amount_minor: int, currency: str, lang: str) -> str:
    """Minor units as the major amount with two decimals and the currency code."""
    return f"{number(amount_minor / 100, lang, 2)} {currency}".strip()
