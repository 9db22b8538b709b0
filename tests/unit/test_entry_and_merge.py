"""Claims entered by staff and merged claims, as pure rules: the `#new` line, the keyed
confirmation request, the decisions, `#merge`, and their mail templates."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from mailflow.decide.effects import AcknowledgementQueued, Assigned, ClaimsMerged, MailQueued
from mailflow.decide.entry import (
    Entry,
    decide_entered_claim,
    decide_entry_confirmation,
    decide_entry_refusal,
    entered_letter,
)
from mailflow.decide.intake import IntakeFacts
from mailflow.decide.merge import MergeProblem, MergeSide, decide_merge, merge_problem
from mailflow.decide.staff import decide_staff_reply
from mailflow.decide.state import Plan
from mailflow.domain.commands import Command, parse_commands
from mailflow.domain.entry import (
    EntryOrder,
    EntryProblem,
    EntryRefusal,
    is_confirmation,
    is_entry,
    read_entry,
)
from mailflow.domain.model import Address, ParsedMessage, Person
from mailflow.domain.references import entry_reference_in, make_entry_message_id
from mailflow.send.render import TemplateRenderer
from mailflow.store.blobs import BlobStore
from tests.unit.template_checks import (
    LANGUAGES,
    NUMBER,
    SCRIPT,
    assert_english,
    assert_escapes_script,
    assert_names_the_claim,
    assert_russian,
    assert_tidy_text,
    renderer,
)
from tests.unit.test_decide import ANNA, IVAN, MARIA, NOW, POLICY, state
from tests.unit.test_decide import reply as staff_reply

__all__ = ["renderer"]  # the shared fixture

OURS = frozenset({"claims@shop.example"})
CALL = "Клиент позвонил: телевизор разбит, заказ 12345."
SECRET = b"secret"
SHA = "ab" * 32


@pytest.mark.parametrize(("text", "customer"), [
    (f"#new ivan@mail.example Иван Петров\n\n{CALL}", Address("ivan@mail.example", "Иван Петров")),
    (f"\n#новая: Иван Петров <Ivan@Mail.Example>\n{CALL}",
     Address("ivan@mail.example", "Иван Петров")),
    (f"#NEW ivan@mail.example\n{CALL}", Address("ivan@mail.example", "")),
])
def test_new_line_names_the_customer(text: str, customer: Address) -> None:
    """`#new` / `#новая` with the address first or in angle brackets gives the customer and
    the text below the line."""
    order = read_entry(text, OURS)
    assert order == EntryOrder(customer, CALL, text.strip().splitlines()[0])


@pytest.mark.parametrize(("text", "problem"), [
    (f"#new Иван Петров\n{CALL}", EntryProblem.NO_ADDRESS),
    (f"#new ivan@@mail Иван\n{CALL}", EntryProblem.BAD_ADDRESS),
    (f"#new ivan@mail.example\r\nBcc: x@y.z\n{CALL}", None),
    (f"#new claims@shop.example Мы\n{CALL}", EntryProblem.OUR_ADDRESS),
    ("#new ivan@mail.example Иван\n\n", EntryProblem.NO_TEXT),
])
def test_bad_new_lines_are_refused(text: str, problem: EntryProblem | None) -> None:
    """No address, an invalid one, our own, or no text: refused with the reason (a header-like
    line below is only claim text, never a header)."""
    result = read_entry(text, OURS)
    if problem is None:
        assert isinstance(result, EntryOrder)
        assert "Bcc: x@y.z" in result.text
        return
    assert isinstance(result, EntryRefusal)
    assert result.problem is problem


def test_only_a_first_line_command_counts() -> None:
    """`#new` below other text, or `#confirm` with more on its line, is neither command."""
    assert read_entry(f"Добрый день\n#new ivan@mail.example\n{CALL}", OURS) is None
    assert not is_entry("Добрый день\n#new ivan@mail.example")
    assert is_confirmation("\n#confirm\n\n> quoted")
    assert is_confirmation("#Подтвердить")
    assert not is_confirmation("#confirm please")


def test_confirmation_reference_is_bound_to_its_person_and_message() -> None:
    """The request's id names the held message for its addressee only, and is short enough
    for one header line; a changed key or another person gets nothing."""
    message_id = make_entry_message_id(SHA, SECRET, ANNA.email, NOW, "shop.example")
    assert len(f"<{message_id}>") <= 77
    found = entry_reference_in((f"<{message_id}>",), SECRET, ANNA.email)
    assert found is not None
    assert SHA.startswith(found.key)
    assert found.issued_at == NOW.replace(microsecond=0)
    assert entry_reference_in((message_id,), SECRET, MARIA.email) is None
    forged = message_id.replace("mf.e.ab", "mf.e.cd", 1)
    assert entry_reference_in((forged,), SECRET, ANNA.email) is None


def test_blob_found_by_its_unique_prefix(tmp_path: Path) -> None:
    """A held message is found by the digest prefix its request names, and only then."""
    blobs = BlobStore(tmp_path)
    digest = blobs.put(b"held message")
    assert blobs.find(digest[:24]) == digest
    assert blobs.find("0" * 24) is None
    assert blobs.find("../etc") is None


def staff_message(text: str) -> ParsedMessage:
    return ParsedMessage(message_id="entry@mail.shop.example", subject="Звонок клиента",
                         from_=Address(ANNA.email, ANNA.name), text=text,
                         to=(Address("claims@shop.example"),), content_hash="h",
                         headers=(("received", "from mail.shop.example"),))


def entry(author: Person | None) -> Entry:
    order = EntryOrder(IVAN, CALL, "#new")
    letter = entered_letter(staff_message(f"#new {IVAN.email}\n{CALL}"), order, "ru")
    return Entry(letter, author, "email" if author else "cli",
                 author.email if author else "cli")


def test_entered_letter_carries_nothing_of_the_staff_message() -> None:
    """The letter is the customer's: from them, the claim text, no staff ids or headers."""
    letter = entry(ANNA).letter
    assert (letter.from_, letter.text, letter.message_id, letter.headers, letter.to) == (
        IVAN, CALL, "", (), ())


@pytest.mark.parametrize(("author", "owner"), [(ANNA, ANNA.email), (MARIA, ANNA.email),
                                               (None, ANNA.email)])
def test_entered_claim_is_opened_like_a_letter(author: Person | None,
                                               owner: str) -> None:
    """The claim is acknowledged to the customer and assigned (to a specialist who entered
    it, else by the rules: damage goes to Anna); its author gets the number."""
    opening = Plan(state(), actor="x")
    plan = decide_entered_claim(opening, entry(author), IntakeFacts(NOW), POLICY)
    assigned = [e for e in plan.effects if isinstance(e, Assigned)]
    assert [a.person for a in assigned] == [owner]
    acks = [e for e in plan.effects if isinstance(e, AcknowledgementQueued)]
    assert [a.to for a in acks] == [IVAN]
    confirmations = [e for e in plan.effects
                     if isinstance(e, MailQueued) and e.template == "entry_confirmed"]
    assert [m.to.email for m in confirmations] == ([author.email] if author else [])


def test_a_specialist_entering_a_claim_of_another_category_keeps_it() -> None:
    """Boris enters a damage claim (Anna's category): it is his."""
    boris = POLICY.team.specialists[1]
    plan = decide_entered_claim(Plan(state()), entry(boris), IntakeFacts(NOW), POLICY)
    assert plan.state.assignee == boris.email


def test_refusal_and_confirmation_request_go_to_the_writer_only() -> None:
    """An invalid `#new` and an unvouched one are answered to the staff address, in Russian."""
    msg = staff_message("#new bad")
    event, mail = decide_entry_refusal(
        msg, ANNA, EntryRefusal("#new x@@y", EntryProblem.BAD_ADDRESS, "x@@y"), NOW, POLICY)
    assert (event.kind, mail.template, mail.to.email) == ("entry.refused", "entry_error",
                                                          ANNA.email)
    assert "«x@@y» недействителен" in mail.context["errors"][0]["message"]
    event, mail = decide_entry_confirmation(msg, ANNA, EntryOrder(IVAN, CALL, "#new"), NOW,
                                            POLICY)
    assert (event.kind, mail.template, mail.to.email) == ("entry.held",
                                                          "entry_confirm_request", ANNA.email)


A = MergeSide("CLM-2026-000001", "ivan@mail.example")
B = MergeSide("CLM-2026-000002", "IVAN@mail.example")


@pytest.mark.parametrize(("target", "source", "force", "problem"), [
    (A, B, False, None),
    (None, B, False, MergeProblem.UNKNOWN),
    (B, B, False, MergeProblem.ITSELF),
    (MergeSide(A.number, A.customer, "CLM-2026-000009"), B, False, MergeProblem.TARGET_MERGED),
    (A, MergeSide(B.number, B.customer, A.number), False, MergeProblem.SOURCE_MERGED),
    (A, MergeSide(B.number, "olga@mail.example"), False, MergeProblem.OTHER_CUSTOMER),
    (A, MergeSide(B.number, "olga@mail.example"), True, None),
    (MergeSide(A.number, A.customer, finished=True), B, False, MergeProblem.TARGET_FINISHED),
    (MergeSide(A.number, A.customer, finished=True), MergeSide(B.number, B.customer,
                                                               finished=True), False, None),
])
def test_merge_rules(target: MergeSide | None, source: MergeSide, force: bool,
                     problem: MergeProblem | None) -> None:
    """Unknown, itself, already merged, open-into-finished and other customer's claims are
    refused; force allows only the last."""
    assert merge_problem(target, source, force=force) == problem


def test_merge_moves_the_claim_and_tells_its_customer_once() -> None:
    """The plan on A merges B and mails B's customer once, in B's language."""
    source = state()
    target = Plan(replace(source, number="CLM-2026-000007"))
    plan = decide_merge(target, source)
    assert plan.effects[0] == ClaimsMerged(source.number)
    notice = plan.effects[1]
    assert isinstance(notice, MailQueued)
    assert (notice.template, notice.to, notice.language, notice.dedup_key) == (
        "claims_merged", IVAN, "ru", f"merged:{source.number}:CLM-2026-000007")


def test_merge_command_reads_a_claim_number() -> None:
    """`#merge clm-…` is read in canonical form; `#объединить 123` is an error."""
    parsed = parse_commands("#merge clm-2026-000123\n#объединить 123", frozenset())
    assert parsed.commands == (Command("merge", "CLM-2026-000123", "#merge clm-2026-000123"),)
    assert [e.line for e in parsed.errors] == ["#объединить 123"]


@pytest.mark.parametrize(("sides", "requested"), [
    ({A.number: A}, False), ({}, False),
    ({A.number: A, "CLM-2026-000005": MergeSide("CLM-2026-000005", IVAN.email)}, True)])
def test_merge_in_a_reply_is_checked_by_the_rules(sides: dict[str, MergeSide],
                                                  requested: bool) -> None:
    """`#merge` of the claim itself or of an unknown claim gets the error reply; a valid
    one is requested for the adapter to carry out."""
    target = A.number if sides == {A.number: A} else "CLM-2026-000005"
    reply = staff_reply(f"#merge {target}", merge_sides=sides)
    plan = decide_staff_reply(Plan(state(assignee=ANNA.email)), reply, NOW, POLICY)
    kinds = [getattr(e, "kind", getattr(e, "template", "")) for e in plan.effects]
    assert ("merge.requested" in kinds) is requested
    assert ("command_error" in kinds) is not requested


CONTEXTS: dict[str, dict[str, object]] = {
    "entry_confirmed": {"claim_number": NUMBER, "specialist_name": "Anna",
                        "customer": f"John <john@mail.example> {SCRIPT}", "subject": "Call",
                        "assignee": "anna@shop.example", "acknowledged": True},
    "claims_merged": {"claim_number": NUMBER, "merged_number": "CLM-2026-000124",
                      "customer_name": f"John {SCRIPT}", "company_name": "Daisy Ltd",
                      "customer_link": "https://claims.example/c/t0ken"},
}
UNCLAIMED: dict[str, dict[str, object]] = {
    "entry_confirm_request": {"company_name": "Daisy Ltd", "specialist_name": "Anna",
                              "subject": "Call", "customer": "John <john@mail.example>",
                              "text": f"The customer called. {SCRIPT}",
                              "received_at": NOW + timedelta(hours=3)},
    "entry_error": {"company_name": "Daisy Ltd", "specialist_name": "Anna", "subject": "Call",
                    "errors": [{"line": "#new x", "message": f"bad {SCRIPT}"}],
                    "received_at": NOW},
}
PHRASES = {"entry_confirmed": ("Претензия зарегистрирована", "The claim has been registered"),
           "claims_merged": ("мы объединили их", "so we have merged them"),
           "entry_confirm_request": ("#confirm", "#confirm"),
           "entry_error": ("не открыло претензию", "did not open a claim")}


@pytest.mark.parametrize("name", [*CONTEXTS, *UNCLAIMED])
@pytest.mark.parametrize("language", LANGUAGES)
def test_templates_render_in_both_languages(renderer: TemplateRenderer, name: str,
                                            language: str) -> None:
    """Each new template is tidy, escapes supplied text in HTML, is wholly in its language,
    and mail about a claim names it in the subject."""
    result = renderer.render(name, language, **{**CONTEXTS, **UNCLAIMED}[name])
    assert_tidy_text(result.text)
    assert_escapes_script(result)
    ru, en = PHRASES[name]
    if language == "ru":
        assert_russian(result, ru)
    else:
        assert_english(result, en)
    if name in CONTEXTS:
        assert_names_the_claim(result)
