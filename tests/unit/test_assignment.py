"""Routing a new claim: category from keywords, then the specialist to assign."""

from __future__ import annotations

from collections.abc import Mapping

from mailflow.config import DEFAULT_CATEGORIES
from mailflow.domain.assignment import Assignment, categorize, choose_specialist
from mailflow.domain.model import Person

KEYWORDS = {
    "damage": {"ru": ["поврежд", "разбит"], "en": ["damaged", "broken"]},
    "delay": {"ru": ["задерж", "не пришл"], "en": ["late", "not arrived"]},
    "defect": {"ru": ["брак", "тёмн"], "en": ["doesn't work"]},
}

OLGA = Person("Ольга", "olga@company.ru", languages=("ru",), categories=("damage",))
PETR = Person("Пётр", "petr@company.ru", languages=("ru", "en"), categories=("delay",))
ANNA = Person("Anna", "anna@company.ru", languages=("en",), categories=("damage",))
BORIS = Person("Борис", "boris@company.ru", languages=("ru",))
BOSS = Person("Шеф", "boss@company.ru", manager=True, categories=("damage",))


def choose(category: str | None, language: str = "ru", people: tuple[Person, ...] = (),
           open_counts: Mapping[str, int] | None = None,
           absent: frozenset[str] = frozenset()) -> Assignment | None:
    return choose_specialist(category, language, people, open_counts or {}, absent)


def test_category_with_keyword_hits() -> None:
    """A Russian complaint about a smashed box is categorised as damage with the stems found."""
    assert categorize("Претензия", "Коробка пришла разбитой, товар повреждён.", KEYWORDS) == (
        "damage", ("поврежд", "разбит"))


def test_subject_counts_too() -> None:
    """Keywords in the subject are found as well as in the text."""
    assert categorize("Order arrived LATE", "See above.", KEYWORDS) == ("delay", ("late",))


def test_most_hits_wins() -> None:
    """The category with more keyword occurrences wins over one with fewer."""
    text = "Посылка задержалась, и ещё раз задержка, а коробка разбита."
    assert categorize("", text, KEYWORDS) == ("delay", ("задерж",))


def test_tie_goes_to_the_category_configured_first() -> None:
    """With equal hits, the category listed first in the config wins."""
    assert categorize("", "Товар разбит, и часть заказа не пришла.", KEYWORDS)[0] == "damage"


def test_stems_match_only_at_word_start() -> None:
    """A stem inside a word (`обрак`, `chocolate`) does not count."""
    assert categorize("", "Обработка заказа, chocolate", KEYWORDS) == (None, ())


def test_yo_is_read_as_ye_in_text_and_stems() -> None:
    """`ё` and `е` are the same letter for matching, on both sides."""
    assert categorize("", "Экран стал темнее", KEYWORDS) == ("defect", ("тёмн",))
    assert categorize("", "Товар повреждён", KEYWORDS) == ("damage", ("поврежд",))


def test_multi_word_stems_allow_any_whitespace() -> None:
    """A multi-word keyword matches across a line break or several spaces."""
    assert categorize("", "Посылка не\n  пришла вовремя", KEYWORDS) == ("delay", ("не пришл",))


def test_typographic_apostrophe() -> None:
    """`doesn’t work` with a curly apostrophe matches the keyword `doesn't work`."""
    assert categorize("", "The kettle doesn’t work.", KEYWORDS) == ("defect", ("doesn't work",))


def test_no_keywords_no_category() -> None:
    """Text without any keyword has no category."""
    assert categorize("Вопрос", "Когда будет скидка?", KEYWORDS) == (None, ())


def test_default_categories_categorise_a_typical_claim() -> None:
    """The shipped keyword table routes a typical Russian damage claim to damage."""
    text = "Здравствуйте! Получили заказ, ваза разбита, коробка помята."
    category, matched = categorize("Разбитая ваза", text, DEFAULT_CATEGORIES)
    assert (category, matched) == ("damage", ("разбит", "помят"))


def test_prefers_category_handler() -> None:
    """Someone who handles the category is chosen over a generalist with fewer open claims."""
    chosen = choose("damage", people=(BORIS, OLGA), open_counts={"olga@company.ru": 5})
    assert chosen == Assignment(OLGA, "category damage; speaks ru; fewest open claims (5)")


def test_then_prefers_language() -> None:
    """Among category handlers, one who speaks the claim's language comes first."""
    chosen = choose("damage", language="en", people=(OLGA, ANNA))
    assert chosen is not None
    assert chosen.person == ANNA


def test_category_beats_language() -> None:
    """A category handler is chosen even if only a non-handler speaks the language."""
    chosen = choose("damage", language="en", people=(PETR, OLGA))
    assert chosen == Assignment(OLGA, "category damage; does not speak en; fewest open claims (0)")


def test_then_fewest_open_claims() -> None:
    """Among equally suitable people, the one with fewest open claims is chosen."""
    second = Person("Вера", "vera@company.ru", languages=("ru",), categories=("damage",))
    chosen = choose("damage", people=(OLGA, second), open_counts={"olga@company.ru": 3,
                                                                  "vera@company.ru": 1})
    assert chosen is not None
    assert chosen.person == second


def test_ties_go_to_config_order() -> None:
    """With everything equal, the person listed first in the config is chosen."""
    second = Person("Вера", "vera@company.ru", languages=("ru",), categories=("damage",))
    assert choose("damage", people=(second, OLGA)) == Assignment(
        second, "category damage; speaks ru; fewest open claims (0)")


def test_no_category_goes_by_language_and_load() -> None:
    """Without a category, language and then load decide, and the reason says so."""
    chosen = choose(None, language="en", people=(OLGA, PETR, ANNA),
                    open_counts={"petr@company.ru": 2, "anna@company.ru": 1})
    assert chosen == Assignment(ANNA, "no category; speaks en; fewest open claims (1)")


def test_nobody_handles_the_category() -> None:
    """When no available person handles the category, the others are still considered."""
    chosen = choose("defect", people=(OLGA, BORIS), open_counts={"olga@company.ru": 1})
    assert chosen == Assignment(
        BORIS, "nobody available for category defect; speaks ru; fewest open claims (0)")


def test_managers_are_never_chosen() -> None:
    """Managers are skipped even when they handle the category; alone, they give None."""
    assert choose("damage", people=(BOSS,)) is None
    chosen = choose("damage", people=(BOSS, BORIS))
    assert chosen is not None
    assert chosen.person == BORIS


def test_absent_people_are_skipped() -> None:
    """Someone on leave is not chosen, whatever the case of the address."""
    chosen = choose("damage", people=(OLGA, BORIS), absent=frozenset({"Olga@Company.RU"}))
    assert chosen is not None
    assert chosen.person == BORIS


def test_people_at_capacity_are_skipped() -> None:
    """Someone at max_open is skipped; one below it is still available."""
    full = Person("Ольга", "olga@company.ru", languages=("ru",), categories=("damage",),
                  max_open=2)
    at_limit = choose("damage", people=(full, BORIS), open_counts={"olga@company.ru": 2})
    below = choose("damage", people=(full, BORIS), open_counts={"olga@company.ru": 1})
    assert at_limit is not None
    assert below is not None
    assert (at_limit.person, below.person) == (BORIS, full)


def test_nobody_available_gives_none() -> None:
    """With everyone absent, there is no assignment and the caller falls back."""
    assert choose("damage", people=(OLGA, BORIS),
                  absent=frozenset({"olga@company.ru", "boris@company.ru"})) is None
