"""The decision layer as pure functions: what happened + the claim's state -> a plan."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from mailflow.decide.effects import (
    AcknowledgementQueued,
    Assigned,
    Categorised,
    FieldsFound,
    MailQueued,
    MessageMarked,
    Recorded,
    StatusChanged,
)
from mailflow.decide.intake import Arrival, IntakeFacts, decide_follow_up, decide_new_claim
from mailflow.decide.lifecycle import move_status
from mailflow.decide.staff import StaffReply, decide_relay_failure, decide_staff_reply
from mailflow.decide.state import ClaimState, Plan, Policy
from mailflow.domain.calendar import WorkCalendar
from mailflow.domain.deadlines import DeadlinePolicy, initial_deadlines
from mailflow.domain.model import (
    Address,
    ClaimStatus,
    Classification,
    MessageKind,
    ParsedMessage,
    Person,
)
from mailflow.domain.notices import ReminderPolicy
from mailflow.domain.outcome import Outcome, Resolution
from mailflow.domain.status import TransitionError
from mailflow.domain.team import Team
from mailflow.extract.model import Category, Extraction, FieldName, FoundField, Source

MOSCOW = ZoneInfo("Europe/Moscow")
NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)  # Tuesday 12:30 in Moscow
ANNA = Person("Анна", "anna@shop.example", "специалист", ("ru",), ("damage",))
BORIS = Person("Boris", "boris@shop.example", "specialist", ("en",), ("delay",))
MARIA = Person("Мария", "maria@shop.example", "руководитель", ("ru",), manager=True)
CALENDAR = WorkCalendar(timezone=MOSCOW)
POLICY = Policy(team=Team((ANNA, BORIS), (MARIA,)),
                keywords={"damage": {"ru": ["разбит"]}, "delay": {"en": ["late"]}},
                calendar=CALENDAR, deadlines=DeadlinePolicy(), reminders=ReminderPolicy(),
                timezone=MOSCOW, own_addresses=frozenset({"claims@shop.example"}))
IVAN = Address("ivan@mail.example", "Иван")
CUSTOMER = Classification(MessageKind.CUSTOMER)


def state(status: ClaimStatus = ClaimStatus.NEW, assignee: str | None = None) -> ClaimState:
    deadlines = None if status == ClaimStatus.NEW else initial_deadlines(
        NOW, "damage", "normal", POLICY.deadlines, CALENDAR)
    return ClaimState(number="CLM-2026-000001", status=status, customer=IVAN,
                      subject="Разбит телевизор", language="ru", created_at=NOW,
                      assignee=assignee, deadlines=deadlines, category="damage")


def message(text: str = "Телевизор разбит.", *headers: tuple[str, str],
            sender: Address = IVAN) -> ParsedMessage:
    return ParsedMessage(message_id="m1@mail.example", subject="Разбит телевизор", from_=sender,
                         text=text, headers=headers, content_hash="h1")


def kinds(plan: Plan) -> list[str]:
    return [type(effect).__name__ for effect in plan.effects]


def mails(plan: Plan) -> list[MailQueued]:
    return [effect for effect in plan.effects if isinstance(effect, MailQueued)]


def test_new_claim_is_categorised_assigned_acknowledged_and_sent_to_its_owner() -> None:
    """A customer's new claim: category, owner, deadlines, acknowledgement, owner's copy."""
    plan = decide_new_claim(Plan(state()), Arrival(message(), CUSTOMER, True),
                            IntakeFacts(NOW), POLICY)
    assert kinds(plan) == ["Categorised", "Assigned", "StatusChanged",
                           "AcknowledgementQueued", "MailQueued"]
    assert plan.state.assignee == ANNA.email
    assert plan.state.status == ClaimStatus.ASSIGNED
    assert plan.state.deadlines is not None
    ack = next(e for e in plan.effects if isinstance(e, AcknowledgementQueued))
    assert ack.context["specialist"] == "Анна, специалист"
    assert ack.context["answer_by"] == date(2026, 12, 4)
    assert mails(plan)[0].to.email == ANNA.email


def test_web_form_mail_gets_an_owner_and_no_acknowledgement() -> None:
    """`Auto-Submitted: auto-generated`: never answered, but assigned and timed (issue 9)."""
    form = Classification(MessageKind.AUTO_REPLY, ("auto-submitted",))
    plan = decide_new_claim(Plan(state()), Arrival(message(), form, True), IntakeFacts(NOW),
                            POLICY)
    assert plan.state.assignee == ANNA.email
    assert plan.state.deadlines is not None
    assert not plan.has(AcknowledgementQueued)
    assert Recorded("acknowledgement.skipped", {"why": "automated:auto_reply"}) in plan.effects


@pytest.mark.parametrize(("kind", "answers_us"), [(MessageKind.BOUNCE, False),
                                                  (MessageKind.SELF, False),
                                                  (MessageKind.AUTO_REPLY, True)])
def test_bounces_and_automatic_answers_to_us_get_no_owner(kind: MessageKind,
                                                          answers_us: bool) -> None:
    """A bounce, our own mail, or an out-of-office answer to our mail is kept, not worked."""
    plan = decide_new_claim(Plan(state()), Arrival(message(), Classification(kind), True,
                                                   answers_our_mail=answers_us),
                            IntakeFacts(NOW), POLICY)
    assert plan.state.assignee is None
    assert not plan.has(Assigned)
    assert not plan.has(AcknowledgementQueued)


def test_nobody_available_tells_the_managers_and_still_acknowledges() -> None:
    """Everyone away: the managers hear at once; the customer is still acknowledged."""
    facts = IntakeFacts(NOW, away=frozenset({ANNA.email, BORIS.email}))
    plan = decide_new_claim(Plan(state()), Arrival(message(), CUSTOMER, True), facts, POLICY)
    assert [m.template for m in mails(plan)] == ["unassigned_claim"]
    assert plan.has(AcknowledgementQueued)
    assert plan.has(Categorised)


def test_customer_answer_resumes_a_waiting_claim_quietly() -> None:
    """The customer's answer restarts the clock without a status mail to them."""
    waiting = Plan(state(ClaimStatus.WAITING_CUSTOMER, ANNA.email))
    plan = decide_follow_up(waiting, Arrival(message("Фото во вложении."), CUSTOMER, False),
                            IntakeFacts(NOW), POLICY)
    assert plan.state.status == ClaimStatus.IN_PROGRESS
    assert [m.template for m in mails(plan)] == ["specialist_follow_up"]


def test_close_passes_through_resolved_for_mail_and_cli_alike() -> None:
    """`#close` and `claims status N closed` are one rule: in progress -> resolved -> closed,
    and the customer hears only of the last step."""
    decided = replace(state(ClaimStatus.IN_PROGRESS, ANNA.email),
                      resolution=Resolution(Outcome.ACCEPTED))
    plan = move_status(Plan(decided), ClaimStatus.CLOSED, POLICY, NOW, why="done")
    steps = [e.new for e in plan.effects if isinstance(e, StatusChanged)]
    assert steps == [ClaimStatus.RESOLVED, ClaimStatus.CLOSED]
    assert [m.context["status"] for m in mails(plan)] == ["closed"]


def test_forbidden_status_change_is_refused() -> None:
    """A new claim cannot be put in progress by anyone: the rule raises, nothing changes."""
    with pytest.raises(TransitionError):
        move_status(Plan(state()), ClaimStatus.IN_PROGRESS, POLICY, NOW, why="x")


def reply(text: str, **fields: object) -> StaffReply:
    sender = Address(ANNA.email, ANNA.name)
    return StaffReply(message(text, sender=sender), ANNA, **fields)  # type: ignore[arg-type]


def test_staff_answer_is_relayed_and_counts_as_the_first_answer() -> None:
    """Anna's words go to Ivan as a relay; the claim moves to in progress, answered now."""
    plan = decide_staff_reply(Plan(state(ClaimStatus.ASSIGNED, ANNA.email)),
                              reply("Заменим телевизор."), NOW, POLICY)
    [relay] = mails(plan)
    assert (relay.template, relay.to, relay.automatic) == ("relay", IVAN, False)
    assert relay.context["body"] == "Заменим телевизор."
    assert plan.state.first_response_at == NOW
    assert plan.state.status == ClaimStatus.IN_PROGRESS


def test_one_bad_command_refuses_the_whole_reply() -> None:
    """A forbidden status and a relay in one reply: nothing is relayed or changed."""
    start = Plan(state(ClaimStatus.ASSIGNED, ANNA.email))
    plan = decide_staff_reply(start, reply("#status reopened\nГотово."), NOW, POLICY)
    assert [m.template for m in mails(plan)] == ["command_error"]
    assert plan.state == start.state


def test_relay_holding_staff_text_is_blocked() -> None:
    """Lines of mailflow's own mail to staff in the text: not sent, nothing changed."""
    staff_text = "Вам назначена новая претензия CLM-2026-000001 от Иван Петров"
    start = Plan(state(ClaimStatus.ASSIGNED, ANNA.email))
    plan = decide_staff_reply(start, reply(f"#status waiting_customer\nОтвет.\n{staff_text}",
                                           staff_texts=(f"Здравствуйте!\n{staff_text}\n",)),
                              NOW, POLICY)
    assert [m.template for m in mails(plan)] == ["relay_blocked"]
    assert MessageMarked("blocked") in plan.effects
    assert plan.state == start.state


def test_untrusted_reply_changes_nothing() -> None:
    """A staff message without a valid personal reference is kept and answered, not acted on."""
    start = Plan(state(ClaimStatus.ASSIGNED, ANNA.email))
    plan = decide_staff_reply(start, reply("#close", distrust="no-personal-reference"), NOW,
                              POLICY)
    assert [m.template for m in mails(plan)] == ["untrusted_message"]
    assert plan.state == start.state


def test_relay_failure_is_no_answer_and_is_reported() -> None:
    """An answer that could not be queued changes nothing on the claim, and Anna is told."""
    start = Plan(state(ClaimStatus.ASSIGNED, ANNA.email))
    plan = decide_relay_failure(start, reply("Ответ."), "ConfigError: broken")
    assert plan.state == start.state
    assert MessageMarked("relay_failed") in plan.effects
    assert "ConfigError: broken" in mails(plan)[0].context["errors"][0]["message"]


def test_field_command_corrects_a_field_and_unknown_ones_are_refused() -> None:
    """`#поле номер_заказа ЗК-70011` records a correction; `#field colour red` is refused."""
    start = Plan(state(ClaimStatus.IN_PROGRESS, ANNA.email))
    plan = decide_staff_reply(start, reply("#поле номер_заказа ЗК-70011"), NOW, POLICY)
    [found] = [e for e in plan.effects if isinstance(e, FieldsFound)]
    assert [(f.name.value, f.value, f.rule) for f in found.fields] == [
        ("order_number", "ЗК-70011", "correction")]
    refused = decide_staff_reply(start, reply("#field colour red"), NOW, POLICY)
    assert [m.template for m in mails(refused)] == ["command_error"]
    assert not refused.has(FieldsFound)


def test_missing_items_are_asked_for_in_the_customers_language() -> None:
    """A damage claim without photos or an order number: the acknowledgement asks for them,
    and for the demand, in Russian; the specialist's copy lists what was read."""
    found = FoundField(FieldName.GROUNDS, "экран разбит", Source.BODY, 0, 12, 0.8, "grounds")
    extraction = Extraction(fields=(found,), category=Category.DAMAGE, category_confidence=0.9)
    plan = decide_new_claim(Plan(state()), Arrival(message(), CUSTOMER, True,
                                                   extraction=extraction),
                            IntakeFacts(NOW), POLICY)
    ack = next(e for e in plan.effects if isinstance(e, AcknowledgementQueued))
    assert ack.context["missing_items"] == [
        "фотографии повреждённого товара и упаковки", "номер заказа, счёта или накладной",
        "чего вы просите: возврат денег, замену, ремонт, уменьшение цены или возмещение "
        "убытков"]
    notice = mails(plan)[-1]
    assert notice.context["fields"] == [{"field": "grounds", "value": "экран разбит",
                                         "source": "body", "attachment": None}]
    assert plan.state.category_confidence == 0.9


def test_follow_up_that_supplies_what_was_missing_completes_the_claim() -> None:
    """Photos and an order number in a follow-up: recorded, and the specialist is told the
    claim is completed with what arrived and what is still missing."""
    known = (FoundField(FieldName.GROUNDS, "экран разбит", Source.BODY, 0, 12, 0.8, "g"),)
    arrived = Extraction(fields=(
        FoundField(FieldName.PHOTOS, "2", Source.ATTACHMENT_NAME, 0, 0, 1.0, "sniff"),
        FoundField(FieldName.ORDER_NUMBER, "12345", Source.BODY, 6, 11, 0.9, "order")))
    plan = decide_follow_up(Plan(state(ClaimStatus.IN_PROGRESS, ANNA.email)),
                            Arrival(message("Заказ 12345, фото во вложении."), CUSTOMER,
                                    False, extraction=arrived),
                            IntakeFacts(NOW, known_fields=known), POLICY)
    assert plan.has(FieldsFound)
    [forward] = mails(plan)
    assert forward.context["completed"] == ["фотографии повреждённого товара и упаковки",
                                            "номер заказа, счёта или накладной"]
    assert forward.context["still_missing"] == [
        "чего вы просите: возврат денег, замену, ремонт, уменьшение цены или возмещение "
        "убытков"]


def test_a_demand_with_a_term_in_law_gets_that_deadline() -> None:
    """A refund demand under a 10-day statutory term: the claim's statutory deadline is the
    end of the 10th calendar day after receipt (a Saturday counts), and is recorded."""
    policy = replace(POLICY, statutory_days={"refund": 10, "repair": 45})
    demand = FoundField(FieldName.DEMAND, "refund", Source.BODY, 0, 6, 0.9, "demand")
    extraction = Extraction(fields=(demand,), category=Category.DAMAGE, category_confidence=0.9)
    plan = decide_new_claim(Plan(state()), Arrival(message(), CUSTOMER, True,
                                                   extraction=extraction),
                            IntakeFacts(NOW), policy)
    assert plan.state.deadlines is not None
    assert plan.state.deadlines.statutory_due == datetime(2026, 12, 11, 23, 59, 59,
                                                         tzinfo=MOSCOW)
    assert any(isinstance(e, Recorded) and e.kind == "claim.statutory_deadline"
               for e in plan.effects)


def test_no_statutory_term_without_one_in_the_config() -> None:
    """With no terms in law configured (the default), a refund demand adds no deadline."""
    demand = FoundField(FieldName.DEMAND, "refund", Source.BODY, 0, 6, 0.9, "demand")
    plan = decide_new_claim(Plan(state()), Arrival(message(), CUSTOMER, True,
                                                   extraction=Extraction(fields=(demand,))),
                            IntakeFacts(NOW), POLICY)
    assert plan.state.deadlines is not None
    assert plan.state.deadlines.statutory_due is None


def test_what_the_extractor_skipped_is_noted_on_the_claim() -> None:
    """An encrypted PDF the extractor could not read is an event on the claim, not silence."""
    extraction = Extraction(notes=("invoice.pdf: encrypted PDF, not read",))
    plan = decide_new_claim(Plan(state()), Arrival(message(), CUSTOMER, True,
                                                   extraction=extraction),
                            IntakeFacts(NOW), POLICY)
    assert Recorded("extraction.skipped",
                    {"notes": ["invoice.pdf: encrypted PDF, not read"]}) in plan.effects


def test_a_count_field_takes_only_a_whole_number() -> None:
    """`#field photos много` is refused: a count that is not a number would break the sum
    with the customer's later photos."""
    start = Plan(state(ClaimStatus.IN_PROGRESS, ANNA.email))
    plan = decide_staff_reply(start, reply("#field photos много"), NOW, POLICY)
    assert [m.template for m in mails(plan)] == ["command_error"]
    assert not plan.has(FieldsFound)


def test_a_follow_up_never_moves_the_term_in_law_later() -> None:
    """Refund (10 days) set the term; a later letter also asking for repair (45) leaves it."""
    policy = replace(POLICY, statutory_days={"refund": 10, "repair": 45})
    refund = FoundField(FieldName.DEMAND, "refund", Source.BODY, 0, 6, 0.9, "demand")
    opened = decide_new_claim(Plan(state()), Arrival(message(), CUSTOMER, True,
                                                     extraction=Extraction(fields=(refund,))),
                              IntakeFacts(NOW), policy)
    repair = FoundField(FieldName.DEMAND, "repair", Source.BODY, 0, 6, 0.9, "demand")
    later = decide_follow_up(Plan(opened.state), Arrival(message(), CUSTOMER, False,
                                                         extraction=Extraction(fields=(repair,))),
                             IntakeFacts(NOW), policy)
    assert opened.state.deadlines is not None
    assert later.state.deadlines is not None
    assert later.state.deadlines.statutory_due == opened.state.deadlines.statutory_due


def test_reopening_keeps_the_term_in_law() -> None:
    """A reopened claim gets fresh policy deadlines, but the legal term still runs."""
    base = state(ClaimStatus.RESOLVED, ANNA.email)
    assert base.deadlines is not None
    due = datetime(2026, 12, 11, 20, 59, tzinfo=UTC)
    start = Plan(replace(base, deadlines=replace(base.deadlines, statutory_due=due)))
    plan = move_status(start, ClaimStatus.REOPENED, POLICY, NOW, why="customer wrote again")
    assert plan.state.deadlines is not None
    assert plan.state.deadlines.statutory_due == due


def test_merge_refused_when_carried_out_tells_its_writer_and_records_why() -> None:
    """A `#merge` accepted by the reply's rules but refused when carried out is not dropped:
    an event says why and its writer gets the refusal in their language."""
    from mailflow.decide.merge import MergeProblem, decide_merge_failure

    plan = decide_merge_failure(Plan(state(ClaimStatus.ASSIGNED, ANNA.email), actor=ANNA.email),
                                ANNA, MergeProblem.TARGET_MERGED, target="CLM-2026-000009",
                                reference="hash1")
    recorded = [e for e in plan.effects if isinstance(e, Recorded)]
    mails = [e for e in plan.effects if isinstance(e, MailQueued)]
    assert [(e.kind, e.detail["why"]) for e in recorded] == [("merge.refused", "target_merged")]
    assert [(m.template, m.to.email) for m in mails] == [("command_error", ANNA.email)]
    assert "CLM-2026-000009 уже объединена" in mails[0].context["errors"][0]["message"]


@pytest.mark.parametrize(("confidence", "uncertain"), [(0.6, True), (0.9, False), (0.97, False)])
def test_the_specialist_is_told_when_the_category_is_uncertain(
        confidence: float, uncertain: bool) -> None:
    """A category the extractor read below 0.9 confidence (right only two times in three
    there) is flagged in the specialist's new-claim mail; one at 0.9 or above is not."""
    extraction = Extraction(category=Category.DAMAGE, category_confidence=confidence)
    plan = decide_new_claim(Plan(state()), Arrival(message(), CUSTOMER, True,
                                                   extraction=extraction),
                            IntakeFacts(NOW), POLICY)
    notice = mails(plan)[-1]
    assert notice.template == "specialist_new_claim"
    assert notice.context["category_uncertain"] is uncertain
