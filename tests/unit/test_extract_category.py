"""The category of a claim from keywords matched through word forms, with a confidence."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mailflow.extract.config import ExtractConfig, default_extract_config
from mailflow.extract.fields import extract
from mailflow.extract.model import Category, ClaimText

CONFIG = default_extract_config()
KEYWORDS_ONLY = replace(CONFIG, category_model=False)


def categorise(body: str, subject: str = "", config: ExtractConfig = CONFIG
               ) -> tuple[Category, float]:
    extraction = extract(ClaimText(subject, body, "ru" if not body.isascii() else "en"), config)
    return extraction.category, extraction.category_confidence


@pytest.mark.parametrize(
    "body",
    [
        "Курьер повредил коробку.",
        "Товар пришёл повреждён.",
        "На корпусе видны повреждения.",
        "Груз повредили при перевозке.",
    ],
)
def test_damage_in_any_word_form(body: str) -> None:
    """«повредили», «повреждён», «повреждения» all count as damage."""
    assert categorise(body)[0] is Category.DAMAGE


@pytest.mark.parametrize(
    ("body", "category"),
    [
        ("Заказ до сих пор не пришёл, задержка уже неделю.", Category.DELAY),
        ("При приёмке обнаружена недостача, не хватает двух коробок.", Category.SHORTAGE),
        ("Утюг перестал греть, не включается — брак.", Category.DEFECT),
        ("Прислали не тот цвет: вместо синих пришли красные.", Category.WRONG_ITEM),
        ("Курьер нагрубил, оператор бросил трубку.", Category.SERVICE),
        ("The monitor arrived with a cracked screen, box crushed.", Category.DAMAGE),
        ("My order is still not here, it is two weeks late.", Category.DELAY),
        ("Two lines short on the delivery, items missing.", Category.SHORTAGE),
        ("The kettle stopped working after a week, it is faulty.", Category.DEFECT),
        ("You sent the wrong size, I got a 140 instead of 160.", Category.WRONG_ITEM),
        ("The installer was rude and left without installation.", Category.SERVICE),
    ],
)
def test_categories_in_both_languages(body: str, category: Category) -> None:
    """Each category is recognised from its own words in Russian and English."""
    assert categorise(body)[0] is category


def test_confidence_grows_with_the_margin() -> None:
    """A letter with words of one category only is surer than one mixing two."""
    clear = categorise("Коробка разбита, чайник повреждён, корпус треснул.")
    mixed = categorise("Коробка разбита, а второй чайник перестал греть, брак.")
    assert clear[0] is Category.DAMAGE
    assert clear[1] > mixed[1]


def test_no_keywords_means_other_with_zero_confidence() -> None:
    """Without the category model, a letter with no category word is «other», confidence 0."""
    assert categorise("Здравствуйте, это Иван.", config=KEYWORDS_ONLY) == (Category.OTHER, 0.0)
    assert categorise("Добрый день.", config=KEYWORDS_ONLY)[0] is Category.OTHER


def test_keywords_come_from_the_config() -> None:
    """A keyword added in the config changes the category (word forms still fold)."""
    keywords = {category: dict(per_language) for category, per_language in
                CONFIG.category_keywords.items()}
    keywords[Category.SERVICE] = {"ru": (("сборщик", 5.0),), "en": ()}
    config = ExtractConfig(category_keywords=keywords)
    assert categorise("Сборщики мебели опоздали.", config=config)[0] is Category.SERVICE


@pytest.mark.parametrize(("body", "category"), [
    ("Коробка пришла без повреждений, но внутри не тот цвет.", Category.WRONG_ITEM),
    ("The box was not damaged at all, but the kettle does not work.", Category.DEFECT),
    ("Упаковка не повреждена, чайник не включается.", Category.DEFECT),
])
def test_a_negated_keyword_does_not_count(body: str, category: Category) -> None:
    """«без повреждений», "not damaged" say the opposite of damage."""
    assert categorise(body)[0] is category


def test_negation_stops_at_the_end_of_its_clause() -> None:
    """«…не закручивается. Замените» still asks for a replacement: «не» does not reach
    past the full stop."""
    extraction = extract(ClaimText("", "Крышка не закручивается. Замените термос.", "ru"),
                         CONFIG)
    assert [f.value for f in extraction.fields if f.name.value == "demand"] == ["replacement"]


def test_a_negated_demand_is_not_a_demand() -> None:
    """"we don't want a refund, please replace it" demands only a replacement."""
    extraction = extract(ClaimText("", "We don't want a refund, please replace it.", "en"),
                         CONFIG)
    assert [f.value for f in extraction.fields if f.name.value == "demand"] == ["replacement"]


@pytest.mark.parametrize(("body", "category"), [
    ("Привезли 8 коробок плитки вместо 10.", Category.SHORTAGE),
    ("The box only had 3 chairs instead of 4.", Category.SHORTAGE),
    ("Прислали синие вместо красных.", Category.WRONG_ITEM),
    ("You sent the wrong size, I got a 140 instead of 160.", Category.WRONG_ITEM),
])
def test_instead_of_a_count_is_a_shortage(body: str, category: Category) -> None:
    """«вместо 10» compares counts (a shortage); «вместо красных» compares articles."""
    assert categorise(body)[0] is category


def test_instead_of_a_duration_is_not_a_shortage() -> None:
    """"warm only 2 hours instead of 12" compares durations, not counts of goods."""
    assert categorise("The thermos keeps drinks warm only 2 hours instead of 12, it is "
                      "faulty.")[0] is Category.DEFECT


@pytest.mark.parametrize(("body", "category"), [
    ("Курьер привёз холодильник с огромной вмятиной на дверце.", Category.DAMAGE),
    ("Подскажите, как вернуть товар надлежащего качества?", Category.OTHER),
    ("Посылка застряла на сортировочном центре уже 10 дней.", Category.DELAY),
    ("В комплекте нет инструкции и крепежа.", Category.SHORTAGE),
])
def test_everyday_wording(body: str, category: Category) -> None:
    """Common wording: a courier bringing damaged goods is damage, not service; goods of
    proper quality are not a defect."""
    assert categorise(body)[0] is category


def test_a_question_asks_rather_than_complains() -> None:
    """"Is there a warranty on the kettle?" is a question (other), while the same word in
    a statement still counts."""
    assert categorise("Is there a warranty on the kettle?")[0] is Category.OTHER
    assert categorise("The kettle is under warranty and it stopped working.")[0] is (
        Category.DEFECT)


@pytest.mark.parametrize(("body", "category"), [
    ("Прошу отменить заказ 45-5500, он мне больше не нужен.", Category.OTHER),
    ("Hi, I'd like to cancel order 40-5500 before it ships.", Category.OTHER),
    ("Just wanted to say thank you, great service.", Category.OTHER),
    ("В посылке разлился шампунь, всё испачкано.", Category.DAMAGE),
    ("The vase arrived damaged, the rim is in pieces.", Category.DAMAGE),
    ("The speaker no longer works after a week.", Category.DEFECT),
    ("Мои персональные данные отправили другому покупателю.", Category.SERVICE),
    ("My card was charged twice and there is still no refund.", Category.SERVICE),
    ("Прислали другой товар, артикул не совпадает.", Category.WRONG_ITEM),
], ids=lambda value: str(value)[:24])
def test_a_claims_desks_everyday_words(body: str, category: Category) -> None:
    """A cancellation or thanks is a question, a spill is transit damage, "no longer works"
    a defect, personal data and refunds not paid are service, «прислали другой» a wrong
    item: with the keywords alone, without the model."""
    assert categorise(body, config=KEYWORDS_ONLY)[0] is category


def test_a_keyword_in_the_subject_weighs_double() -> None:
    """"Missing parts" in the subject outweighs one dent in the body: the subject names
    the matter in a few words."""
    assert categorise("The box was dented.", subject="Missing parts",
                      config=KEYWORDS_ONLY)[0] is Category.SHORTAGE
    assert categorise("Missing parts. The box was dented.",
                      config=KEYWORDS_ONLY)[0] is Category.DAMAGE


@pytest.mark.parametrize(
    ("body", "category"),
    [
        ("Потерял чек на пылесос, можно получить копию для гарантии?", Category.OTHER),
        ("Прошу перенести доставку заказа 77-1212 на понедельник, в пятницу меня не будет дома.",
         Category.OTHER),
        ("Can you deliver on Saturday instead of Friday? I won't be home.", Category.OTHER),
        ("Can you include a gift note with order 40-5521? It's a birthday present.",
         Category.OTHER),
        ("Thank you, the replacement arrived today and works perfectly.", Category.OTHER),
        ("You sent my invoice with my home address to another customer by email.",
         Category.SERVICE),
        ("One of the water bottles burst in transit and soaked the other boxes.",
         Category.DAMAGE),
    ],
)
def test_requests_thanks_and_everyday_wording(body: str, category: Category) -> None:
    """Moving a delivery, a lost receipt, a gift note and thanks are questions (other); data
    sent to another customer is service; a bottle burst in transit is damage."""
    assert categorise(body, config=KEYWORDS_ONLY)[0] is category
    assert categorise(body)[0] is category
