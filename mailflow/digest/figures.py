"""The digest's figures, each an aggregate computed by the database (GROUP BY, window
functions); only grouped rows come back, so memory does not grow with the claims.

Definitions (where the issue left a choice):
- "resolved", "rejected", "closed", "reopened" count claims whose status became that in the
  period (status events); `reopenings` counts the events, a claim reopened twice counts 2.
- "answered" counts claims whose first answer fell in the period; a specialist is credited
  with the first answers they relayed (a claim moved on later stays theirs), an answer with
  no relay event (set from the CLI) goes to the claim's specialist.
- Times are calendar hours from the claim's creation; percentiles are nearest-rank. The
  shares within the policy and the limit compare with the claim's stored deadlines, which
  count working days (holidays and days off included).
- "open" and "overdue" are now; the 30-day chart reconstructs them per day from the claims'
  dates and deadlines.
- Weak spots and outcomes look at claims created in the 30 days ending with the period,
  compared with the 30 days before.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, literal, or_, select, union_all
from sqlmodel import Session, col
from sqlmodel import select as model_select

from mailflow.digest import sql
from mailflow.digest.model import (
    ANSWER_BUCKETS_HOURS,
    Activity,
    CategoryLine,
    CauseOutcome,
    CompensationTotal,
    DigestFigures,
    OverdueLine,
    Ratings,
    Series,
    SpecialistLine,
    Timings,
    WeakSpot,
)
from mailflow.digest.period import ONE_DAY, WINDOW_DAYS, Period, local_midnight
from mailflow.domain.calendar import WorkCalendar
from mailflow.domain.team import Team
from mailflow.store.row_queue import write_rows
from mailflow.store.tables import AbsenceRow, ClaimFieldRow, ClaimRow, EventRow

HOUR = 3600.0
NO_CATEGORY = "-"
SPOT_CLAIMS = 5
SPOTS_PER_DIMENSION = 10
C: Any = ClaimRow  # columns as SQL expressions (mypy reads the model's fields as values)
E: Any = EventRow
F: Any = ClaimFieldRow


@dataclass(frozen=True)
class DigestInputs:
    """What the figures need besides the database."""

    team: Team
    calendar: WorkCalendar
    weak_spot_threshold: int = 3
    overdue_limit: int = 50
    product_groups: Mapping[str, str] | None = None  # article (upper case) -> group
    untracked: tuple[str, ...] = ()  # weak-spot kinds nothing feeds (carrier, supplier)


def build_figures(session: Session, period: Period, now: datetime,
                  inputs: DigestInputs) -> DigestFigures:
    """Every figure of the digest of `period`, as seen at `now`."""
    write_rows(session)  # its queries run on the connection, around the session's queue
    overdue, overdue_total = _overdue(session, now, inputs)
    groups = _window_groups(session, period)
    return DigestFigures(
        period=period, now=now, activity=_activity(session, period),
        specialists=_specialists(session, period, now, inputs.team),
        categories=_categories(session, period), timings=_timings(session, period, now),
        overdue=overdue, overdue_total=overdue_total,
        weak_spots=_weak_spots(session, period, inputs, groups),
        outcomes=_outcomes(groups), compensation=_compensation(groups),
        ratings=_ratings(session, period), series=_series(session, period),
        answer_histogram=_answer_histogram(session, period), missing=inputs.untracked)


def _one(session: Session, statement: Any) -> Sequence[Any]:
    row = session.connection().execute(statement).one()
    return tuple(row)


def _rows(session: Session, statement: Any) -> list[Sequence[Any]]:
    return [tuple(row) for row in session.connection().execute(statement)]


def _activity(session: Session, period: Period) -> Activity:
    created = _one(session, select(sql.count_if(sql.within(col(C.created_at), period.start,
                                                              period.end)),
                                   sql.count_if(sql.within(col(C.first_response_at),
                                                           period.start, period.end)))
                   .where(or_(sql.within(col(C.created_at), period.start, period.end),
                              sql.within(col(C.first_response_at), period.start, period.end))))
    events = _one(session, select(
        *(func.count(func.distinct(_claim_if(sql.status_became(status))))
          for status in ("resolved", "rejected", "closed", "reopened")),
        sql.count_if(sql.status_became("reopened")),
    ).where(E.kind == "status", sql.within(col(E.at), period.start, period.end)))
    now_open = _one(session, select(func.count(), sql.count_if(col(C.overdue).is_(True)))
                    .where(sql.is_open()))
    return Activity(new=created[0], answered=created[1], resolved=events[0],
                    rejected=events[1], closed=events[2], reopened=events[3],
                    reopenings=events[4], open_now=now_open[0], overdue_now=now_open[1])


def _claim_if(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    return case((condition, col(E.claim_id)))


def _specialists(session: Session, period: Period, now: datetime,
                 team: Team) -> tuple[SpecialistLine, ...]:
    load = {email: (n, late) for email, n, late in _rows(session, select(
        C.assignee_email, func.count(), sql.count_if(col(C.overdue).is_(True)))
        .where(sql.is_open(), col(C.assignee_email).is_not(None))
        .group_by(C.assignee_email))}
    answerer = func.coalesce(E.actor, C.assignee_email)
    relays = select(C).outerjoin(EventRow, and_(
        col(E.claim_id) == C.id, E.kind == "message.relayed",
        col(E.at) == col(C.first_response_at)))
    in_period = sql.within(col(C.first_response_at), period.start, period.end)
    answered = {str(k): int(n) for k, n in _rows(session, relays.with_only_columns(
        answerer, func.count()).where(in_period).group_by(answerer)) if k is not None}
    medians = sql.percentiles(session, answerer, sql.seconds_between(
        session, C.first_response_at, C.created_at), in_period, relays)
    away = _away(session, team, now.astimezone(period.timezone).date())
    emails = [p.email for p in team.specialists]
    emails += sorted((set(load) | set(answered)) - set(emails))
    return tuple(SpecialistLine(
        email=email, name=_name(team, email), open=load.get(email, (0, 0))[0],
        overdue=load.get(email, (0, 0))[1], answered=answered.get(email, 0),
        median_first_answer_hours=_hours(medians.get(email, {}).get(50)),
        away=email in away) for email in emails)


def _away(session: Session, team: Team, day: date) -> frozenset[str]:
    rows = session.connection().execute(select(col(AbsenceRow.email)).where(
        col(AbsenceRow.starts_on) <= day, col(AbsenceRow.ends_on) >= day)).scalars()
    return team.away_by_config(day) | frozenset(str(email).lower() for email in rows)


def _name(team: Team, email: str) -> str:
    person = team.find(email)
    return person.name if person else email


def _hours(seconds: float | None) -> float | None:
    return None if seconds is None else seconds / HOUR


def _categories(session: Session, period: Period) -> tuple[CategoryLine, ...]:
    def counts(of: Period) -> dict[str, int]:
        category = func.coalesce(C.category, NO_CATEGORY)
        return {str(k): int(n) for k, n in _rows(session, select(category, func.count())
                .where(sql.within(col(C.created_at), of.start, of.end)).group_by(category))}

    now, before = counts(period), counts(period.previous())
    names = sorted(set(now) | set(before), key=lambda name: (-now.get(name, 0), name))
    return tuple(CategoryLine(name, now.get(name, 0), before.get(name, 0)) for name in names)


def _timings(session: Session, period: Period, now: datetime) -> Timings:
    answered_in = sql.within(col(C.first_response_at), period.start, period.end)
    resolved_in = sql.within(col(C.resolved_at), period.start, period.end)
    answered = _one(session, select(
        func.count(), sql.count_if(col(C.first_response_at) <= col(C.first_response_due)),
        sql.count_if(col(C.first_response_at) <= col(C.hard_limit_due))).where(answered_in))
    waiting = _one(session, select(func.count()).where(
        sql.is_open(), col(C.first_response_at).is_(None), col(C.first_response_due) < now))
    resolved = _one(session, select(func.count()).where(resolved_in))
    first = sql.percentiles(session, sql.everyone(), sql.seconds_between(
        session, C.first_response_at, C.created_at), answered_in).get("all", {})
    resolution = sql.percentiles(session, sql.everyone(), sql.seconds_between(
        session, C.resolved_at, C.created_at), resolved_in).get("all", {})
    return Timings(answered=answered[0], within_policy=answered[1], within_limit=answered[2],
                   unanswered_past_policy=waiting[0], first_median=_hours(first.get(50)),
                   first_p90=_hours(first.get(90)), resolved=resolved[0],
                   resolution_median=_hours(resolution.get(50)),
                   resolution_p90=_hours(resolution.get(90)))


def _overdue(session: Session, now: datetime,
             inputs: DigestInputs) -> tuple[tuple[OverdueLine, ...], int]:
    late = and_(sql.is_open(), col(C.overdue).is_(True))
    total = _one(session, select(func.count()).where(late))[0]
    rows = session.exec(model_select(ClaimRow).where(late).order_by(
        col(C.created_at), col(C.id)).limit(inputs.overdue_limit)).all()
    lines = []
    for claim in rows:
        since = _overdue_since(claim, now)
        hours = (inputs.calendar.working_time_between(since, now).total_seconds() / HOUR
                 if since else 0.0)
        lines.append(OverdueLine(
            number=claim.number, customer=claim.customer_name or claim.customer_email,
            specialist=_name(inputs.team, claim.assignee_email or "-"),
            created_at=claim.created_at, overdue_since=since, working_hours=hours))
    return tuple(lines), total


def _overdue_since(claim: ClaimRow, now: datetime) -> datetime | None:
    """The earliest deadline the claim has missed."""
    unanswered = claim.first_response_at is None
    dues = [claim.first_response_due if unanswered else None,
            claim.hard_limit_due if unanswered else None,
            claim.resolution_due, claim.statutory_due]
    missed = [due for due in dues if due is not None and due < now]
    return min(missed) if missed else None


# -- weak spots, outcomes, compensation (the 30-day window) ------------------------------


@dataclass(frozen=True)
class WindowGroups:
    """Claims of the window and the 30 days before, grouped in one scan by category, cause,
    outcome and currency: (category, cause, outcome, currency) -> (in the window, before,
    with compensation in the window, compensation total in the window)."""

    rows: dict[tuple[str | None, str | None, str | None, str], tuple[int, int, int, int]]

    def counts(self, position: int) -> dict[str, tuple[int, int]]:
        """Claims now and before per value of the key at `position` (0 category, 1 cause)."""
        found: dict[str, tuple[int, int]] = {}
        for key, (now, before, _, _) in self.rows.items():
            value = key[position]
            if value is not None:
                old = found.get(value, (0, 0))
                found[value] = (old[0] + now, old[1] + before)
        return found


def _window_groups(session: Session, period: Period) -> WindowGroups:
    start, end = period.window()
    before = start - timedelta(days=WINDOW_DAYS)
    in_window = col(C.created_at) >= start
    keys = (C.category, C.cause, C.outcome, C.compensation_currency)
    rows = _rows(session, select(
        *keys, sql.count_if(in_window), sql.count_if(~in_window),
        sql.count_if(and_(in_window, col(C.compensation_minor).is_not(None))),
        func.coalesce(func.sum(case((in_window, C.compensation_minor), else_=0)), 0))
        .where(col(C.created_at) >= before, col(C.created_at) < end).group_by(*keys))
    return WindowGroups({(r[0], r[1], r[2], str(r[3] or "")): (int(r[4]), int(r[5]),
                                                               int(r[6]), int(r[7]))
                         for r in rows})


# Weak spots read from the claims' current fields: (kind, field, how values are compared).
# Carriers and suppliers are stored under their canonical (configured) names.
_FIELD_DIMENSIONS: tuple[tuple[str, str, Any], ...] = (
    ("product", "product_name", func.lower), ("product_sku", "product_sku", func.upper),
    ("carrier", "carrier", func.trim), ("supplier", "supplier", func.trim))


def _weak_spots(session: Session, period: Period, inputs: DigestInputs,
                groups: WindowGroups) -> tuple[WeakSpot, ...]:
    start, end = period.window()
    before = start - timedelta(days=WINDOW_DAYS)
    threshold = inputs.weak_spot_threshold
    spots: list[WeakSpot] = []
    for dimension, field_name, normalise in _FIELD_DIMENSIONS:
        key = normalise(func.trim(F.value))
        counts = _field_counts(session, field_name, key, before, start, end)
        above = _above(counts, threshold)
        claims = _field_claims(session, field_name, key, [value for value, _, _ in above],
                               start, end)
        spots += [WeakSpot(dimension, value, n, prev, claims.get(value, ()))
                  for value, n, prev in above]
        if field_name == "product_sku" and inputs.product_groups:
            spots += _group_spots(counts, inputs)
    for position, (dimension, column) in enumerate((("category", C.category),
                                                    ("cause", C.cause))):
        spots += [WeakSpot(dimension, value, n, prev,
                           _claims_where(session, col(column) == value, start, end))
                  for value, n, prev in _above(groups.counts(position), threshold)]
    return tuple(spots)


def _above(counts: Mapping[str, tuple[int, int]], threshold: int) -> list[tuple[str, int, int]]:
    """The values counted at least `threshold` times, most frequent first."""
    return sorted(((value, n, prev) for value, (n, prev) in counts.items() if n >= threshold),
                  key=lambda spot: (-spot[1], spot[0]))[:SPOTS_PER_DIMENSION]


def _current_field(field_name: str, since: datetime, end: datetime) -> ColumnElement[bool]:
    return and_(F.name == field_name, col(F.replaced_at).is_(None),
                col(C.created_at) >= since, col(C.created_at) < end)


def _field_counts(session: Session, field_name: str, key: Any, before: datetime,
                  start: datetime, end: datetime) -> dict[str, tuple[int, int]]:
    claim_in = col(C.created_at) >= start
    rows = _rows(session, select(
        key, func.count(func.distinct(_case(claim_in, F.claim_id))),
        func.count(func.distinct(_case(~claim_in, F.claim_id))))
        .join(C, col(C.id) == col(F.claim_id))
        .where(_current_field(field_name, before, end)).group_by(key))
    return {str(k): (int(now), int(prev)) for k, now, prev in rows if k}


def _field_claims(session: Session, field_name: str, key: Any, values: Sequence[str],
                  start: datetime, end: datetime) -> dict[str, tuple[str, ...]]:
    """The newest SPOT_CLAIMS claims of each value, ranked in the database."""
    if not values:
        return {}
    ranked = select(key.label("k"), C.number.label("number"), func.row_number().over(
        partition_by=key, order_by=(col(C.created_at).desc(), col(C.id).desc())).label("rn")
    ).join(C, col(C.id) == col(F.claim_id)).where(
        _current_field(field_name, start, end), key.in_(values)).subquery()
    found: dict[str, list[str]] = {}
    for value, number in _rows(session, select(ranked.c.k, ranked.c.number)
                               .where(ranked.c.rn <= SPOT_CLAIMS).order_by(ranked.c.k,
                                                                           ranked.c.rn)):
        found.setdefault(str(value), []).append(str(number))
    return {value: tuple(numbers) for value, numbers in found.items()}


def _case(condition: ColumnElement[bool], value: Any) -> ColumnElement[Any]:
    return case((condition, value))


def _group_spots(counts: Mapping[str, tuple[int, int]],
                 inputs: DigestInputs) -> list[WeakSpot]:
    """Product groups of the catalogue, summed over their articles' claim counts."""
    groups: dict[str, tuple[int, int]] = {}
    for article, (n, prev) in counts.items():
        group = (inputs.product_groups or {}).get(article.upper())
        if group:
            old = groups.get(group, (0, 0))
            groups[group] = (old[0] + n, old[1] + prev)
    return [WeakSpot("product_group", group, n, prev)
            for group, n, prev in _above(groups, inputs.weak_spot_threshold)]


def _claims_where(session: Session, condition: ColumnElement[bool], start: datetime,
                  end: datetime) -> tuple[str, ...]:
    return tuple(str(n) for n in session.connection().execute(
        select(C.number).where(condition, sql.within(col(C.created_at), start, end))
        .order_by(col(C.created_at).desc(), col(C.id).desc()).limit(SPOT_CLAIMS)).scalars())


def _outcomes(groups: WindowGroups) -> tuple[CauseOutcome, ...]:
    found: dict[tuple[str, str], int] = {}
    for (_, cause, outcome, _), (now, _, _, _) in groups.rows.items():
        if outcome is not None and now:
            key = (cause or NO_CATEGORY, outcome)
            found[key] = found.get(key, 0) + now
    return tuple(CauseOutcome(c, o, n) for (c, o), n in sorted(found.items()))


def _compensation(groups: WindowGroups) -> tuple[CompensationTotal, ...]:
    found: dict[tuple[str, str], tuple[int, int]] = {}
    for (_, cause, _, currency), (_, _, claims, total) in groups.rows.items():
        if claims:
            key = (cause or NO_CATEGORY, currency)
            old = found.get(key, (0, 0))
            found[key] = (old[0] + claims, old[1] + total)
    return tuple(CompensationTotal(c, cur, n, total)
                 for (c, cur), (n, total) in sorted(found.items()))


def _ratings(session: Session, period: Period) -> Ratings:
    start, _ = period.window()

    def average(since: datetime) -> tuple[float | None, int]:
        mean, n = _one(session, select(func.avg(C.rating), func.count(C.rating)).where(
            sql.within(col(C.rated_at), since, period.end), col(C.rating).is_not(None)))
        return (None if mean is None else float(mean)), int(n)

    (period_average, period_count), (window_average, window_count) = (
        average(period.start), average(start))
    return Ratings(period_average, period_count, window_average, window_count)


def _series(session: Session, period: Period) -> Series:
    days = period.window_days()
    bounds = [local_midnight(day, period.timezone) for day in days] + [
        local_midnight(days[-1] + ONE_DAY, period.timezone)]
    day_of = sql.bucket(col(C.created_at), bounds)
    category = func.coalesce(C.category, NO_CATEGORY)
    by_category: dict[str, list[int]] = {}
    for index, name, n in _rows(session, select(day_of, category, func.count()).where(
            sql.within(col(C.created_at), bounds[0], bounds[-1])).group_by(day_of, category)):
        by_category.setdefault(str(name), [0] * len(days))[int(index) - 1] = int(n)
    open_counts, overdue_counts = _open_per_day(session, bounds[1:], bounds[0])
    return Series(tuple(days), {k: tuple(v) for k, v in sorted(by_category.items())},
                  open_counts, overdue_counts)


def _open_per_day(session: Session, ends: Sequence[datetime],
                  since: datetime) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Claims open, and overdue, at the end of each day, reconstructed from the claims'
    dates (no daily snapshot is kept): open from creation until finished; overdue from the
    first deadline it missed (the first-answer term if the answer came late or not at all,
    else the resolution term) until finished. Each count is a running sum of four grouped
    counts (per day: created, finished, became late, stopped being late), so every row is
    bucketed once instead of being tested against every day."""
    finished = sql.case_finished_at()
    late_from = case((or_(col(C.first_response_at).is_(None),
                          col(C.first_response_at) > col(C.first_response_due)),
                      col(C.first_response_due)), else_=col(C.resolution_due))
    # Claims open now or finished since the window began (no condition on created_at: its
    # index would cover nearly every claim, far slower than reading the table once; claims
    # created after the window fall in the bucket after it and count nowhere).
    relevant = or_(sql.is_open(), col(C.resolved_at) >= since, col(C.updated_at) >= since)
    moments = select(col(C.created_at).label("created"), finished.label("finished"),
                     late_from.label("late")).where(relevant).cte("moments").prefix_with(
        "MATERIALIZED")  # computed once per claim, not once per day boundary
    m = moments.c
    late_until = case((m.finished.is_(None), None), (m.finished > m.late, m.finished),
                      else_=m.late)
    bounds = [since, *ends]
    parts = []
    for which, moment in enumerate((m.created, m.finished, m.late, late_until)):
        index = sql.bucket(moment, bounds)
        parts.append(select(literal(which), index, func.count()).select_from(moments)
                     .group_by(index))
    counts: dict[tuple[int, int], int] = {
        (int(which), int(day)): int(n) for which, day, n in _rows(session, union_all(*parts))}

    def running(which: int) -> list[int]:
        total, sums = 0, []
        for day in range(len(bounds)):
            total += counts.get((which, day), 0)
            sums.append(total)
        return sums[1:]  # up to the end of each day

    created, ended, late, unlate = (running(which) for which in range(4))
    return (tuple(c - e for c, e in zip(created, ended, strict=True)),
            tuple(a - b for a, b in zip(late, unlate, strict=True)))


def _answer_histogram(session: Session, period: Period) -> tuple[int, ...]:
    hours = sql.seconds_between(session, C.first_response_at, C.created_at) / HOUR
    bounds = (0, *ANSWER_BUCKETS_HOURS)
    columns = [sql.count_if(and_(hours >= low, hours < high))
               for low, high in itertools.pairwise(bounds)]
    columns.append(sql.count_if(hours >= bounds[-1]))
    values = _one(session, select(*columns).where(
        sql.within(col(C.first_response_at), period.start, period.end)))
    return tuple(int(v) for v in values)
