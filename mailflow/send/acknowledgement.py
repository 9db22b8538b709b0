"""The acknowledgement mail: threaded under the customer's message, stamped as automatic.

It carries `Auto-Submitted: auto-replied` (RFC 3834) and no `Precedence` header:
Precedence is not standardised, RFC 3834 names Auto-Submitted as the signal, and
`Precedence: bulk/junk` makes spam filters treat a reply the customer is waiting for as
bulk mail.
"""

from __future__ import annotations

from mailflow.domain.claims import acknowledgement_subject
from mailflow.domain.model import Address, OutgoingMail, ParsedMessage
from mailflow.send.render import RenderedMail

ACKNOWLEDGEMENT_KIND = "acknowledgement"


def build_acknowledgement(
    claim_number: str,
    msg: ParsedMessage,
    recipient: Address,
    sender: Address,
    rendered: RenderedMail,
    message_id: str,
) -> OutgoingMail:
    """The acknowledgement mail: threaded under the customer's message, stamped as automatic."""
    original_id = msg.message_id or None
    references = tuple(dict.fromkeys((*msg.references, *((original_id,) if original_id else ()))))
    return OutgoingMail(
        kind=ACKNOWLEDGEMENT_KIND,
        sender=sender,
        to=(recipient,),
        subject=acknowledgement_subject(msg.subject, rendered.subject, claim_number),
        text=rendered.text,
        html=rendered.html,
        message_id=message_id,
        in_reply_to=original_id,
        references=references,
        headers=(
            ("Auto-Submitted", "auto-replied"),
            ("X-Auto-Response-Suppress", "All"),
            ("X-Mailflow-Loop", sender.email),
            ("X-Mailflow-Claim", claim_number),
        ),
    )
