"""The staff list's search (store/claim_search.py over migration 0017's index), on both
databases: what it finds, how filters and pages combine, and that the index follows writes."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session

from mailflow.extract.model import FieldName, FoundField, Source
from mailflow.store import claim_search
from mailflow.store.claim_search import ClaimPage, ClaimQuery, Sort, search_claims
from mailflow.store.database import Database
from mailflow.store.fields import save_fields
from mailflow.store.tables import ClaimRow, MessageRow

NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
_serial = itertools.count(1)


def add_claim(session: Session, *, name: str = "", email: str = "", status: str = "new",
              category: str | None = None, assignee: str | None = None, body: str = "",
              order: str = "", due: datetime | None = None) -> ClaimRow:
    """A claim with one customer message and, if given, an order number read from it."""
    n = next(_serial)
    claim = ClaimRow(number=f"CLM-2026-{n:06d}", status=status, language="ru",
                     customer_email=email or f"customer{n}@example.org", customer_name=name,
                     subject=f"Claim {n}", category=category, assignee_email=assignee,
                     created_at=NOW, updated_at=NOW, first_response_due=due,
                     hard_limit_due=due, resolution_due=due)
    session.add(claim)
    session.flush()
    assert claim.id is not None
    if body:
        add_message(session, claim.id, body)
    if order:
        save_fields(session, claim.id, None, [order_number(order)], NOW)
    session.flush()
    return claim


def add_message(session: Session, claim_id: int, body: str) -> MessageRow:
    n = next(_serial)
    message = MessageRow(claim_id=claim_id, direction="in", kind="customer",
                         message_id=f"<m{n}@example.org>", content_hash=f"{n:064d}",
                         raw_sha256=f"{n:064d}", raw_size=1, text_body=body, created_at=NOW)
    session.add(message)
    session.flush()
    return message


def order_number(value: str) -> FoundField:
    return FoundField(name=FieldName.ORDER_NUMBER, value=value, source=Source.BODY, start=0,
                      end=len(value), confidence=1.0, rule="test")


def numbers(page: ClaimPage) -> list[str]:
    return [claim.number for claim in page.claims]


def found(session: Session, text: str, **filters: object) -> list[str]:
    return numbers(search_claims(session, ClaimQuery(text=text, **filters)))  # type: ignore[arg-type]


@pytest.fixture(scope="module",
                params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def search_db(request: pytest.FixtureRequest,
              tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """One upgraded database per module and kind (each test rolls its claims back)."""
    url = (f"sqlite:///{tmp_path_factory.mktemp('search') / 'mailflow.sqlite3'}"
           if request.param == "sqlite" else request.getfixturevalue("pg_url"))
    database = Database(url)
    database.upgrade()
    yield database
    database.dispose()


@pytest.fixture
def session(search_db: Database) -> Iterator[Session]:
    """One transaction on the module's database, rolled back after the test."""
    with Session(search_db.engine) as opened:
        yield opened
        opened.rollback()


def test_finds_by_number_address_name_order_number_and_message_word(session: Session) -> None:
    """Each kind of text the list promises finds its claim and only it."""
    ivanov = add_claim(session, name="Ivan Ivanov", email="ivanov@shop.example",
                       body="The sofa arrived with a torn armrest.", order="ЗК-70011")
    other = add_claim(session, name="Petr Petrov", body="Missing screws in the box.")
    assert found(session, ivanov.number) == [ivanov.number]
    assert found(session, ivanov.number.lower()) == [ivanov.number]
    assert found(session, "ivanov@shop") == [ivanov.number]
    assert found(session, "IVAN ivanov") == [ivanov.number]
    assert found(session, "зк-70011") == [ivanov.number]
    assert found(session, "armrest") == [ivanov.number]
    assert found(session, "screws box") == [other.number]
    assert found(session, "armrest screws") == []


def test_the_claim_with_the_number_comes_first(session: Session) -> None:
    """A claim whose number is the text leads, before newer claims that only mention it."""
    named = add_claim(session)
    mentions = [add_claim(session, body=f"See also {named.number}.") for _ in range(3)]
    assert found(session, named.number) == [named.number, *(m.number for m in
                                                            reversed(mentions))]


def test_cyrillic_in_any_case_and_yo_as_ye(session: Session) -> None:
    """Cyrillic words match in any case, and ё and е find each other."""
    claim = add_claim(session, name="Пётр Семёнов", body="Диван ПОВРЕЖДЁН при доставке")
    assert found(session, "петр СЕМЕНОВ") == [claim.number]
    assert found(session, "ПЁТР") == [claim.number]
    assert found(session, "поврежден") == [claim.number]
    assert found(session, "Доставке") == [claim.number]


def test_like_metacharacters_and_short_words_are_literal(session: Session) -> None:
    """% and _ match only themselves, in words of any length."""
    percent = add_claim(session, body="Refund 100% please, code a_b")
    plain = add_claim(session, body="Refund 1000 please, code axb")
    assert found(session, "100%") == [percent.number]
    assert found(session, "a_b") == [percent.number]
    assert found(session, "%") == [percent.number]
    assert found(session, "refund _b") == [percent.number]
    assert found(session, "xb") == [plain.number]


def test_filters_combine_with_the_text_and_visible_to_hides_others(session: Session) -> None:
    """Status, category, assignee, overdue and the text narrow together; a specialist sees
    only the claims assigned to the addresses they may see."""
    late = NOW - timedelta(days=1)
    mine = add_claim(session, status="in_progress", category="damage", assignee="a@x.test",
                     body="broken glass", due=late)
    add_claim(session, status="in_progress", category="delay", assignee="a@x.test",
              body="broken glass")
    add_claim(session, status="new", category="damage", assignee="b@x.test", body="broken glass")
    add_claim(session, status="closed", category="damage", assignee="a@x.test",
              body="broken glass", due=late)
    assert found(session, "glass", status="in_progress", category="damage") == [mine.number]
    assert found(session, "glass", assignee="A@x.test", category="damage",
                 overdue_at=NOW) == [mine.number]
    seen = search_claims(session, ClaimQuery(visible_to=frozenset({"b@x.test"})))
    assert {claim.assignee_email for claim in seen.claims} == {"b@x.test"}
    assert found(session, mine.number, visible_to=frozenset({"b@x.test"})) == []


def test_pages_follow_one_another_with_the_numbered_claim_first(session: Session) -> None:
    """Pages of the matching claims neither repeat nor skip one, and has_next is true
    exactly when another page follows, also when the numbered claim leads page 1."""
    named = add_claim(session, body="pump")
    others = [add_claim(session, body=f"pump, see {named.number}") for _ in range(4)]
    pages = [search_claims(session, ClaimQuery(text=named.number, page=n, page_size=2))
             for n in (1, 2, 3)]
    assert [numbers(page) for page in pages] == [
        [named.number, others[3].number], [others[2].number, others[1].number],
        [others[0].number]]
    assert [page.has_next for page in pages] == [True, True, False]
    plain = [search_claims(session, ClaimQuery(text="pump", page=n, page_size=5)) for n in (1, 2)]
    assert (len(plain[0].claims), plain[0].has_next, plain[1].claims) == (5, False, [])


def test_due_sort_puts_claims_without_a_date_last(session: Session) -> None:
    """Sorted by due date: earliest first, claims without one after them."""
    without = add_claim(session, body="kettle")
    later = add_claim(session, body="kettle", due=NOW + timedelta(days=2))
    sooner = add_claim(session, body="kettle", due=NOW + timedelta(days=1))
    assert found(session, "kettle", sort="due") == [sooner.number, later.number,
                                                    without.number]


def test_the_index_follows_new_messages_replaced_fields_and_moved_messages(
        session: Session) -> None:
    """A message or field added after the migration is found, a replaced order number no
    longer is, and a message moved to another claim (a merge) is found on that claim."""
    claim = add_claim(session, order="77-1045")
    target = add_claim(session)
    assert claim.id is not None
    assert target.id is not None
    message = add_message(session, claim.id, "the lamp flickers")
    save_fields(session, claim.id, None, [order_number("77-2099")], NOW)
    session.flush()
    assert found(session, "flickers") == [claim.number]
    assert (found(session, "77-1045"), found(session, "77-2099")) == ([], [claim.number])
    message.claim_id = target.id
    session.add(message)
    session.flush()
    assert found(session, "flickers") == [target.number]


def test_the_migration_indexes_the_claims_already_stored(db_url: str) -> None:
    """Claims, messages and fields stored before 0017 are found once it has run."""
    database = Database(db_url)
    database.upgrade("0016")
    with Session(database.engine) as session:
        claim = add_claim(session, name="Ольга Смирнова", body="Чайник течёт", order="ЗК-5")
        session.commit()
        number = claim.number
    database.upgrade()
    with Session(database.engine) as session:
        assert [found(session, text) for text in ("смирнова", "течет", "зк-5", number)] == [
            [number]] * 4
    database.dispose()


@pytest.mark.parametrize("sort", ["newest", "oldest", "due", "updated"])
def test_a_common_word_finds_the_same_claims_in_the_same_order(
        session: Session, monkeypatch: pytest.MonkeyPatch, sort: Sort) -> None:
    """A word held by more claims than the SQLite probe counts (read in the index's id
    order, or asked claim by claim) gives the page a rare word's lookup gives."""
    claims = [add_claim(session, body=f"blender {n}", due=NOW + timedelta(days=n % 3))
              for n in range(6)]
    add_claim(session, body="toaster")
    rare = search_claims(session, ClaimQuery(text="blender", sort=sort, page_size=4))
    monkeypatch.setattr(claim_search, "COMMON", 2)
    pages = [search_claims(session, ClaimQuery(text="blender", sort=sort, page=n, page_size=4))
             for n in (1, 2)]
    assert numbers(pages[0]) == numbers(rare)
    assert sorted(numbers(pages[0]) + numbers(pages[1])) == sorted(c.number for c in claims)
    assert (pages[0].has_next, pages[1].has_next) == (True, False)
