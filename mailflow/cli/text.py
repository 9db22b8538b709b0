"""CLI wording in Russian and English; the language follows MAILFLOW_LANG or LANG."""

from __future__ import annotations

import os
from collections.abc import Mapping

MESSAGES: dict[str, dict[str, str]] = {
    "error": {"en": "error", "ru": "ошибка"},
    "config_ok": {"en": "config OK", "ru": "конфигурация в порядке"},
    "no_claim": {"en": "no claim {number}", "ru": "заявка {number} не найдена"},
    "no_entry": {"en": "no quarantine entry {id}", "ru": "в карантине нет записи {id}"},
    "intake": {
        "en": "mailbox {source}: {stored} stored ({new} new claims, {acked} acknowledged), "
              "{dups} duplicates, {quarantined} quarantined",
        "ru": "ящик {source}: сохранено {stored} (новых заявок {new}, подтверждений {acked}), "
              "повторов {dups}, в карантине {quarantined}",
    },
    "outbox": {
        "en": "outbox: {sent} sent, {retried} waiting for retry, {failed} failed, "
              "{uncertain} possibly delivered (not resent; see `outbox list --status unknown`)",
        "ru": "исходящие: отправлено {sent}, ждут повтора {retried}, не доставлено {failed}, "
              "возможно доставлено {uncertain} (не переотправляются; см. "
              "`outbox list --status unknown`)",
    },
    "resent": {"en": "outbox message {id} will be sent again",
               "ru": "исходящее письмо {id} будет отправлено снова"},
    "no_outbox": {"en": "no unknown or failed outbox message {id}",
                  "ru": "нет исходящего письма {id} в состоянии unknown или failed"},
    "links_revoked": {"en": "claim {number}: every customer link issued so far is revoked; "
                            "mail from now on carries a new one (link version {version})",
                      "ru": "претензия {number}: все выданные ссылки клиента отозваны; "
                            "следующие письма несут новую ссылку (версия {version})"},
    "demo_customer_link": {"en": "the customer's page of claim {number}: {url}\n"
                                 "(serve it with: mailflow --config {config} web)",
                           "ru": "страница клиента по претензии {number}: {url}\n"
                                 "(запуск: mailflow --config {config} web)"},
    "outbox_error": {"en": "outbox: server unavailable: {error}",
                     "ru": "исходящие: сервер недоступен: {error}"},
    "retried": {"en": "quarantine entry {id}: {status} {claim}",
                "ru": "запись карантина {id}: {status} {claim}"},
    "still_bad": {"en": "quarantine entry {id} still cannot be processed: {reason}",
                  "ru": "запись карантина {id} по-прежнему не обрабатывается: {reason}"},
    "released": {"en": "quarantine entry {id} released as claim {claim}",
                 "ru": "запись карантина {id} выпущена как заявка {claim}"},
    "accepted": {"en": "accepted: {status} {claim}", "ru": "принято: {status} {claim}"},
    "web_disabled": {"en": "the web pages are off: set [web] base_url in the config",
                     "ru": "веб-страницы выключены: задайте [web] base_url в конфигурации"},
    "web_serving": {"en": "serving the web pages for {url}",
                    "ru": "веб-страницы для {url} работают"},
    "tempfail": {"en": "temporary failure: {error}", "ru": "временная ошибка: {error}"},
    "demo_loaded": {"en": "{count} sample emails put into the demo inbox {path}",
                    "ru": "{count} примеров писем положено во входящие демо-ящика {path}"},
    "demo_outbox": {"en": "acknowledgements written to the outbox Maildir {path}",
                    "ru": "подтверждения записаны в Maildir исходящих {path}"},
    "warning": {"en": "warning", "ru": "предупреждение"},
    "unknown_person": {"en": "{email} is not a specialist or manager in the config",
                       "ru": "{email} нет среди специалистов и руководителей в конфигурации"},
    "assigned": {"en": "claim {number} assigned to {email}",
                 "ru": "заявка {number} назначена на {email}"},
    "bad_status": {"en": "unknown status {status} (known: {known})",
                   "ru": "неизвестный статус {status} (допустимые: {known})"},
    "status_changed": {"en": "claim {number} is now {status}",
                       "ru": "заявка {number} теперь в статусе {status}"},
    "entered": {"en": "claim {number} opened for {customer}",
                "ru": "заявка {number} открыта для {customer}"},
    "bad_customer": {"en": "the customer's address {email!r} is not a valid address",
                     "ru": "адрес клиента «{email}» недействителен"},
    "empty_claim": {"en": "the claim text in {path} is empty",
                    "ru": "текст заявки в {path} пуст"},
    "unreadable": {"en": "cannot read {path}: {error}",
                   "ru": "не удаётся прочитать {path}: {error}"},
    "merged": {"en": "claim {source} merged into {target}",
               "ru": "заявка {source} объединена с заявкой {target}"},
    "noted": {"en": "note added to claim {number}", "ru": "к заявке {number} добавлена заметка"},
    "resolution_set": {"en": "claim {number}: {name} recorded",
                       "ru": "заявка {number}: записано ({name})"},
    "show_outcome": {"en": "outcome", "ru": "решение"},
    "show_reason": {"en": "reason", "ru": "причина решения"},
    "show_cause": {"en": "cause", "ru": "причина претензии"},
    "show_compensation": {"en": "compensation", "ru": "компенсация"},
    "show_rating": {"en": "rating", "ru": "оценка клиента"},
    "show_rating_comment": {"en": "rating comment", "ru": "комментарий к оценке"},
    "absence_saved": {"en": "{email} is away from {start} to {end}",
                      "ru": "{email} отсутствует с {start} по {end}"},
    "reassigned": {"en": "{count} open claim(s) reassigned to {email}",
                   "ru": "переназначено открытых заявок: {count}, на {email}"},
    "bad_date": {"en": "not a date (YYYY-MM-DD): {value}",
                 "ru": "не дата (ГГГГ-ММ-ДД): {value}"},
    "schema_behind": {
        "en": "database schema is at {current}, this mailflow needs {needed}: "
              "run `mailflow db upgrade`",
        "ru": "схема базы данных в версии {current}, этому mailflow нужна {needed}: "
              "выполните `mailflow db upgrade`",
    },
    "schema_empty": {
        "en": "the database has no schema yet, this mailflow needs {needed}: "
              "run `mailflow db upgrade`",
        "ru": "в базе данных ещё нет схемы, этому mailflow нужна {needed}: "
              "выполните `mailflow db upgrade`",
    },
    "schema_ahead": {
        "en": "database schema is at {current}, newer than this mailflow (it needs {needed}): "
              "install the newer mailflow",
        "ru": "схема базы данных в версии {current}, она новее этого mailflow (ему нужна "
              "{needed}): установите более новый mailflow",
    },
    "schema_upgraded": {"en": "database schema upgraded from {before} to {after}",
                        "ru": "схема базы данных обновлена с {before} до {after}"},
    "schema_ok": {"en": "database schema is at {current}, as this mailflow needs",
                  "ru": "схема базы данных в версии {current}, как и нужно этому mailflow"},
    "schema_none": {"en": "none", "ru": "нет"},
    "blob_missing": {"en": "missing blob {sha256} (referred to by {table}): {path}",
                     "ru": "нет файла {sha256} (на него ссылается {table}): {path}"},
    "blob_corrupt": {"en": "corrupt blob {sha256} (referred to by {table}; its content has "
                           "another sha256): {path}",
                     "ru": "испорчен файл {sha256} (на него ссылается {table}; у содержимого "
                           "другой sha256): {path}"},
    "blobs_bad": {"en": "{bad} of {count} stored files missing or corrupt in {root}",
                  "ru": "{bad} из {count} сохранённых файлов нет или испорчены в {root}"},
    "blobs_ok": {"en": "all {count} stored files present with the right sha256 in {root}",
                 "ru": "все {count} сохранённых файлов на месте, sha256 верны, в {root}"},
    "blobs_migrated": {"en": "{copied} copied, {present} already there, {bad} not copied: "
                             "from {source} to {target}",
                       "ru": "скопировано {copied}, уже были {present}, не скопировано {bad}: "
                             "из {source} в {target}"},
    "blobs_not_migrated": {"en": "{bad} stored files missing or corrupt in the source: "
                                 "not copied",
                           "ru": "{bad} сохранённых файлов нет или испорчены в источнике: "
                                 "не скопированы"},
    "more": {"en": "(the {count} newest shown; for older ones add --before {before})",
             "ru": "(показаны {count} самых новых; более ранние: добавьте --before {before})"},
}


def language() -> str:
    value = os.environ.get("MAILFLOW_LANG") or os.environ.get("LANG", "")
    return "ru" if value.lower().startswith("ru") else "en"


def say(key: str, /, **values: object) -> str:
    """The message `key` in the user's language, filled in."""
    return say_in(MESSAGES, key, **values)


def say_in(words: Mapping[str, Mapping[str, str]], key: str, /, **values: object) -> str:
    """The message `key` of a command's own `words`, in the user's language, filled in
    (positional, so a value may be called `table` or `key`)."""
    return words[key][language()].format(**values)
