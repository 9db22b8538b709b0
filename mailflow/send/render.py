"""The jinja2 adapter: render outgoing mail from the templates folder.

Each mail has three templates per language: `<name>.<lang>.subject.j2`,
`<name>.<lang>.txt.j2` and `<name>.<lang>.html.j2`. Only the HTML ones are
autoescaped (customer text can contain `<script>`); a missing variable is an error
(StrictUndefined), and a broken template is reported as a ConfigError naming it.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError, select_autoescape

from mailflow.errors import ConfigError
from mailflow.react.acknowledge import RenderedMail

SUPPORTED_LANGUAGES = ("ru", "en")
FALLBACK_LANGUAGE = "en"
_MONTHS = {
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
           "сентября", "октября", "ноября", "декабря"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}


def supported_language(language: str | None) -> str:
    """`ru` or `en` from a tag like `ru-RU`; anything else falls back to English."""
    primary = (language or "").strip().lower().replace("_", "-").partition("-")[0]
    return primary if primary in SUPPORTED_LANGUAGES else FALLBACK_LANGUAGE


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
    """Renders the mail templates found in `templates_dir`."""

    def __init__(self, templates_dir: Path) -> None:
        self._templates_dir = templates_dir
        self._environment = Environment(
            loader=FileSystemLoader(templates_dir),
            autoescape=select_autoescape(["html", "html.j2"]),
            undefined=StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )

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

    def _render(self, template_name: str, values: dict[str, object]) -> str:
        try:
            return self._environment.get_template(template_name).render(values)
        except TemplateError as error:
            where = str(self._templates_dir / template_name)
            raise ConfigError(f"cannot render template: {error}", path=where) from error
