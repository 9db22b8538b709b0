"""What is wrong, in the customer's words: salutations name no fault, a greeting opening a
real sentence does not hide it, a hard-wrapped line does not split a sentence."""

from __future__ import annotations

from mailflow.extract.config import default_extract_config
from mailflow.extract.fields import extract
from mailflow.extract.model import ClaimText, FieldName
from mailflow.extract.segments import sentences

CONFIG = default_extract_config()


def grounds(body: str) -> list[str]:
    language = "en" if body.isascii() else "ru"
    extraction = extract(ClaimText("", body, language), CONFIG)
    return [f.value for f in extraction.fields if f.name is FieldName.GROUNDS]


def test_a_salutation_with_a_keyword_is_not_the_grounds() -> None:
    """"Dear Customer Services," holds a service keyword but says nothing wrong."""
    body = ("Dear Customer Services,\n\nI hope you are well. My order 82-3301 has not arrived "
            "and the tracking has not moved for a week.")
    assert grounds(body)[0].startswith("My order 82-3301 has not arrived")


def test_a_greeting_opening_a_real_sentence_is_kept() -> None:
    """"Hi, I ordered the cushions in navy but received grey ones" is the grounds."""
    body = "Hi, I ordered the sofa cushions in navy but received grey ones.\nSophie"
    assert grounds(body) == ["Hi, I ordered the sofa cushions in navy but received grey ones"]


def test_a_sentence_with_a_demand_is_the_grounds_when_nothing_else_is() -> None:
    """"please cancel order 82-9944, I ordered the same kettle twice" is the only substance."""
    body = "Hello, please cancel order 82-9944, I ordered the same kettle twice by mistake.\nRita"
    assert grounds(body) == [
        "Hello, please cancel order 82-9944, I ordered the same kettle twice by mistake"]


def test_a_hard_wrapped_line_continues_its_sentence() -> None:
    """A line break before a lower-case word is the mail client's wrap, not a sentence end."""
    text = "When I opened the box, four glasses were\nsmashed. Please send a new set."
    assert [text[a:b] for a, b in sentences(text)] == [
        "When I opened the box, four glasses were\nsmashed", "Please send a new set"]
