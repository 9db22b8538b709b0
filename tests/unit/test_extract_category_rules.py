"""General category rules beyond the keyword lists: a time of use before the fault makes a
defect, a subject naming a question makes other, a reply's subject is not weighed up, and
the model sees negated words apart."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mailflow.extract.category_model import NEGATED, word_features
from mailflow.extract.config import default_extract_config
from mailflow.extract.fields import extract
from mailflow.extract.lemmas import subject_tokens, tokens
from mailflow.extract.meaning import no_fault_subject, text_adjustments, time_in_use
from mailflow.extract.model import Category, ClaimText

KEYWORDS_ONLY = replace(default_extract_config(), category_model=False)


@pytest.mark.parametrize("text", [
    "Утюг через три дня перестал греть.",
    "Швы разошлись после первой стирки.",
    "Лампы сгорели в первый же день.",
    "The kettle leaks from the base after 2 weeks.",
    "The filter fell out on day two.",
    "Matras prosel uzhe cherez 3 nedeli.",
])
def test_a_time_of_use_before_the_fault_counts_for_a_defect(text: str) -> None:
    """«через три дня», "after 2 weeks", "on day two" before a fault add to the defect score."""
    assert time_in_use(text) == {Category.DEFECT: 2.0}


@pytest.mark.parametrize("text", [
    "Сказали, привезут через неделю, уже декабрь.",
    "Still nothing after 2 weeks of waiting.",
    "The parcel was promised after three days.",
    "I called this afternoon.",
])
def test_a_wait_for_delivery_is_no_time_of_use(text: str) -> None:
    """A delivery or a wait next to the time («привезут через неделю») is no defect sign."""
    assert time_in_use(text) == {}


def test_text_adjustments_add_both_rules() -> None:
    """Counts compared, a time of use and a question subject are all added to the scores."""
    adjustments = text_adjustments("Вопрос", "В коробке 8 стульев вместо 10. Один сломался "
                                   "через неделю.")
    assert adjustments[Category.SHORTAGE] == 3.0
    assert adjustments[Category.DEFECT] == 2.0
    assert adjustments[Category.OTHER] == 3.0


def test_a_time_of_use_alone_makes_a_defect_by_the_keywords() -> None:
    """With no keyword at all, «через две недели» tells the keyword verdict it is a defect."""
    extraction = extract(ClaimText("", "Ботинки расклеились через две недели носки.", "ru"),
                         KEYWORDS_ONLY)
    assert extraction.category is Category.DEFECT


@pytest.mark.parametrize("subject", ["Re: Your question about the kettle",
                                     "RE: Ответ по претензии", "Fwd: damaged", "AW: Frage"])
def test_a_reply_subject_is_not_weighed_as_the_subject(subject: str) -> None:
    """The subject of a reply or forward repeats the first letter's: not weighed up."""
    assert not any(token.in_subject for token in subject_tokens(subject, frozenset()))


def test_a_new_subject_is_weighed_as_the_subject() -> None:
    """A subject the customer wrote names the matter and is marked as the subject."""
    assert all(token.in_subject for token in subject_tokens("Damaged kettle", frozenset()))


def test_a_reply_subject_keyword_does_not_outweigh_the_body() -> None:
    """"Re: damaged" counts once, not twice, so the body's defect outweighs it."""
    extraction = extract(ClaimText("Re: damaged", "The kettle stopped working.", "en"),
                         KEYWORDS_ONLY)
    assert extraction.category is Category.DEFECT


@pytest.mark.parametrize(("text", "feature"), [
    ("Чайник не работает.", NEGATED + "работать"),
    ("It doesn't charge.", NEGATED + "charg"),
    ("No sound at all.", NEGATED + "sound"),
])
def test_the_model_sees_a_negated_word_apart(text: str, feature: str) -> None:
    """A word right after a negation gives the model a feature of its own."""
    assert feature in word_features(tokens(text, frozenset()), bigrams=False)


def test_a_negation_does_not_reach_past_a_comma() -> None:
    """«не знаю, работает ли»: the comma ends the negation's reach."""
    features = word_features(tokens("Не знаю, работает ли.", frozenset()), bigrams=False)
    assert NEGATED + "работать" not in features


@pytest.mark.parametrize("subject", ["Warranty question", "Вопрос по уходу за сковородой",
                                     "Запрос сертификатов", "Enquiry about a backorder",
                                     "Благодарность курьеру", "Thank you", "Promo code not applied",
                                     "Не начислены баллы", "Смена адреса доставки"])
def test_a_subject_naming_no_fault_counts_for_other(subject: str) -> None:
    """A subject the customer wrote that names a question, a request for papers, thanks,
    a promotion or an address change adds to other."""
    assert no_fault_subject(subject) == {Category.OTHER: 3.0}


@pytest.mark.parametrize("subject", ["Re: Your question about the kettle",
                                     "Ответ: Вопрос по претензии", "Broken kettle",
                                     "Когда будет доставка?", "Questionable quality",
                                     "Delivered to the wrong address"])
def test_a_reply_or_a_complaint_subject_is_no_question(subject: str) -> None:
    """Our question repeated in a reply's subject, a complaint, or a question mark alone
    ("Когда будет доставка?") adds nothing for other."""
    assert no_fault_subject(subject) == {}


def test_a_no_fault_subject_outweighs_a_keyword_asked_about() -> None:
    """"Question about warranty" asking how long the warranty is: other, not a defect."""
    extraction = extract(ClaimText("Question about warranty", "How long is the warranty "
                                   "and do I need to register it?", "en"), KEYWORDS_ONLY)
    assert extraction.category is Category.OTHER
