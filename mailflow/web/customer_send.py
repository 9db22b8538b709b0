"""`POST /c/{token}`: the customer's message and files, checked, then put through the
pipeline as the email they stand for (so storage, threading, the specialist's mail and the
deadlines follow the mail rules). Nothing is stored unless everything is accepted."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from python_multipart.multipart import parse_options_header
from sqlmodel import Session, col, select
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Message

from mailflow.domain.labels import format_size
from mailflow.domain.model import Address
from mailflow.parse.sniff import sniff
from mailflow.store.claims import record_event
from mailflow.store.tables import MessageRow
from mailflow.web.context import WebContext
from mailflow.web.customer import MAX_TEXT, CustomerPages, Visit, form_text, page_language
from mailflow.web.customer_view import is_read_only, our_mail_to_customer
from mailflow.web.rate import allow
from mailflow.web.security import csrf_ok
from mailflow.web.upload import (
    Letter,
    UploadedFile,
    compose_letter,
    nonce_time,
    safe_filename,
    total_size,
    upload_message_id,
)
from mailflow.web.words import word

# Form parts the parser accepts at most; more files than `[web] upload_max_files` are then
# refused by count with a clear message rather than by the parser.
MAX_PARTS = 100
# The end of the body kept to see that a multipart body is complete.
TAIL = 1024
# What base64 and MIME framing add to the files in the composed message.
ENCODING_GROWTH, FRAMING = 4 / 3 * 1.02, 64 * 1024


@dataclass(frozen=True)
class Refusal:
    """Why a form was not taken: the status and the words the page shows."""

    status: int
    key: str
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Submission:
    text: str
    files: tuple[UploadedFile, ...]
    nonce: str
    written_at: datetime


class CustomerSend:
    """Takes the customer's form onto the claim."""

    def __init__(self, context: WebContext, pages: CustomerPages) -> None:
        self.context, self.pages = context, pages

    async def send(self, request: Request) -> Response:
        tail = bytearray()

        async def receive() -> Message:
            message = await request.receive()
            if message["type"] == "http.request":
                tail.extend(message.get("body", b""))
                del tail[:-TAIL]
            return message

        form = await Request(request.scope, receive).form(max_files=MAX_PARTS,
                                                          max_fields=MAX_PARTS)
        try:
            if not _complete(request.headers.get("content-type", ""), bytes(tail)):
                raise HTTPException(400)
            return await run_in_threadpool(self._send, request, form)
        finally:
            await form.close()

    def _send(self, request: Request, form: FormData) -> Response:
        token = request.path_params["token"]
        with self.context.app.db.transaction() as session:
            visit = self.pages.visit(session, token)
        if not csrf_ok(self.context.secret, "customer:" + token, form.get("csrf")):
            raise HTTPException(403)
        language, now = page_language(request, visit.shown), self.context.now()
        read = Refusal(409, "closed_notice") if is_read_only(visit.shown) \
            else self._read(form, now, language)
        if isinstance(read, Refusal):
            return self.pages.refuse(visit, language, read.status, read.key, **read.values)
        ip = request.client.host if request.client else "unknown"
        if not self._allowed(visit, ip, now):
            return self.pages.refuse(visit, language, 429, "too_many")
        if not self._deliver(visit, read, ip, now):
            return self.pages.refuse(visit, language, 400, "err_not_accepted")
        return self.pages.thanks(visit, language)

    def _read(self, form: FormData, now: datetime, language: str) -> Submission | Refusal:
        """The form's text and files, or why they cannot be taken."""
        written_at = nonce_time(form.get("nonce"), now)
        if written_at is None:
            return Refusal(400, "err_stale_form")
        text = form_text(form, "message").strip()
        if len(text) > MAX_TEXT:
            return Refusal(400, "err_text_long", {"count": MAX_TEXT})
        files = self._files(form, language)
        if isinstance(files, Refusal):
            return files
        if not text and not files:
            return Refusal(400, "err_empty")
        limit = self.context.app.settings.storage.max_message_bytes
        if total_size(files) * ENCODING_GROWTH + len(text.encode()) + FRAMING > limit:
            return Refusal(413, "err_total")
        return Submission(text, files, form_text(form, "nonce"), written_at)

    def _files(self, form: FormData, language: str) -> tuple[UploadedFile, ...] | Refusal:
        web = self.context.web
        chosen = [part for part in form.getlist("files")
                  if isinstance(part, UploadFile) and (part.filename or part.size)]
        if len(chosen) > web.upload_max_files:
            return Refusal(400, "err_too_many", {"count": web.upload_max_files})
        files = []
        for index, part in enumerate(chosen, start=1):
            name = safe_filename(part.filename, index)
            data = part.file.read(web.upload_max_bytes + 1)
            if len(data) > web.upload_max_bytes:
                return Refusal(413, "err_too_big", {
                    "name": name, "size": format_size(web.upload_max_bytes, language)})
            kind = sniff(data)
            if kind is None or kind not in web.upload_types:
                return Refusal(415, "err_type", {"name": name})
            files.append(UploadedFile(name, kind, data))
        return tuple(files)

    def _allowed(self, visit: Visit, ip: str, now: datetime) -> bool:
        """Within the hourly limits of uploads to this claim and from this address."""
        web = self.context.web
        with self.context.app.db.transaction() as session:
            claim = allow(session, f"customer-upload:claim:{visit.shown.number}",
                          web.uploads_per_claim, now)
            source = allow(session, f"customer-upload:ip:{ip}", web.uploads_per_ip, now)
        return claim and source

    def _deliver(self, visit: Visit, sent: Submission, ip: str, now: datetime) -> bool:
        """Run the letter through the pipeline once (a resubmitted form is already stored)."""
        app = self.context.app
        message_id = upload_message_id(app.secret, visit.token, sent.nonce,
                                       app.claims_address.email.rpartition("@")[2])
        with app.db.transaction() as session:
            if _stored(session, message_id):
                return True
            thread = our_mail_to_customer(session, visit.shown)
        shown = visit.shown
        letter = Letter(customer=Address(shown.customer_email, shown.customer_name),
                        claims=app.claims_address, number=shown.number,
                        subject=f"Re: {shown.subject}" if shown.subject
                        else word("upload_subject", shown.language),
                        text=sent.text, files=sent.files, message_id=message_id,
                        written_at=sent.written_at, thread=thread)
        outcome = app.pipeline.process(compose_letter(letter), "web", now, received_at=now)
        if outcome.status == "stored":
            self._record(visit, message_id, sent, ip, now)
        return outcome.status != "quarantined"

    def _record(self, visit: Visit, message_id: str, sent: Submission, ip: str,
                now: datetime) -> None:
        """Who sent it through the page, and from where."""
        with self.context.app.db.transaction() as session:
            record_event(session, visit.shown.id, now, "web.customer_upload", {
                "message_id": message_id, "ip": ip, "files": [f.filename for f in sent.files],
                "characters": len(sent.text), "link_claim": visit.claim.number},
                actor=visit.shown.customer_email)


def _complete(content_type: str, tail: bytes) -> bool:
    """A multipart body ends with its closing boundary; one cut off on the way does not (its
    parser drops the unfinished part silently, which would store the form half)."""
    kind, options = parse_options_header(content_type)
    if kind != b"multipart/form-data":
        return True
    boundary = options.get(b"boundary", b"")
    return bool(boundary) and tail.rstrip(b"\r\n").endswith(b"--" + boundary + b"--")


def _stored(session: Session, message_id: str) -> bool:
    return session.exec(select(col(MessageRow.id)).where(
        MessageRow.message_id == message_id)).first() is not None
