"""The digest's figures, computed by the database, against hand-computed expectations
(tests/integration/digest_data.py explains the data set and the edge cases)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mailflow.digest.figures import DigestInputs, build_figures
from mailflow.digest.model import (
    Activity,
    CategoryLine,
    CauseOutcome,
    CompensationTotal,
    DigestFigures,
    Ratings,
    SpecialistLine,
    WeakSpot,
)
from mailflow.digest.period import PeriodKind, period_of
from mailflow.digest.render import view
from mailflow.domain.calendar import WorkCalendar
from mailflow.domain.model import Person
from mailflow.domain.team import Team
from mailflow.store.database import Database
from tests.integration import digest_data as data

TEAM = Team(specialists=(Person("Anna", data.ANNA), Person("Boris", data.BORIS)))


def figures(db: Database, kind: PeriodKind = PeriodKind.DAY, day: object = data.DAY,
            untracked: tuple[str, ...] = ()) -> DigestFigures:
    inputs = DigestInputs(team=TEAM, calendar=WorkCalendar.for_country("RU", data.ZONE),
                          weak_spot_threshold=2, untracked=untracked)
    with db.transaction() as session:
        return build_figures(session, period_of(kind, day, data.ZONE),  # type: ignore[arg-type]
                             data.NOW, inputs)


@pytest.fixture
def loaded(db: Database) -> Database:
    data.load(db)
    return db


def test_the_days_activity_and_who_did_what(loaded: Database) -> None:
    """A claim reopened twice counts once as reopened (twice as reopenings) and once as
    resolved; a claim answered by Anna and then moved to Boris is Anna's answer and Boris's
    open claim; Boris shows as away."""
    found = figures(loaded)
    assert found.activity == Activity(new=3, answered=3, resolved=1, rejected=0, closed=0,
                                      reopened=1, reopenings=2, open_now=5, overdue_now=1)
    assert found.specialists == (
        SpecialistLine(data.ANNA, "Anna", open=1, overdue=0, answered=2,
                       median_first_answer_hours=2.0, away=False),
        SpecialistLine(data.BORIS, "Boris", open=3, overdue=1, answered=1,
                       median_first_answer_hours=142.0, away=True))
    assert found.categories == (CategoryLine("damage", 2, 1), CategoryLine("shortage", 1, 0))


def test_response_times_shares_and_the_overdue_list(loaded: Database) -> None:
    """Nearest-rank median and 90th percentile of 2, 6 and 142 hours; the claim over the
    holiday is within the working-day term but past the 5-day limit; the overdue claim's
    working hours leave out the weekend and the holiday."""
    found = figures(loaded)
    timings = found.timings
    assert (timings.answered, timings.first_median, timings.first_p90) == (3, 6.0, 142.0)
    assert (timings.within_policy, timings.within_limit) == (3, 2)
    assert timings.unanswered_past_policy == 1
    assert (timings.resolved, timings.resolution_median, timings.resolution_p90) == (1, 5.0, 5.0)
    assert found.answer_histogram == (1, 1, 0, 0, 0, 0, 1)
    assert found.overdue_total == 1
    (line,) = found.overdue
    assert (line.number, line.customer, line.specialist, line.working_hours) == (
        "C4", "Ivan Petrov", "Boris", 35.0)


def test_weak_spots_outcomes_ratings_and_the_30_day_series(loaded: Database) -> None:
    """The product named by three claims (in any case and spacing) is a weak spot, a
    replaced value is not counted; outcomes, compensation and ratings by cause; per day the
    series has the new claims by category and the open and overdue counts."""
    found = figures(loaded)
    spots = {(s.dimension, s.value): s for s in found.weak_spots}
    assert spots[("product", "kettle x1")] == WeakSpot("product", "kettle x1", 3, 0,
                                                       ("C5", "C1", "C6"))
    assert spots[("category", "damage")].count == 5
    assert set(spots) == {("product", "kettle x1"), ("category", "damage"),
                          ("carrier", "СДЭК"), ("supplier", "Чайник-Трейд")}
    assert found.outcomes == (CauseOutcome("carrier", "accepted", 1),)
    assert found.compensation == (CompensationTotal("carrier", "RUB", 1, 150000),)
    assert found.ratings == Ratings(4.0, 1, 4.0, 1)
    series = found.series
    assert series.days[-1] == data.DAY
    assert series.by_category["damage"][-1] == 2
    assert series.by_category["shortage"][-1] == 1
    assert (series.open[-2:], series.overdue[-2:]) == ((2, 5), (1, 1))


def test_carrier_and_supplier_weak_spots(loaded: Database) -> None:
    """A carrier named by three claims and a supplier of two claims' products are weak
    spots with their newest claims; a carrier corrected away and one named once are not;
    nothing is reported as untracked unless the inputs say so."""
    found = figures(loaded)
    spots = {(s.dimension, s.value): s for s in found.weak_spots}
    assert spots[("carrier", "СДЭК")] == WeakSpot("carrier", "СДЭК", 3, 0, ("C5", "C1", "C4"))
    assert spots[("supplier", "Чайник-Трейд")] == WeakSpot("supplier", "Чайник-Трейд", 2, 0,
                                                          ("C1", "C6"))
    assert found.missing == ()
    assert figures(loaded, untracked=("supplier",)).missing == ("supplier",)


def test_the_carrier_trend_compares_with_the_30_days_before(loaded: Database) -> None:
    """Seen from 3 Dec, the window starts on 4 Nov: two of the carrier's claims are in it
    and the third (28 Oct) in the 30 days before, which the trend shows; the supplier's
    claims split one and one and fall below the threshold."""
    later = figures(loaded, day=date(2026, 12, 3))
    spots = {(s.dimension, s.value): s for s in later.weak_spots}
    assert spots[("carrier", "СДЭК")] == WeakSpot("carrier", "СДЭК", 2, 1, ("C5", "C1"))
    assert ("supplier", "Чайник-Трейд") not in spots


def test_a_day_with_nothing_and_a_week(loaded: Database) -> None:
    """The holiday had no claims and no events: every count is zero and nothing breaks;
    the week holding it sums its days."""
    quiet = figures(loaded, day=data.HOLIDAY)
    assert quiet.activity == Activity(open_now=5, overdue_now=1)
    assert quiet.timings.first_median is None
    assert all(line.answered == 0 for line in quiet.specialists)
    week = figures(loaded, PeriodKind.WEEK)
    assert (week.period.first, week.period.last) == (data.DAY - timedelta(days=3),
                                                      data.DAY + timedelta(days=3))
    assert (week.activity.new, week.activity.answered) == (3, 3)


def test_the_digest_shows_categories_causes_and_outcomes_in_words(loaded: Database) -> None:
    """The digest's rows word the category, the cause (the configured Russian label) and the
    outcome rather than showing their codes."""
    found = figures(loaded)
    russian = view(found, "ru", {"carrier": "транспортная компания"})
    english = view(found, "en")
    assert russian["outcomes"] == [["транспортная компания", "принята", 1]]
    assert english["outcomes"] == [["carrier", "accepted", 1]]
    assert russian["compensation"][0][0] == "транспортная компания"
    assert "повреждение при доставке" in {row[0] for row in russian["categories"]}
    assert "damage in transit" in english["per_day_headers"]
    spots = {(row[0], row[1]) for row in russian["weak_spots"]}
    assert ("категория", "повреждение при доставке") in spots
