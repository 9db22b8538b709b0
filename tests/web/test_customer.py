"""The customer's page behind the personal link: what it shows, who it lets in, and what the
upload form takes onto the claim (on SQLite and PostgreSQL, through the ASGI client)."""

from __future__ import annotations

import io
import json
import secrets
import time
import zipfile
from datetime import UTC, datetime
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path
from typing import Any

from itsdangerous import TimestampSigner, URLSafeTimedSerializer
from sqlmodel import col, select
from starlette.testclient import TestClient

from mailflow.app import App
from mailflow.domain.model import ClaimStatus
from mailflow.store.tables import AttachmentRow, ClaimRow, EventRow, MessageRow, OutboxRow
from mailflow.web import links
from mailflow.web.links import email_digest
from mailflow.web.revoke import revoke_links
from tests.web import customer_data as data
from tests.web.support import client

STAFF_WORDS = ("Вам назначена новая претензия", "ВНУТРЕННЯЯ ЗАМЕТКА")


def new_customer() -> str:
    return f"Иван Петров <ivan.{secrets.token_hex(4)}@mail.example>"


# One App per database and settings: its templates compile once, not in every test.
_APPS: dict[str, App] = {}


def opened(tmp_path: Path, db: str, raw: bytes | None = None,
           **overrides: Any) -> tuple[App, ClaimRow, str]:
    """An App on `db` and the claim a new customer's letter (or `raw`) opened."""
    key = f"{db} {overrides!r}"
    mailflow = _APPS.get(key) or _APPS.setdefault(key, data.app(tmp_path, db, **overrides))
    claim = data.open_claim(mailflow, raw or data.letter(
        sender=new_customer(), message_id=f"<{secrets.token_hex(8)}@mail.example>"))
    return mailflow, claim, data.token_of(mailflow, claim)


def post(browser: TestClient, token: str, page: str | None = None, *,
         files: list[tuple[str, bytes]] = (), **fields: str) -> Any:  # type: ignore[assignment]
    """Submit the page's form (its hidden fields unless given) with `files`."""
    hidden = data.form_fields(page or browser.get(f"/c/{token}").text)
    parts = [("files", (name, content, "application/octet-stream")) for name, content in files]
    return browser.post(f"/c/{token}", data={**hidden, **fields}, files=parts or None)


def web_messages(mailflow: App, claim: ClaimRow) -> list[MessageRow]:
    """What the page put on `claim`."""
    with mailflow.db.transaction() as session:
        return list(session.exec(select(MessageRow).where(
            MessageRow.claim_id == claim.id, col(MessageRow.message_id).startswith("web."))
            .order_by(col(MessageRow.id))).all())


def test_page_shows_the_claim_in_its_language(tmp_path: Path, shared_db: str) -> None:
    """The page names the claim, its status in words, the specialist with position, the answer
    date, what the acknowledgement asked for, and the letters with the customer."""
    mailflow, claim, token = opened(tmp_path, shared_db)
    with client(mailflow) as browser:
        page = browser.get(f"/c/{token}").text
        english = browser.get(f"/c/{token}?lang=en").text
    assert claim.number in page
    assert "Передана специалисту" in page
    assert "Анна Смирнова, ведущий специалист по претензиям" in page
    assert "4 декабря 2026 г." in page
    assert "фотографии повреждённого товара и упаковки" in page
    assert "Ваза из заказа пришла разбитой" in page
    assert "Благодарим вас за обращение" in page
    assert "Written answer by" in english
    assert "4 December 2026" in english


def test_page_never_shows_notes_staff_mail_or_staff_addresses(tmp_path: Path,
                                                               shared_db: str) -> None:
    """Internal notes, the specialist's notification and every staff address stay off the
    page, whatever the claim holds (an address quoted in the customer's letter is blanked)."""
    quoting = data.letter(f"Пишу снова.\n\n> {data.ANNA.upper()} написала:\n> Пришлите фото",
                          sender=new_customer(), message_id="<quoting@mail.example>")
    mailflow, claim, token = opened(tmp_path, shared_db, quoting)
    with mailflow.db.transaction() as session:
        row = session.get(ClaimRow, claim.id)
        assert row is not None
        mailflow.workflow.add_note(session, row, "ВНУТРЕННЯЯ ЗАМЕТКА: клиент звонил",
                                   datetime.now(UTC), actor=data.ANNA)
    with client(mailflow) as browser:
        page = browser.get(f"/c/{token}").text
    for hidden in (*STAFF_WORDS, data.ANNA, data.MANAGER, "example.test"):
        assert hidden.lower() not in page.lower(), hidden
    assert "&gt; […] написала:" in page


def test_customers_html_is_shown_escaped(tmp_path: Path, shared_db: str) -> None:
    """Markup in the customer's letter reaches the page as text, never as markup."""
    raw = data.letter("Ваза разбита <script>alert(1)</script> <b>жирно</b>",
                      html="<p>Ваза <script>alert(2)</script></p>", sender=new_customer(),
                      message_id="<html-letter@mail.example>")
    mailflow, _claim, token = opened(tmp_path, shared_db, raw)
    with client(mailflow) as browser:
        page = browser.get(f"/c/{token}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>" not in page
    assert "<b>жирно" not in page


def test_every_bad_link_is_the_same_404(tmp_path: Path, shared_db: str) -> None:
    """Altered, expired, revoked, another customer's or a rubbish token: one identical 404."""
    mailflow, claim, token = opened(tmp_path, shared_db, web={"link_days": 1})
    other = data.token_of(mailflow, claim, email="someone.else@mail.example")
    old = data.token_of(mailflow, claim, version=claim.link_version - 1)
    altered = token[:5] + ("A" if token[5] != "A" else "B") + token[6:]
    with client(mailflow) as browser:
        assert browser.get(f"/c/{token}").status_code == 200
        answers = [browser.get(f"/c/{bad}", headers={"accept-language": "en"})
                   for bad in (altered, other, old, "x" * 40, token[:-2])]
        answers.append(browser.get(f"/c/{_issued_days_ago(mailflow, claim, 2)}",
                                   headers={"accept-language": "en"}))
    assert {answer.status_code for answer in answers} == {404}
    assert len({answer.text for answer in answers}) == 1


def test_a_revoked_link_no_longer_opens(tmp_path: Path, shared_db: str) -> None:
    """Raising the claim's link version (`claims revoke-links`) shuts every link issued before."""
    mailflow, claim, token = opened(tmp_path, shared_db)
    assert revoke_links(mailflow, claim.number, datetime.now(UTC)) == 1
    with mailflow.db.transaction() as session:
        fresh = session.exec(select(ClaimRow).where(ClaimRow.id == claim.id)).one()
    with client(mailflow) as browser:
        assert browser.get(f"/c/{token}").status_code == 404
        assert browser.get(f"/c/{data.token_of(mailflow, fresh)}").status_code == 200


def test_a_form_without_its_csrf_token_is_refused(tmp_path: Path, shared_db: str) -> None:
    """A post without the form's CSRF token (or with another link's) is 403 and stores nothing."""
    mailflow, claim, token = opened(tmp_path, shared_db)
    with client(mailflow) as browser:
        page = browser.get(f"/c/{token}").text
        fields = data.form_fields(page)
        missing = browser.post(f"/c/{token}", data={"nonce": fields["nonce"], "message": "x"})
        wrong = browser.post(f"/c/{token}", data={**fields, "csrf": "0" * 64, "message": "x"})
    assert (missing.status_code, wrong.status_code) == (403, 403)
    assert web_messages(mailflow, claim) == []


def test_upload_goes_onto_the_claim_as_the_customers_email(tmp_path: Path,
                                                           shared_db: str) -> None:
    """Text and photos become one stored message from the customer, threaded to the claim,
    the specialist is sent both photos, and an event records the address it came from."""
    mailflow, claim, token = opened(tmp_path, shared_db)
    with client(mailflow) as browser:
        answer = post(browser, token, message="Фото упаковки",
                      files=[("коробка.png", data.PNG), ("ваза.jpg", data.JPEG)])
        thanks = browser.get(answer.headers["location"]).text
    assert answer.status_code == 303
    assert "Спасибо! Мы получили ваше сообщение" in thanks
    [stored] = web_messages(mailflow, claim)
    assert stored.from_email == claim.customer_email
    assert stored.in_reply_to.startswith(f"mf.{claim.number}.")
    with mailflow.db.transaction() as session:
        names = session.exec(select(AttachmentRow.filename).where(
            AttachmentRow.message_row_id == stored.id)).all()
        follow_up = session.exec(select(OutboxRow).where(
            OutboxRow.claim_id == claim.id, OutboxRow.kind == "specialist_follow_up")).one()
        event = session.exec(select(EventRow).where(
            EventRow.claim_id == claim.id, EventRow.kind == "web.customer_upload")).one()
    assert sorted(names) == ["ваза.jpg", "коробка.png"]
    sent = message_from_bytes(follow_up.raw, policy=default_policy)
    assert sorted(part.get_filename() for part in sent.iter_attachments()) == \
        ["ваза.jpg", "коробка.png"]
    assert event.actor == claim.customer_email
    assert json.loads(event.detail)["ip"] == "testclient"


def test_a_double_submit_is_stored_once(tmp_path: Path, shared_db: str) -> None:
    """The same form sent twice (a double click, a reload) is one message on the claim."""
    mailflow, claim, token = opened(tmp_path, shared_db)
    with client(mailflow) as browser:
        page = browser.get(f"/c/{token}").text
        first = post(browser, token, page, message="Чек", files=[("чек.png", data.PNG)])
        second = post(browser, token, page, message="Чек", files=[("чек.png", data.PNG)])
    assert (first.status_code, second.status_code) == (303, 303)
    assert len(web_messages(mailflow, claim)) == 1


def test_a_file_that_is_not_an_allowed_kind_is_refused_whole(tmp_path: Path,
                                                              shared_db: str) -> None:
    """An executable named like a photo is refused by its content, with the file named, and
    the photo sent with it is not stored either."""
    mailflow, claim, token = opened(tmp_path, shared_db)
    with client(mailflow) as browser:
        answer = post(browser, token, message="Фото", lang="en",
                      files=[("ok.png", data.PNG), ("photo.jpg", b"MZ\x90\x00" + b"\x00" * 60)])
    assert answer.status_code == 415
    assert "«photo.jpg» не принят" in answer.text
    assert web_messages(mailflow, claim) == []


def test_office_documents_and_text_are_told_apart_by_content(tmp_path: Path,
                                                             shared_db: str) -> None:
    """A real .docx is taken; a zip that is no office document is not."""
    mailflow, _claim, token = opened(tmp_path, shared_db)
    with client(mailflow) as browser:
        zip_only = post(browser, token, files=[("акт.docx", _zip({"a.txt": "x"}))])
        docx = post(browser, token, files=[("акт.docx", _zip({
            "[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}))])
    assert (zip_only.status_code, docx.status_code) == (415, 303)


def test_too_large_and_too_many_files_are_refused(tmp_path: Path, shared_db: str) -> None:
    """A file over `upload_max_bytes` is 413 and more than `upload_max_files` is 400, each
    with a clear message; nothing is stored."""
    mailflow, claim, token = opened(tmp_path, shared_db,
                                     web={"upload_max_bytes": 1000, "upload_max_files": 2})
    big = data.PNG + b"\x00" * 2000
    with client(mailflow) as browser:
        too_big = post(browser, token, files=[("big.png", big)])
        too_many = post(browser, token, files=[(f"{n}.png", data.PNG) for n in range(3)])
    assert too_big.status_code == 413
    assert "«big.png» больше" in too_big.text
    assert too_many.status_code == 400
    assert "не больше 2 файлов" in too_many.text
    assert web_messages(mailflow, claim) == []


def test_a_filename_with_path_separators_keeps_only_its_name(tmp_path: Path,
                                                              shared_db: str) -> None:
    """`../../etc/passwd`-style and Windows paths are stored as their last component."""
    mailflow, claim, token = opened(tmp_path, shared_db)
    with client(mailflow) as browser:
        post(browser, token, files=[("../../etc/фото.png", data.PNG),
                                    ("C:\\Users\\ivan\\скан.png", data.PNG)])
    [stored] = web_messages(mailflow, claim)
    with mailflow.db.transaction() as session:
        names = session.exec(select(AttachmentRow.filename).where(
            AttachmentRow.message_row_id == stored.id)).all()
    assert sorted(names) == ["скан.png", "фото.png"]


def test_a_broken_multipart_body_is_a_400_page(tmp_path: Path, shared_db: str) -> None:
    """A multipart body cut off inside a file (its form fields whole) answers 400 with the
    site's page, and not even the message text is stored."""
    mailflow, claim, token = opened(tmp_path, shared_db)
    with client(mailflow) as browser:
        fields = data.form_fields(browser.get(f"/c/{token}").text)
        parts = b"".join(
            b'--xyz\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n'
            % (name.encode(), value.encode()) for name, value in
            {**fields, "message": "text"}.items())
        cut = parts + (b'--xyz\r\nContent-Disposition: form-data; name="files"; '
                       b'filename="a.png"\r\nContent-Type: image/png\r\n\r\n' + data.PNG[:20])
        answers = [browser.post(f"/c/{token}", content=body, headers={
            "content-type": "multipart/form-data; boundary=xyz"})
            for body in (cut, b"--xyz\r\nContent-Disposition: form-da")]
    assert [answer.status_code for answer in answers] == [400, 400]
    assert "Traceback" not in answers[0].text
    assert web_messages(mailflow, claim) == []


def test_uploads_are_rate_limited_per_claim(tmp_path: Path, shared_db: str) -> None:
    """Past `uploads_per_claim` in an hour the form answers 429 and stores nothing more."""
    mailflow, claim, token = opened(tmp_path, shared_db, web={"uploads_per_claim": 1})
    with client(mailflow) as browser:
        first = post(browser, token, message="Первое")
        second = post(browser, token, message="Второе")
    assert (first.status_code, second.status_code) == (303, 429)
    assert len(web_messages(mailflow, claim)) == 1


def test_a_closed_claim_is_read_only(tmp_path: Path, shared_db: str) -> None:
    """A closed claim's page says so and has no form; a post to it stores nothing."""
    mailflow, claim, token = opened(tmp_path, shared_db)
    with client(mailflow) as browser:
        hidden = data.form_fields(browser.get(f"/c/{token}").text)
        _close(mailflow, claim)
        page = browser.get(f"/c/{token}").text
        refused = browser.post(f"/c/{token}", data={**hidden, "message": "ещё"})
    assert "<form" not in page
    assert "Претензия закрыта" in page
    assert refused.status_code == 409
    assert web_messages(mailflow, claim) == []


def test_a_merged_claims_link_shows_the_claim_it_was_merged_into(tmp_path: Path,
                                                                 shared_db: str) -> None:
    """The link of a merged claim opens the claim that absorbed it, saying so."""
    customer = new_customer()
    mailflow, first, _token = opened(tmp_path, shared_db, data.letter(
        sender=customer, message_id="<merge-1@mail.example>"))
    second = data.open_claim(mailflow, data.letter("Ещё про вазу", subject="Снова ваза",
                                                   sender=customer,
                                                   message_id="<merge-2@mail.example>"))
    with mailflow.db.transaction() as session:
        source = session.get(ClaimRow, second.id)
        target = session.get(ClaimRow, first.id)
        assert source is not None
        assert target is not None
        problem = mailflow.workflow.merge(session, target, source, datetime.now(UTC),
                                          actor=data.ANNA, force=True)
    assert problem is None
    with client(mailflow) as browser:
        page = browser.get(f"/c/{data.token_of(mailflow, second)}").text
    assert f"Претензия {first.number}" in page
    assert second.number in page
    assert "объединена" in page
    assert "<form" in page  # the claim continues under the other number


def test_a_claim_merged_into_another_customers_shows_none_of_it(tmp_path: Path,
                                                                shared_db: str) -> None:
    """Merged (forced) into another customer's claim, the link shows only that it was merged:
    no form, none of the other customer's letters."""
    mailflow, target, _token = opened(tmp_path, shared_db, data.letter(
        "Письмо другого клиента", sender=new_customer(), message_id="<other-1@mail.example>"))
    _mailflow, source, token = opened(tmp_path, shared_db, data.letter(
        sender=new_customer(), message_id="<other-2@mail.example>"))
    with mailflow.db.transaction() as session:
        rows = session.get(ClaimRow, target.id), session.get(ClaimRow, source.id)
        assert rows[0] is not None
        assert rows[1] is not None
        assert mailflow.workflow.merge(session, rows[0], rows[1], datetime.now(UTC),
                                       actor=data.ANNA, force=True) is None
    with client(mailflow) as browser:
        page = browser.get(f"/c/{token}").text
    assert f"Претензия {source.number}" in page
    assert f"объединена с претензией {target.number}" in page
    assert "Письмо другого клиента" not in page
    assert target.customer_email not in page
    assert "<form" not in page


def _close(mailflow: App, claim: ClaimRow) -> None:
    with mailflow.db.transaction() as session:
        row = session.get(ClaimRow, claim.id)
        assert row is not None
        row.status = ClaimStatus.CLOSED.value


def _issued_days_ago(mailflow: App, claim: ClaimRow, days: int) -> str:
    """The customer's token as it was signed `days` ago."""
    issued = int(time.time()) - days * 86400

    class Back(TimestampSigner):
        def get_timestamp(self) -> int:
            return issued

    payload = [claim.number, email_digest(mailflow.secret, claim.customer_email),
               claim.link_version]
    return str(URLSafeTimedSerializer(mailflow.secret, salt=links.SALT,
                                      signer=Back).dumps(payload))


def _zip(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def test_a_customer_with_a_non_ascii_address_uploads_like_anyone(tmp_path: Path,
                                                                 shared_db: str) -> None:
    """A customer writing from «иван.…@пример.рф» (an SMTPUTF8 address) gets the page and
    their upload is stored on their claim as from them, not a server error."""
    sender = f"Иван <иван.{secrets.token_hex(4)}@пример.рф>"
    raw = data.letter(sender=sender, message_id=f"<{secrets.token_hex(8)}@mail.example>")
    mailflow, claim, token = opened(tmp_path, shared_db, raw)
    with client(mailflow) as browser:
        answer = post(browser, token, message="Фото упаковки", files=[("ваза.jpg", data.JPEG)])
    assert answer.status_code == 303
    [stored] = web_messages(mailflow, claim)
    assert stored.from_email == claim.customer_email
    assert claim.customer_email.startswith("иван.")
