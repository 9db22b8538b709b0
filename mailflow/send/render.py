"""The jinja2 adapter: render outgoing mail from the templates folder.

Each mail has three templates per language: `<name>.<lang>.subject.j2`,
`<name>.<lang>.txt.j2` and `<name>.<lang>.html.j2`. Only the HTML ones are
autoescaped (customer text can contain `<script>`); a missing variable is an error
(StrictUndefined), and a broken template is reported as a ConfigError naming it.
Templates word codes through the filters `status_label`, `status_next_step`,
`priority_label`, `deadline_label`, `working_days`, `working_hours` and `filesize`, each
taking the language: `{{ status|status_label('ru') }}`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    meta,
    select_autoescape,
)

from mailflow.domain.labels import FALLBACK_LANGUAGE as FALLBACK_LANGUAGE
from mailflow.domain.labels import SUPPORTED_LANGUAGES as SUPPORTED_LANGUAGES
from mailflow.domain.labels import (
    category_label,
    cause_label,
    compensation_label,
    deadline_label,
    demand_label,
    field_label,
    field_value,
    format_size,
    outcome_label,
    priority_label,
    source_label,
    status_label,
    status_next_step,
    working_days,
    working_hours,
)
from mailflow.domain.labels import supported_language as supported_language
from mailflow.errors import ConfigError
from mailflow.send.tables import text_table


@dataclass(frozen=True)
class RenderedMail:
    """A template rendered for one language: subject line, plain text and HTML."""

    subject: str
    text: str
    html: str


_FILTERS = {
    "status_label": status_label,
    "status_next_step": status_next_step,
    "priority_label": priority_label,
    "filesize": format_size,
    "deadline_label": deadline_label,
    "working_days": working_days,
    "working_hours": working_hours,
    "field_label": field_label,
    "source_label": source_label,
    "text_table": text_table,
    "category_label": category_label,
    "demand_label": demand_label,
    "field_value": field_value,
    "outcome_label": outcome_label,
    "compensation_label": compensation_label,
    "cause_label": cause_label,
}
_MONTHS = {
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
           "сентября", "октября", "ноября", "декабря"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}


def format_date(value: date, language: str) -> str:
    """`1 декабря 2026 г.` (Russian business style) or `1 December 2026`."""
    lang = supported_language(language)
    text = f"{value.day} {_MONTHS[lang][value.month - 1]} {value.year}"
    return f"{text} г." if lang == "ru" else text


def format_datetime(value: datetime, language: str) -> str:
    """`1 декабря 2026 г. в 14:05` or `1 December 2026 at 14:05`, in the value's own zone."""
    joiner = "в" if supported_language(language) == "ru" else "at"
    return f"{format_date(value, language)} {joiner} {value:%H:%M}"


def _localised(value: object, language: str) -> object:
    if isinstance(value, datetime):
        return format_datetime(value, language)
    if isinstance(value, date):
        return format_date(value, language)
    return value


class TemplateRenderer:
    """Renders the mail templates found in `templates_dir`; with `overrides` (a mailbox's own
    templates folder), a template found there is used instead, file by file."""

    def __init__(self, templates_dir: Path, overrides: Path | None = None) -> None:
        self._templates_dir = templates_dir
        self._loader = FileSystemLoader(
            [overrides, templates_dir] if overrides is not None else templates_dir)
        self._environment = Environment(
            loader=self._loader,
            autoescape=select_autoescape(["html", "html.j2"]),
            undefined=StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self._environment.filters.update(_FILTERS)

    def render_acknowledgement(self, language: str | None, **context: object) -> RenderedMail:
        """The acknowledgement in `language` (English when unsupported).

        Date and datetime values in `context` are formatted for the language.
        """
        return self.render("acknowledgement", language, **context)

    def render(self, name: str, language: str | None, **context: object) -> RenderedMail:
        """Subject, text and HTML of the `name` templates in `language`."""
        lang = supported_language(language)
        values = {key: _localised(value, lang) for key, value in context.items()}
        subject = self._render(f"{name}.{lang}.subject.j2", values)
        return RenderedMail(
            subject=" ".join(subject.split()),
            text=self._render(f"{name}.{lang}.txt.j2", values),
            html=self._render(f"{name}.{lang}.html.j2", values),
        )

    def context_names(self, name: str, language: str | None) -> frozenset[str]:
        """The variables the `name` templates in `language` read (included partials aside)."""
        lang = supported_language(language)
        return frozenset().union(*(
            self._variables(f"{name}.{lang}.{part}.j2") for part in ("subject", "txt", "html")))

    def _variables(self, template_name: str) -> set[str]:
        try:
            source, _, _ = self._loader.get_source(self._environment, template_name)
            return meta.find_undeclared_variables(self._environment.parse(source))
        except TemplateError as error:
            where = str(self._templates_dir / template_name)
            raise ConfigError(f"cannot read template: {error}", path=where) from error

    def _render(self, template_name: str, values: dict[str, object]) -> str:
        try:
            return self._environment.get_template(template_name).render(values)
        except TemplateError as error:
            where = str(self._templates_dir / template_name)
            raise ConfigError(f"cannot render template: {error}", path=where) from error
