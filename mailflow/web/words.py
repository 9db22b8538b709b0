"""The words of the web pages, in Russian and English (one table, so no page misses one)."""

from __future__ import annotations

from typing import Any

WORDS: dict[str, dict[str, str]] = {
    "site_title": {"ru": "Претензии", "en": "Claims"},
    "staff_login": {"ru": "Вход для сотрудников", "en": "Staff sign-in"},
    "customer_hint": {"ru": "Чтобы увидеть свою претензию, откройте ссылку из нашего письма.",
                      "en": "To see your claim, open the link in our email."},
    "not_found": {"ru": "Страница не найдена или ссылка больше не действует.",
                  "en": "Page not found, or the link is no longer valid."},
    "forbidden": {"ru": "Доступ запрещён.", "en": "Access denied."},
    "bad_request": {"ru": "Запрос не понят. Вернитесь назад и попробуйте ещё раз.",
                    "en": "The request could not be understood. Go back and try again."},
    "too_large": {"ru": "Слишком большой файл или запрос.",
                  "en": "The file or request is too large."},
    "too_many": {"ru": "Слишком много запросов. Попробуйте позже.",
                 "en": "Too many requests. Please try again later."},
    "error": {"ru": "Ошибка", "en": "Error"},
    "back_home": {"ru": "На главную", "en": "Home"},
}


def word(key: str, language: str, **values: Any) -> str:
    """The word `key` in `language` (English when the language lacks it), filled with values."""
    entry = WORDS[key]
    text = entry.get(language) or entry["en"]
    return text.format(**values) if values else text
