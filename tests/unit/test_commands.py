"""Commands in a specialist's reply: what is parsed, relayed, kept internal."""

from __future__ import annotations

import pytest

from mailflow.domain.commands import Command, CommandErrorCode, ParsedCommands, parse_commands

CATEGORIES = frozenset({"damage", "delay", "wrong_item"})


def parse(text: str) -> ParsedCommands:
    return parse_commands(text, CATEGORIES)


def pairs(parsed: ParsedCommands) -> list[tuple[str, str]]:
    return [(command.name, command.argument) for command in parsed.commands]


def codes(parsed: ParsedCommands) -> list[CommandErrorCode]:
    return [error.code for error in parsed.errors]


def test_text_without_commands_is_all_body() -> None:
    """A reply with no command lines is relayed unchanged."""
    parsed = parse("Здравствуйте!\n\nЗамену отправим завтра.")
    assert parsed == ParsedCommands(body="Здравствуйте!\n\nЗамену отправим завтра.")


def test_command_block_then_body() -> None:
    """Leading blank lines are skipped, commands are read, the rest is the body."""
    parsed = parse("\n\n#status resolved\n#priority high\n\nЗдравствуйте!\nДеньги вернём.")
    assert pairs(parsed) == [("status", "resolved"), ("priority", "high")]
    assert parsed.body == "Здравствуйте!\nДеньги вернём."
    assert parsed.note is None
    assert parsed.errors == ()


def test_command_keeps_its_source_line() -> None:
    """Each command remembers the line it came from, for the event log."""
    parsed = parse("  #Status Resolved  \nok")
    assert parsed.commands == (Command("status", "resolved", "#Status Resolved"),)


def test_blank_lines_between_commands_do_not_end_the_block() -> None:
    """A command after a blank line is still a command, never text for the customer."""
    parsed = parse("#status resolved\n\n#priority low\n\nСпасибо!")
    assert pairs(parsed) == [("status", "resolved"), ("priority", "low")]
    assert parsed.body == "Спасибо!"


def test_known_command_after_text_is_a_command() -> None:
    """A known command below the greeting is applied and never relayed (bottom-posted replies)."""
    parsed = parse("Добрый день.\n#status resolved")
    assert pairs(parsed) == [("status", "resolved")]
    assert parsed.body == "Добрый день."


def test_command_between_paragraphs_leaves_one_blank_line() -> None:
    """A command line removed between two paragraphs leaves them one blank line apart."""
    parsed = parse("Dear John,\n\n#priority high\n\nThe courier comes on Monday.\n#close\nAnna")
    assert pairs(parsed) == [("priority", "high"), ("status", "closed")]
    assert parsed.body == "Dear John,\n\nThe courier comes on Monday.\nAnna"


@pytest.mark.parametrize("line", ["#hashtag", "#12345 is your order", "# Heading",
                                  "Your order #12345 is on its way."])
def test_unknown_hash_words_below_the_top_are_prose(line: str) -> None:
    """Below the top, `#word` lines with no known command name are text for the customer."""
    parsed = parse(f"Dear John,\n{line}\nAnna")
    assert parsed == ParsedCommands(body=f"Dear John,\n{line}\nAnna")


def test_unknown_command_at_the_top_is_still_an_error() -> None:
    """An unknown `#word` at the very top is a mistyped command: reported, not relayed."""
    parsed = parse("\n#stauts resolved\nDear John,")
    assert codes(parsed) == [CommandErrorCode.UNKNOWN_COMMAND]
    assert parsed.body == "Dear John,"


def test_invalid_known_command_below_the_top_is_an_error() -> None:
    """A known command with a bad argument further down is reported and kept from the body."""
    parsed = parse("Dear John,\n#status done\nAnna")
    assert codes(parsed) == [CommandErrorCode.INVALID_ARGUMENT]
    assert parsed.body == "Dear John,\nAnna"


def test_note_below_text_makes_the_whole_message_internal() -> None:
    """`#note` after some text keeps that text and the note internal; nothing is relayed."""
    parsed = parse("#status in_progress\nСклад проверяет.\n#заметка позвонить в пятницу")
    assert pairs(parsed) == [("status", "in_progress")]
    assert parsed.note == "Склад проверяет.\nпозвонить в пятницу"
    assert parsed.body == ""


@pytest.mark.parametrize("line", ["#123", "#12-45 ваш заказ", "# Заголовок", "#"])
def test_hash_not_followed_by_a_letter_ends_the_block(line: str) -> None:
    """`#` followed by a digit, space or nothing is text: it ends the block and is relayed."""
    parsed = parse(f"#priority urgent\n{line}\nдалее")
    assert pairs(parsed) == [("priority", "urgent")]
    assert parsed.body == f"{line}\nдалее"
    assert parsed.errors == ()


@pytest.mark.parametrize(("line", "status"), [
    ("#status in_progress", "in_progress"),
    ("#status In Progress", "in_progress"),
    ("#status waiting-customer", "waiting_customer"),
    ("#status: rejected", "rejected"),
    ("#STATUS REOPENED", "reopened"),
    ("#статус в работе", "in_progress"),
    ("#статус в_работе", "in_progress"),
    ("#статус ждём_клиента", "waiting_customer"),
    ("#Статус Ждем клиента", "waiting_customer"),
    ("#статус решена", "resolved"),
    ("#статус отклонена", "rejected"),
    ("#статус закрыта", "closed"),
])
def test_status_names_and_russian_aliases(line: str, status: str) -> None:
    """English status names and Russian aliases map to the canonical status, any case."""
    assert pairs(parse(line)) == [("status", status)]


@pytest.mark.parametrize("line", ["#close", "#закрыть", "#Close:"])
def test_close_is_status_closed(line: str) -> None:
    """`#close` and `#закрыть` are read as a change to status closed."""
    assert pairs(parse(line)) == [("status", "closed")]


@pytest.mark.parametrize(("line", "priority"), [
    ("#priority low", "low"), ("#priority URGENT", "urgent"),
    ("#приоритет низкий", "low"), ("#приоритет обычный", "normal"),
    ("#приоритет высокий", "high"), ("#приоритет срочный", "urgent"),
])
def test_priority_values(line: str, priority: str) -> None:
    """Priorities are accepted in English and Russian and stored as the canonical value."""
    assert pairs(parse(line)) == [("priority", priority)]


@pytest.mark.parametrize("line", ["#assign Olga@Company.RU", "#назначить <olga@company.ru>"])
def test_assign_lower_cases_the_address(line: str) -> None:
    """`#assign` takes an address, with or without angle brackets, lower-cased."""
    assert pairs(parse(line)) == [("assign", "olga@company.ru")]


@pytest.mark.parametrize(("line", "category"), [
    ("#category damage", "damage"), ("#категория Wrong Item", "wrong_item"),
])
def test_category_is_spelled_as_configured(line: str, category: str) -> None:
    """A known category is accepted in any case and returned as configured."""
    assert pairs(parse(line)) == [("category", category)]


def test_note_makes_the_rest_internal() -> None:
    """`#note` turns its line and everything after it into an internal note; nothing is relayed."""
    parsed = parse("#status waiting_customer\n#заметка звонил на склад\nобещали к пятнице")
    assert pairs(parsed) == [("status", "waiting_customer")]
    assert parsed.note == "звонил на склад\nобещали к пятнице"
    assert parsed.body == ""


def test_note_swallows_later_command_lines() -> None:
    """Lines after `#note`, even `#`-lines, belong to the note, not to the command block."""
    parsed = parse("#note\n#status resolved\nне закрывать пока")
    assert parsed.commands == ()
    assert parsed.note == "#status resolved\nне закрывать пока"


def test_empty_note_is_an_error() -> None:
    """A `#note` with no text is reported and nothing is relayed."""
    parsed = parse("#note\n\n")
    assert parsed.note == ""
    assert parsed.body == ""
    assert codes(parsed) == [CommandErrorCode.MISSING_ARGUMENT]


@pytest.mark.parametrize(("line", "code"), [
    ("#staus resolved", CommandErrorCode.UNKNOWN_COMMAND),
    ("#срочно", CommandErrorCode.UNKNOWN_COMMAND),
    ("#status", CommandErrorCode.MISSING_ARGUMENT),
    ("#status done", CommandErrorCode.INVALID_ARGUMENT),
    ("#status new", CommandErrorCode.INVALID_ARGUMENT),
    ("#status assigned", CommandErrorCode.INVALID_ARGUMENT),
    ("#priority asap", CommandErrorCode.INVALID_ARGUMENT),
    ("#assign olga", CommandErrorCode.INVALID_ARGUMENT),
    ("#assign", CommandErrorCode.MISSING_ARGUMENT),
    ("#category scratches", CommandErrorCode.INVALID_ARGUMENT),
    ("#close спасибо", CommandErrorCode.UNEXPECTED_ARGUMENT),
])
def test_bad_command_lines_are_errors_and_not_relayed(line: str, code: CommandErrorCode) -> None:
    """A mistyped or invalid command is reported with its line and kept out of the body."""
    parsed = parse(f"{line}\n#priority high\nТекст клиенту")
    assert pairs(parsed) == [("priority", "high")]
    assert [(error.line, error.code) for error in parsed.errors] == [(line, code)]
    assert parsed.body == "Текст клиенту"


def test_error_messages_are_explanatory() -> None:
    """Error messages name the bad value and list what would have been accepted."""
    parsed = parse("#category scratches\n#priority asap")
    messages = [error.message for error in parsed.errors]
    assert messages == [
        "unknown category 'scratches'; known: damage, delay, wrong_item",
        "unknown priority 'asap'; known: low, normal, high, urgent",
    ]


def test_only_commands_leave_an_empty_body() -> None:
    """A reply that is only commands has nothing to relay."""
    parsed = parse("#status resolved\r\n#priority low\r\n")
    assert pairs(parsed) == [("status", "resolved"), ("priority", "low")]
    assert parsed.body == ""


def test_body_keeps_inner_blank_lines_and_indentation() -> None:
    """The relayed body is the text after the block as written, minus surrounding blank lines."""
    parsed = parse("#status resolved\n\n  Пункт 1\n\n  Пункт 2\n\n")
    assert parsed.body == "  Пункт 1\n\n  Пункт 2"
