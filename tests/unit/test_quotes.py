"""The writer's own text of replies written in common mail clients: quotes and signature apart."""

from __future__ import annotations

import pytest

from mailflow.parse.quotes import ReplyParts, own_text, split_reply, strip_reply
from tests.unit.reply_samples import NAMES, expected_own, reply

ANSWER_RU = "Добрый день!\n\nЗамену отправим завтра курьером."
ANSWER_EN = "Hello,\n\nWe will send a replacement tomorrow."
QUOTE_RU = "> Здравствуйте, коробка пришла разбитой.\n> Иван\n"
QUOTE_EN = "> Hello, the box arrived broken.\n> John\n"


@pytest.mark.parametrize("header", [
    "вт, 24 нояб. 2026 г. в 10:15, Иван Петров <ivan@example.com>:",
    "вт, 24 нояб. 2026 г. в 10:15, Иван Петров <\nivan@example.com>:",
    "пн, 7 дек. 2026 г. в 9:05, ivan@example.com <ivan@example.com>:",
])
def test_gmail_russian(header: str) -> None:
    """Gmail's Russian attribution line, even wrapped before the address, starts the quote."""
    assert strip_reply(f"{ANSWER_RU}\n\n{header}\n\n{QUOTE_RU}") == ANSWER_RU


def test_apple_mail_russian() -> None:
    """Apple Mail's `... г., в 10:15, Имя <адрес> написал(а):`, itself quoted, starts the quote."""
    text = (f"{ANSWER_RU}\n\n> 24 нояб. 2026 г., в 10:15, Иван Петров <ivan@example.com> "
            f"написал(а):\n>\n{QUOTE_RU}")
    assert strip_reply(text) == ANSWER_RU


def test_apple_mail_russian_unquoted_header() -> None:
    """Apple Mail's Russian attribution line without a quote marker starts the quote too."""
    text = (f"{ANSWER_RU}\n\n24 нояб. 2026 г., в 10:15, Иван Петров <ivan@example.com> "
            f"написал(а):\n\n{QUOTE_RU}")
    assert strip_reply(text) == ANSWER_RU


def test_yandex() -> None:
    """Yandex Mail's `24.11.2026, 10:15, "Имя" <адрес>:` starts the quote."""
    text = f'{ANSWER_RU}\n\n24.11.2026, 10:15, "Иван Петров" <ivan@yandex.ru>:\n{QUOTE_RU}'
    assert strip_reply(text) == ANSWER_RU


def test_mail_ru() -> None:
    """Mail.ru's `Вторник, 24 ноября 2026, 10:15 +03:00 от Имя <адрес>:` starts the quote."""
    text = (f"{ANSWER_RU}\n\n\nВторник, 24 ноября 2026, 10:15 +03:00 от Иван Петров "
            f"<ivan@mail.ru>:\n\n{QUOTE_RU}")
    assert strip_reply(text) == ANSWER_RU


def test_thunderbird_russian() -> None:
    """Thunderbird's `24.11.2026 10:15, Имя пишет:` starts the quote."""
    text = f"{ANSWER_RU}\n\n24.11.2026 10:15, Иван Петров пишет:\n{QUOTE_RU}"
    assert strip_reply(text) == ANSWER_RU


@pytest.mark.parametrize("date_line", [
    "Отправлено: 24 ноября 2026 г. 10:15",
    "Дата: вторник, 24 ноября 2026 г., 10:15",
])
def test_outlook_russian_block(date_line: str) -> None:
    """Outlook's Russian `От:/Отправлено:/Кому:/Тема:` block (or with `Дата:`) starts the quote."""
    text = (f"{ANSWER_RU}\n\n________________________________\nОт: Иван Петров "
            f"<ivan@example.com>\n{date_line}\nКому: claims@company.ru\n"
            "Тема: Разбитая коробка\n\nЗдравствуйте, коробка пришла разбитой.\n")
    assert strip_reply(text) == ANSWER_RU


def test_russian_original_message_separator() -> None:
    """`-----Исходное сообщение-----` starts the quote."""
    text = (f"{ANSWER_RU}\n\n-----Исходное сообщение-----\nОт: Иван Петров\n"
            "Отправлено: 24 ноября 2026 г. 10:15\n\nКоробка пришла разбитой.\n")
    assert strip_reply(text) == ANSWER_RU


def test_english_original_message_separator() -> None:
    """`-----Original Message-----` starts the quote."""
    text = (f"{ANSWER_EN}\n\n-----Original Message-----\nFrom: John Smith\n"
            "Sent: Tuesday, November 24, 2026 10:15 AM\n\nThe box arrived broken.\n")
    assert strip_reply(text) == ANSWER_EN


def test_gmail_english() -> None:
    """Gmail's `On ..., Name <addr> wrote:` starts the quote."""
    text = (f"{ANSWER_EN}\n\nOn Tue, Nov 24, 2026 at 10:15 AM John Smith <john@example.com> "
            f"wrote:\n\n{QUOTE_EN}")
    assert strip_reply(text) == ANSWER_EN


def test_outlook_english_block() -> None:
    """Outlook's English `From:/Sent:/To:/Subject:` block starts the quote."""
    text = (f"{ANSWER_EN}\r\n\r\nFrom: John Smith <john@example.com>\r\n"
            "Sent: Tuesday, November 24, 2026 10:15 AM\r\nTo: claims@company.com\r\n"
            "Subject: Broken box\r\n\r\nThe box arrived broken.\r\n")
    assert strip_reply(text) == ANSWER_EN


def test_thunderbird_english() -> None:
    """Thunderbird's `On 11/24/2026 10:15 AM, Name wrote:` starts the quote."""
    text = f"{ANSWER_EN}\n\nOn 11/24/2026 10:15 AM, John Smith wrote:\n{QUOTE_EN}"
    assert strip_reply(text) == ANSWER_EN


def test_russian_sign_off_is_kept() -> None:
    """`С уважением, Имя` is part of the answer and stays; the quote below it goes."""
    text = (f"{ANSWER_RU}\n\nС уважением,\nАнна Смирнова\n\nвт, 24 нояб. 2026 г. в 10:15, "
            f"Иван <ivan@example.com>:\n{QUOTE_RU}")
    assert strip_reply(text) == f"{ANSWER_RU}\n\nС уважением,\nАнна Смирнова"


def test_english_sign_off_is_kept() -> None:
    """`Best regards, Name` stays with the answer."""
    text = f"{ANSWER_EN}\n\nBest regards,\nAnna"
    assert strip_reply(text) == text


def test_dash_dash_signature_block_is_cut() -> None:
    """Everything from a `-- ` line on is the signature and is dropped."""
    text = (f"{ANSWER_RU}\n\nС уважением,\nАнна\n-- \nАнна Смирнова\nОтдел претензий\n"
            "+7 495 000-00-00\n")
    assert strip_reply(text) == f"{ANSWER_RU}\n\nС уважением,\nАнна"


@pytest.mark.parametrize("line", [
    "Sent from my iPhone", "Отправлено с iPhone", "Отправлено из мобильной Почты Mail.ru",
    "Отправлено из мобильной Яндекс Почты",
])
def test_mobile_sent_from_lines_are_cut(line: str) -> None:
    """Mobile "sent from" lines after the answer are dropped."""
    text = f"{ANSWER_RU}\n\n{line}\n\n24.11.2026, 10:15, \"Иван\" <ivan@yandex.ru>:\n{QUOTE_RU}"
    assert strip_reply(text) == ANSWER_RU


def test_sentence_starting_like_sent_from_is_kept() -> None:
    """An ordinary sentence beginning with "Отправлено с" is not mistaken for a signature."""
    text = "Отправлено с курьером сегодня.\nТрек-номер пришлём отдельно."
    assert strip_reply(text) == text


def test_hyphen_lists_are_kept() -> None:
    """A hyphen list in the answer is not mistaken for a signature."""
    text = "Что нужно сделать:\n- вернуть товар\n- получить деньги\n\nСпасибо,\nАнна"
    assert strip_reply(text) == text


def test_inline_quotes_are_dropped_and_answers_kept() -> None:
    """In an interleaved reply, the `>` lines go and the specialist's lines stay."""
    text = "> Когда будет замена?\nЗавтра.\n> А деньги?\nВ пятницу."
    assert strip_reply(text) == "Завтра.\nВ пятницу."


def test_commands_survive() -> None:
    """Command lines at the top of a reply are new text and are kept for the command parser."""
    text = (f"#status resolved\n#приоритет высокий\n\n{ANSWER_RU}\n\n24.11.2026 10:15, "
            f"Иван пишет:\n{QUOTE_RU}")
    assert strip_reply(text) == f"#status resolved\n#приоритет высокий\n\n{ANSWER_RU}"


def test_plain_text_is_unchanged() -> None:
    """A message without quotes or signature comes back as written."""
    assert strip_reply(ANSWER_RU) == ANSWER_RU


def test_empty_text_stays_empty() -> None:
    """Whitespace-only text gives an empty string."""
    assert strip_reply(" \n\n ") == ""


def test_message_that_is_only_a_quote_falls_back_to_full_text() -> None:
    """When nothing new is found, the whole text is kept rather than losing anything."""
    text = f"On Tue, Nov 24, 2026 at 10:15 AM John <john@example.com> wrote:\n{QUOTE_EN}"
    assert strip_reply(text) == text.strip()


def test_text_with_a_time_is_not_a_header() -> None:
    """A line that mentions a date and time but is not an attribution line stays."""
    text = "Курьер приедет 25.11.2026 в 10:15, созвонитесь с ним.\nАнна"
    assert strip_reply(text) == text


@pytest.mark.parametrize("name", NAMES)
def test_own_text_of_real_client_replies(name: str) -> None:
    """Top-, bottom- and interleaved replies from common clients give the writer's lines only."""
    assert own_text(reply(name)) == expected_own(name)


def test_bottom_posted_reply_keeps_the_answer_below_the_quote() -> None:
    """An attribution line and its `>` block above the answer are quoted material, not own."""
    text = (f"On Tue, Nov 24, 2026 at 10:15 AM John <john@example.com> wrote:\n{QUOTE_EN}\n"
            f"{ANSWER_EN}")
    assert own_text(text) == ANSWER_EN


def test_interleaved_answers_are_kept_in_order() -> None:
    """Answers between quoted blocks are all kept, in order, one blank line apart."""
    text = "24.11.2026 10:15, Иван пишет:\n> Когда?\n\nЗавтра.\n\n> А деньги?\n\nВ пятницу.\n"
    assert own_text(text) == "Завтра.\n\nВ пятницу."


def test_signature_is_kept_apart() -> None:
    """The `-- ` block goes to `signature` (without the delimiter), the quote to `quoted`."""
    parts = split_reply(reply("signature.en"))
    assert parts.signature == ("Anna Smirnova\nSenior Claims Specialist, Daisy Ltd\n"
                               "+44 20 7946 0000")
    assert parts.own.endswith("Best regards,\nAnna")
    assert parts.quoted.startswith("On Thu, Dec 3, 2026 at 10:15 AM")
    assert "> Category: damage" in parts.quoted


def test_signature_ends_at_a_quote_and_the_answer_below_is_own() -> None:
    """A signature placed above the quote does not swallow an answer written below it."""
    text = f"-- \nАнна Смирнова\n\n24.11.2026 10:15, Иван пишет:\n{QUOTE_RU}\n{ANSWER_RU}"
    parts = split_reply(text)
    assert (parts.own, parts.signature) == (ANSWER_RU, "Анна Смирнова")


def test_mobile_sent_from_line_is_signature() -> None:
    """"Sent from my iPhone" goes to the signature, not to the answer."""
    assert split_reply(reply("apple_top.en")).signature == "Sent from my iPhone"


def test_reply_that_is_only_a_quote_has_no_own_text() -> None:
    """A bottom-posted reply with nothing below the quote has no own text (nothing to relay)."""
    text = f"On Tue, Nov 24, 2026 at 10:15 AM John <john@example.com> wrote:\n{QUOTE_EN}"
    assert split_reply(text) == ReplyParts(own="", quoted=text.strip())


def test_unmarked_quote_after_an_attribution_runs_to_the_end() -> None:
    """An attribution followed by text without `>` (HTML mail made text) quotes the rest."""
    text = f"{ANSWER_RU}\n\n24.11.2026 10:15, Иван пишет:\nКоробка пришла разбитой.\nИван"
    assert own_text(text) == ANSWER_RU


def test_from_and_to_in_prose_are_not_a_header_block() -> None:
    """"From: … To: …" lines alone are prose: an Outlook block needs two header lines after From."""
    text = "Доставка:\nFrom: Monday\nTo: Friday\n\nАнна"
    assert own_text(text) == text


def test_english_prose_starting_with_on_is_not_an_attribution() -> None:
    """A sentence beginning "On Monday" and ending with a colon is not an attribution line."""
    text = "On Monday the courier brings:\n- a new vase\n- a return label"
    assert own_text(text) == text


def test_prose_ending_with_an_address_is_not_an_attribution() -> None:
    """Only a weekday may precede the date of an attribution line: prose before it stays own."""
    text = "Завтра 25.11.2026 в 10:15 пишите на <olga@company.ru>:\nОльга ответит сразу."
    assert own_text(text) == text


def test_mail_ru_mobile_with_a_bare_address() -> None:
    """Mail.ru's mobile attribution ends with an address without angle brackets."""
    text = (f"{ANSWER_RU}\n\nЧетверг, 3 декабря 2026, 10:15 +03:00 от claims@company.ru:\n\n"
            f"{QUOTE_RU}")
    assert own_text(text) == ANSWER_RU


def test_english_attribution_wrapped_before_wrote() -> None:
    """Gmail's attribution wrapped before "wrote:" is still one attribution."""
    text = (f"On Thu, Dec 3, 2026 at 10:15 AM Claims Department <claims@company.example>\n"
            f"wrote:\n{QUOTE_EN}\n{ANSWER_EN}")
    assert own_text(text) == ANSWER_EN


def test_starred_outlook_labels_start_the_quote() -> None:
    """`*From:* … *Sent:* …` (an Outlook block as Gmail's plain text shows it) starts the quote."""
    text = (f"{ANSWER_EN}\n\n*From:* Claims <claims@company.example>\n*Sent:* Thursday, "
            "December 3, 2026 10:15 AM\n*To:* Anna\n*Subject:* Broken vase\n\nCategory: damage")
    assert own_text(text) == ANSWER_EN
