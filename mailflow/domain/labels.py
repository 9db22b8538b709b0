"""Human words for codes shown in mail and the CLI: claim statuses, priorities, deadlines,
categories, demands, outcomes, compensations, causes, sizes, spans.

Pure lookups, used by code directly and by the templates as jinja filters. An unknown
status or priority is a ValueError: a typo must not reach a customer as a raw code.
"""

from __future__ import annotations

from collections.abc import Mapping
from math import isfinite

from mailflow.domain.model import ClaimStatus, Priority
from mailflow.domain.resolution import DEFAULT_CAUSE_LABELS

SUPPORTED_LANGUAGES = ("ru", "en")
FALLBACK_LANGUAGE = "en"

_STATUS_LABELS: Mapping[str, Mapping[ClaimStatus, str]] = {
    "ru": {
        ClaimStatus.NEW: "Зарегистрирована",
        ClaimStatus.ASSIGNED: "Передана специалисту",
        ClaimStatus.IN_PROGRESS: "На рассмотрении",
        ClaimStatus.WAITING_CUSTOMER: "Ожидает дополнительной информации",
        ClaimStatus.RESOLVED: "Решена",
        ClaimStatus.REJECTED: "Отклонена",
        ClaimStatus.CLOSED: "Закрыта",
        ClaimStatus.REOPENED: "Рассмотрение возобновлено",
    },
    "en": {
        ClaimStatus.NEW: "Registered",
        ClaimStatus.ASSIGNED: "Assigned to a specialist",
        ClaimStatus.IN_PROGRESS: "Under review",
        ClaimStatus.WAITING_CUSTOMER: "Awaiting further information",
        ClaimStatus.RESOLVED: "Resolved",
        ClaimStatus.REJECTED: "Declined",
        ClaimStatus.CLOSED: "Closed",
        ClaimStatus.REOPENED: "Reopened",
    },
}

_STATUS_NEXT_STEPS: Mapping[str, Mapping[ClaimStatus, str]] = {
    "ru": {
        ClaimStatus.NEW: "В ближайшее время мы назначим специалиста, который займётся "
                         "вашей претензией.",
        ClaimStatus.ASSIGNED: "Специалист изучит претензию и свяжется с вами.",
        ClaimStatus.IN_PROGRESS: "Специалист рассматривает претензию и сообщит вам, как только "
                                 "решение будет принято.",
        ClaimStatus.WAITING_CUSTOMER: "Чтобы продолжить рассмотрение, нам нужны дополнительные "
                                      "сведения: пожалуйста, ответьте на это письмо.",
        ClaimStatus.RESOLVED: "Если вопрос решён не полностью, просто ответьте на это письмо, "
                              "и мы вернёмся к претензии.",
        ClaimStatus.REJECTED: "Если вы не согласны с решением или хотите сообщить "
                              "дополнительные сведения, ответьте на это письмо.",
        ClaimStatus.CLOSED: "Работа по претензии завершена. Если у вас возникнут вопросы, "
                            "просто ответьте на это письмо.",
        ClaimStatus.REOPENED: "Мы снова рассматриваем вашу претензию; специалист свяжется "
                              "с вами.",
    },
    "en": {
        ClaimStatus.NEW: "We will shortly assign a specialist to handle your claim.",
        ClaimStatus.ASSIGNED: "The specialist will review your claim and get in touch with you.",
        ClaimStatus.IN_PROGRESS: "The specialist is reviewing your claim and will let you know "
                                 "as soon as a decision has been made.",
        ClaimStatus.WAITING_CUSTOMER: "To continue, we need some more information from you: "
                                      "please reply to this email.",
        ClaimStatus.RESOLVED: "If anything is still not sorted out, simply reply to this email "
                              "and we will look into it again.",
        ClaimStatus.REJECTED: "If you disagree with this decision or have further information, "
                              "please reply to this email.",
        ClaimStatus.CLOSED: "We have finished working on your claim. If you have any further "
                            "questions, simply reply to this email.",
        ClaimStatus.REOPENED: "We are looking into your claim again; the specialist will be "
                              "in touch.",
    },
}

_PRIORITY_LABELS: Mapping[str, Mapping[Priority, str]] = {
    "ru": {Priority.LOW: "низкий", Priority.NORMAL: "обычный", Priority.HIGH: "высокий",
           Priority.URGENT: "срочный"},
    "en": {Priority.LOW: "low", Priority.NORMAL: "normal", Priority.HIGH: "high",
           Priority.URGENT: "urgent"},
}

_DEADLINE_LABELS: Mapping[str, Mapping[str, str]] = {
    "ru": {"first_response": "первый письменный ответ", "hard_limit": "крайний срок ответа",
           "resolution": "решение по претензии",
           "statutory": "срок по закону для требования клиента"},
    "en": {"first_response": "first written answer",
           "hard_limit": "final deadline for the answer", "resolution": "resolution",
           "statutory": "the term in law for the customer's demand"},
}

# Noun forms after a number: (one, few, many), as in 1 день, 2 дня, 5 дней.
_DAY_FORMS = {"ru": ("рабочий день", "рабочих дня", "рабочих дней"),
              "en": ("working day", "working days", "working days")}
_HOUR_FORMS = {"ru": ("рабочий час", "рабочих часа", "рабочих часов"),
               "en": ("working hour", "working hours", "working hours")}
_UNDER_AN_HOUR = {"ru": "менее одного рабочего часа", "en": "less than one working hour"}

_SIZE_UNITS = {"ru": ("Б", "КБ", "МБ", "ГБ"), "en": ("B", "KB", "MB", "GB")}


def supported_language(language: str | None) -> str:
    """`ru` or `en` from a tag like `ru-RU`; anything else falls back to English."""
    primary = (language or "").strip().lower().replace("_", "-").partition("-")[0]
    return primary if primary in SUPPORTED_LANGUAGES else FALLBACK_LANGUAGE


def status_label(status: str, language: str | None) -> str:
    """The claim status as a customer reads it: `in_progress` → `На рассмотрении`."""
    return _STATUS_LABELS[supported_language(language)][ClaimStatus(status)]


def status_next_step(status: str, language: str | None) -> str:
    """One sentence telling the customer what happens next in `status`."""
    return _STATUS_NEXT_STEPS[supported_language(language)][ClaimStatus(status)]


def priority_label(priority: str, language: str | None) -> str:
    """The priority in words, lower case: `urgent` → `срочный`."""
    return _PRIORITY_LABELS[supported_language(language)][Priority(priority)]


def format_size(size: int, language: str | None) -> str:
    """A byte count for people: `512 B`, `1.5 MB`; Russian uses a decimal comma (`1,5 МБ`)."""
    lang = supported_language(language)
    units = _SIZE_UNITS[lang]
    value, unit = float(size), 0
    while value >= 1024 and unit < len(units) - 1:
        value, unit = value / 1024, unit + 1
    number = f"{value:.1f}".removesuffix(".0") if unit and value < 10 else f"{value:.0f}"
    return f"{number.replace('.', ',') if lang == 'ru' else number} {units[unit]}"


def deadline_label(kind: str, language: str | None) -> str:
    """The deadline in words: `first_response` → `первый письменный ответ`."""
    labels = _DEADLINE_LABELS[supported_language(language)]
    if kind not in labels:
        raise ValueError(f"{kind!r} is not a deadline kind; expected one of {sorted(labels)}")
    return labels[kind]


def working_days(days: int, language: str | None) -> str:
    """A count of working days, the noun agreeing with it: `1 working day`, `3 рабочих дня`."""
    if days < 0:
        raise ValueError(f"a number of working days cannot be negative: {days}")
    lang = supported_language(language)
    return f"{days} {_DAY_FORMS[lang][_plural_form(days, lang)]}"


def working_hours(hours: float, language: str | None) -> str:
    """Working hours rounded half up: `2 рабочих часа`, or `less than one working hour`."""
    if not (isfinite(hours) and hours >= 0):
        raise ValueError(f"a number of working hours must be finite and not negative: {hours}")
    lang = supported_language(language)
    if hours < 1:
        return _UNDER_AN_HOUR[lang]
    whole = int(hours + 0.5)
    return f"{whole} {_HOUR_FORMS[lang][_plural_form(whole, lang)]}"


def _plural_form(number: int, language: str) -> int:
    """Which noun form follows `number`: 0 one, 1 few, 2 many (Russian has all three)."""
    if language != "ru":
        return 0 if number == 1 else 2
    if number % 10 == 1 and number % 100 != 11:
        return 0
    if 2 <= number % 10 <= 4 and not 12 <= number % 100 <= 14:
        return 1
    return 2


_FIELD_LABELS: Mapping[str, Mapping[str, str]] = {
    "ru": {"order_number": "Номер заказа", "invoice_number": "Номер счёта",
           "waybill_number": "Номер накладной", "contract_number": "Номер договора",
           "product_name": "Товар", "product_sku": "Артикул", "quantity": "Количество",
           "unit": "Единица", "quantity_ordered": "Заказано", "quantity_received": "Получено",
           "location": "Где товар сейчас", "grounds": "Что не так", "demand": "Требование",
           "purchase_date": "Дата покупки", "delivery_date": "Дата доставки",
           "amount": "Сумма", "currency": "Валюта", "phone": "Телефон",
           "photos": "Фотографий", "documents": "Документов", "carrier": "Перевозчик",
           "supplier": "Поставщик"},
    "en": {"order_number": "Order number", "invoice_number": "Invoice number",
           "waybill_number": "Waybill number", "contract_number": "Contract number",
           "product_name": "Product", "product_sku": "Article", "quantity": "Quantity",
           "unit": "Unit", "quantity_ordered": "Ordered", "quantity_received": "Received",
           "location": "Where the goods are", "grounds": "What is wrong", "demand": "Demand",
           "purchase_date": "Date of purchase", "delivery_date": "Date of delivery",
           "amount": "Amount", "currency": "Currency", "phone": "Phone",
           "photos": "Photos", "documents": "Documents", "carrier": "Carrier",
           "supplier": "Supplier"},
}
_SOURCE_LABELS: Mapping[str, Mapping[str, str]] = {
    "ru": {"subject": "тема", "body": "текст письма", "attachment_name": "имя вложения",
           "attachment_text": "текст вложения", "signature": "подпись",
           "correction": "исправлено специалистом", "catalogue": "каталог товаров"},
    "en": {"subject": "subject", "body": "message text", "attachment_name": "attachment name",
           "attachment_text": "attachment text", "signature": "signature",
           "correction": "corrected by a specialist", "catalogue": "product catalogue"},
}


def field_label(name: str, language: str | None) -> str:
    """A claim field's name in words (the code itself for a field this list lacks)."""
    return _FIELD_LABELS[supported_language(language)].get(name, name)


def source_label(source: str, language: str | None) -> str:
    """Where a field's value was read, in words."""
    return _SOURCE_LABELS[supported_language(language)].get(source, source)


# Claim words shared by mail, the digest and the CLI: a code not listed (a category the
# config adds, a future demand) is shown as it is rather than refused.
_CATEGORY_LABELS: Mapping[str, Mapping[str, str]] = {
    "ru": {"damage": "повреждение при доставке", "delay": "задержка доставки",
           "shortage": "недостача", "defect": "брак", "wrong_item": "не тот товар",
           "service": "качество обслуживания", "other": "другое"},
    "en": {"damage": "damage in transit", "delay": "late delivery", "shortage": "shortage",
           "defect": "defect", "wrong_item": "wrong item", "service": "quality of service",
           "other": "other"},
}
_DEMAND_LABELS: Mapping[str, Mapping[str, str]] = {
    "ru": {"refund": "возврат денег", "replacement": "замена", "repair": "ремонт",
           "price_reduction": "снижение цены", "compensation": "возмещение убытков",
           "delivery_of_missing": "доставка недостающего"},
    "en": {"refund": "refund", "replacement": "replacement", "repair": "repair",
           "price_reduction": "price reduction", "compensation": "compensation of losses",
           "delivery_of_missing": "delivery of the missing part"},
}
_OUTCOME_LABELS: Mapping[str, Mapping[str, str]] = {
    "ru": {"accepted": "принята", "partly": "частично принята", "rejected": "отклонена"},
    "en": {"accepted": "accepted", "partly": "partly accepted", "rejected": "rejected"},
}
_COMPENSATION_LABELS: Mapping[str, Mapping[str, str]] = {
    "ru": {"refund": "возврат денег", "replacement": "замена", "discount": "скидка",
           "repair": "ремонт", "delivery": "доставка недостающего"},
    "en": {"refund": "refund", "replacement": "replacement", "discount": "discount",
           "repair": "repair", "delivery": "delivery of the missing part"},
}


def category_label(category: str, language: str | None) -> str:
    """A claim category in words: `damage` → `повреждение при доставке`; a category only
    the config knows is shown as configured."""
    return _CATEGORY_LABELS[supported_language(language)].get(category, category)


def demand_label(demand: str, language: str | None) -> str:
    """What the customer asks for, in words: `refund` → `возврат денег`."""
    return _DEMAND_LABELS[supported_language(language)].get(demand, demand)


def field_value(value: str, name: str, language: str | None) -> str:
    """A claim field's value for people: the demand and category in words, others as read."""
    if name == "demand":
        return demand_label(value, language)
    if name == "category":
        return category_label(value, language)
    return value


def outcome_label(outcome: str, language: str | None) -> str:
    """The decision in words: `partly` → `частично принята`."""
    return _OUTCOME_LABELS[supported_language(language)].get(outcome, outcome)


def compensation_label(kind: str, language: str | None) -> str:
    """What the customer was given, in words: `delivery` → `доставка недостающего`."""
    return _COMPENSATION_LABELS[supported_language(language)].get(kind, kind)


def cause_label(cause: str, language: str | None,
                causes: Mapping[str, str] | None = None) -> str:
    """A claim's cause: in Russian the label from [rules.causes] (`carrier` → `перевозчик`),
    in English the code, which is English already."""
    if supported_language(language) != "ru":
        return cause
    return (DEFAULT_CAUSE_LABELS if causes is None else causes).get(cause, cause)
