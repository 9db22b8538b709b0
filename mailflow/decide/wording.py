"""Why a specialist's message was not acted on, worded in the specialist's language.

The command parser and the trust check give codes (and English text); mail to a specialist
is in their language, so the Russian wording is chosen here from the code and the command.
Command names and status/priority values stay as they are typed (`#status resolved`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from mailflow.domain.commands import COMMAND_NAMES, STATUS_WORDS, CommandError, CommandErrorCode
from mailflow.domain.model import ClaimStatus, Person, Priority
from mailflow.domain.resolution import ArgumentError, read_compensation, read_outcome
from mailflow.extract.model import FieldName

_NAME = re.compile(r"#([^\W\d_][\w-]*)")
_KNOWN_COMMANDS = ", ".join(f"#{name}" for name in dict.fromkeys(COMMAND_NAMES.values()))
_RU_CODES = {
    CommandErrorCode.UNKNOWN_COMMAND: f"неизвестная команда; доступны: {_KNOWN_COMMANDS}",
    CommandErrorCode.MISSING_ARGUMENT: "не указано значение",
    CommandErrorCode.UNEXPECTED_ARGUMENT: "у этой команды не бывает значения",
}
_UNTRUSTED = {
    "no-personal-reference": {
        "ru": "письмо не является ответом на уведомление системы, отправленное вам по этой "
              "претензии",
        "en": "it is not a reply to a notification the claims system sent you about this claim",
    },
    "not-assignee": {
        "ru": "претензия передана другому специалисту; отвечать клиенту и менять претензию "
              "может только ответственный за неё или руководитель",
        "en": "the claim has been handed over to another specialist; only the person now "
              "responsible for it, or a manager, can answer the customer or change it",
    },
    "authentication-results-not-pass": {
        "ru": "письмо не прошло проверку подлинности отправителя (DMARC/DKIM/SPF) для домена "
              "вашего адреса на нашем сервере",
        "en": "it did not pass the sender checks (DMARC/DKIM/SPF) for your address's domain "
              "at our mail server",
    },
    "reference-expired": {
        "ru": "уведомление, на которое вы ответили, слишком старое; ответьте на последнее "
              "письмо системы по этой претензии",
        "en": "the notification you answered is too old; please reply to the latest message "
              "the claims system sent you about this claim",
    },
    "reference-before-approval": {
        "ru": "вы ответили на письмо, отправленное до того, как ответ передали вам на "
              "согласование; ответьте на письмо «Ответ на согласование» по этой претензии",
        "en": "you answered a message sent before the answer was given to you for approval; "
              "please reply to the \"Answer for approval\" message about this claim",
    },
    "reference-superseded": {
        "ru": "вы ответили на уведомление, отправленное до того, как претензию передали вам "
              "снова; ответьте на последнее письмо системы по этой претензии",
        "en": "you answered a notification sent before the claim was handed to you again; "
              "please reply to the latest message the claims system sent you about this claim",
    },
}


def language_for(person: Person, claim_language: str) -> str:
    """The language mail to `person` is written in: their first, else the claim's."""
    return person.languages[0] if person.languages else claim_language


def command_problem(error: CommandError, language: str, categories: Iterable[str]) -> str:
    """What is wrong with one command line."""
    if language != "ru":
        return error.message
    if error.code is not CommandErrorCode.INVALID_ARGUMENT:
        return _RU_CODES[error.code]
    name = _command_name(error.line)
    if name == "assign":
        return "после #assign нужен адрес электронной почты"
    if name == "merge":
        return "после #merge нужен номер претензии, например CLM-2026-000123"
    reread = _reread(name, error.line) if name in ("outcome", "compensation") else None
    if reread is not None:
        return argument_problem(reread, language)
    statuses = list(dict.fromkeys(status.value for status in STATUS_WORDS.values()))
    label, values = {"status": ("статус", statuses),
                     "priority": ("приоритет", [priority.value for priority in Priority]),
                     }.get(name, ("категория", sorted(categories)))
    return f"недопустимое значение; {label} — одно из: {', '.join(values)}"


def _command_name(line: str) -> str:
    match = _NAME.match(line.strip())
    word = match.group(1).lower() if match else ""
    return COMMAND_NAMES.get(word, word)


def not_staff(email: str, language: str) -> str:
    if language == "ru":
        return f"{email} нет среди специалистов и руководителей"
    return f"{email} is not a specialist or manager"


def bad_transition(current: ClaimStatus, target: ClaimStatus, language: str) -> str:
    if language == "ru":
        return f"нельзя перевести претензию из статуса {current.value} в {target.value}"
    return f"cannot change status from {current.value} to {target.value}"


def unknown_field(name: str, language: str) -> str:
    """A `#field` naming a field mailflow does not know."""
    known = ", ".join(field.value for field in FieldName)
    if language == "ru":
        return f"поле {name} неизвестно; допустимые: {known}"
    return f"unknown field {name}; known: {known}"


def not_a_count(name: str, value: str, language: str) -> str:
    """A `#field photos …` whose value is not a whole number."""
    if language == "ru":
        return f"значение поля {name} — целое число, а не {value!r}"
    return f"{name} is a whole number, not {value!r}"


def relay_failed(reason: str, language: str) -> str:
    """Why a specialist's answer did not go to the customer."""
    if language == "ru":
        return f"ответ не удалось подготовить к отправке клиенту ({reason})"
    return f"the answer could not be prepared for the customer ({reason})"


def leaked_line(language: str) -> str:
    """A line of an answer that repeats mailflow's own mail to staff (never sent on)."""
    if language == "ru":
        return ("эта строка повторяет текст служебного письма системы сотрудникам; ответ "
                "клиенту не отправлен")
    return ("this line repeats the claims system's own mail to staff; the answer was not "
            "sent to the customer")


def untrusted_reason(code: str, language: str) -> str:
    """Why a message from a specialist's address was not trusted."""
    words = _UNTRUSTED.get(code)
    return words.get(language, words["en"]) if words else code


_NOBODY = {
    "no-specialists": {"ru": "в настройках нет ни одного специалиста",
                       "en": "no specialists are configured"},
    "all-away": {"ru": "все специалисты отсутствуют",
                 "en": "every specialist is away"},
    "all-busy": {"ru": "все подходящие специалисты отсутствуют или у них предельное число "
                       "открытых претензий",
                 "en": "every suitable specialist is away or at their limit of open claims"},
}


def nobody_available(code: str, language: str) -> str:
    """Why a new claim could not be assigned, in `language`."""
    return _NOBODY[code]["ru" if language == "ru" else "en"]


_RU_ARGUMENTS = {
    "unknown_outcome": "решение {value!r} неизвестно; допустимые: принята, частично, отклонена "
                       "(accepted, partly, rejected), за ним причина; при отклонении она "
                       "обязательна",
    "unknown_kind": "вид компенсации {value!r} неизвестен; допустимые: возврат, замена, скидка, "
                    "ремонт, доставка (refund, replacement, discount, repair, delivery) или нет, "
                    "например: #компенсация возврат 1500 руб",
    "amount_needed": "для компенсации {value} нужны сумма и валюта, например: "
                     "#компенсация возврат 1500 руб",
    "bad_amount": "{value!r} — не сумма; пишите 1500, 1 500, 1500.50 или 1500,50",
    "amount_range": "сумма должна быть больше нуля и меньше 10 000 000 000 000, а не {value!r}",
    "unknown_currency": "валюта {value!r} неизвестна; допустимые: код ISO (RUB, USD, EUR, CNY, "
                        "KZT, BYN …) или руб, ₽, $, €",
}
_ARGUMENT = re.compile(r"#[^\W\d_][\w-]*\s*:?\s*(?P<argument>.*)")
_MISSING = {
    "outcome": {"ru": "не указано решение (#решение принята|частично|отклонена)",
                "en": "no outcome is recorded (#outcome accepted|partly|rejected)"},
    "reason": {"ru": "не указана причина отклонения (#решение отклонена причина)",
               "en": "the rejection has no reason (#outcome rejected the reason)"},
    "rejected_outcome": {
        "ru": "статус rejected означает отказ: сначала запишите #решение отклонена причина",
        "en": "the status rejected means a refusal: record #outcome rejected the reason first"},
}


def argument_problem(error: ArgumentError, language: str) -> str:
    """Why the argument of `#outcome` or `#compensation` could not be read."""
    if language == "ru":
        return "недопустимое значение; " + _RU_ARGUMENTS[error.code].format(value=error.value)
    return str(error)


def _reread(name: str, line: str) -> ArgumentError | None:
    """The parser's reason for refusing a `#outcome` / `#compensation` line, read again."""
    match = _ARGUMENT.match(line.strip())
    argument = match["argument"] if match else ""
    try:
        if name == "outcome":
            read_outcome(argument)
        else:
            read_compensation(argument, default_currency=None)
    except ArgumentError as error:
        return error
    return None


def unknown_cause(value: str, causes: Mapping[str, str], language: str) -> str:
    """A `#cause` that is not among the configured causes."""
    if language == "ru":
        return f"причина {value!r} неизвестна; допустимые: {', '.join(causes.values())}"
    return f"unknown cause {value!r}; known: {', '.join(causes)}"


def resolution_missing(target: ClaimStatus, missing: Iterable[str], language: str) -> str:
    """What a claim lacks before it can be resolved, rejected or closed."""
    key = "ru" if language == "ru" else "en"
    what = "; ".join(_MISSING[code][key] for code in missing)
    if key == "ru":
        return f"претензию нельзя перевести в статус {target.value}: {what}"
    return f"the claim cannot be {target.value}: {what}"
