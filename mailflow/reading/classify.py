"""What kind of message arrived: our own mail looping back, a bounce, an auto-reply, or a human reply.

The checks run in the order the mature receivers use (Mailman, RT): loops first, then delivery status
notifications (Exim's DSNs also carry `Auto-Submitted`, so a DSN must be recognised before the auto-reply
headers are read), then auto-replies, then everything else is a reply. Each detector stops at the first
reliable signal, and body patterns are only trusted on short messages that quote nothing, since a quoted
original or a human's "I was on leave until Monday, but we agree" must never make a reply automatic.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from email.message import Message

from flufl.bounce import all_failures

from mailflow.reading.mime import MimeMessage
from mailflow.reading.quotes import OwnText
from mailflow.reading.reply import Kind

logger = logging.getLogger(__name__)

LOOP_HEADER = "X-Mailflow-Loop"


@dataclass(frozen=True)
class OwnIdentity:
    """Who "we" are, to recognise our own letters coming back (a Bcc copy, a forward to ourselves)."""

    address: str | None = None
    domain: str | None = None
    loop_header: str = LOOP_HEADER


@dataclass(frozen=True)
class Verdict:
    """The kind of a message, the address a bounce reports, and the signal the decision rests on."""

    kind: Kind
    bounced_recipient: str | None = None
    signal: str = ""


_BOUNCE_SENDER = re.compile(r"^(?:mailer-daemon|postmaster|mail-daemon|mdaemon|mailerdaemon)@", re.I)
_BOUNCE_SUBJECT = re.compile(
    r"undeliver|returned mail|delivery status notification \((?:failure|delay)|mail delivery failed|"
    r"delivery (?:has )?failed|failure notice|delivery failure|недоставленное сообщение|"
    r"не удалось доставить|не доставлено|сообщение не доставлено|возвращенное сообщение|жеткирилген жок",
    re.I,
)
_AUTO_SUBJECT = re.compile(
    r"^\s*(?:автоответ|автоматический ответ|automatic reply|auto[- ]?reply|autoreply|auto[- ]?response|"
    r"out of (?:the )?office|отсутствую в офисе|нет на месте|вне офиса|автожооп|автоматтык жооп)\b|"
    r"^\s*(?:read|прочитано|прочтено|delivered|доставлено|окулду|жеткирилди)\s*:",
    re.I,
)
_AUTO_SUBJECT_ANYWHERE = re.compile(
    r"out of (?:the )?office|automatic reply|auto[- ]?reply|autoreply|автоответ|отсутствую в офисе|"
    r"read receipt|delivery receipt|уведомление о прочтении|уведомление о доставке|автожооп",
    re.I,
)
_AUTO_BODY = re.compile(
    r"в отпуске до|нахожусь в отпуске|отсутствую в офисе|отсутствую на рабочем месте|в командировке до|"
    r"не имею доступа к почте|буду отсутствовать|out of (?:the )?office|on (?:annual )?leave until|"
    r"on vacation until|away from (?:the )?office|limited access to (?:my )?e-?mail|"
    r"will be out of the office|i am currently out|i'm currently out|эс алуудамын|өргүүдөмүн|"
    r"иш сапарындамын|кеңседе жокмун|это автоматическое сообщение|this is an automatic",
    re.I,
)
_AUTO_BODY_MAX = 600
_STATUS = re.compile(r"\b([245])\.\d{1,3}\.\d{1,3}\b")
_ADDRESS = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")


def classify(mail: MimeMessage, own_text: OwnText, *, own: OwnIdentity | None = None) -> Verdict:
    """Decide the kind; when no detector is sure, the message is a reply."""
    for detector in (_own_loop, _bounce, _auto_reply):
        verdict = detector(mail, own_text, own)
        if verdict is not None:
            return verdict
    return Verdict(Kind.REPLY)


def _own_loop(mail: MimeMessage, own_text: OwnText, own: OwnIdentity | None) -> Verdict | None:
    del own_text
    if own is None:
        return None
    if mail.message.get(own.loop_header) is not None:
        return Verdict(Kind.OWN, signal=own.loop_header)
    if own.domain and mail.message_id and mail.message_id.rstrip(">").lower().endswith("@" + own.domain.lower()):
        return Verdict(Kind.OWN, signal="Message-ID")
    if own.address and mail.from_address == own.address.lower():
        return Verdict(Kind.OWN, signal="From")
    return None


def _bounce(mail: MimeMessage, own_text: OwnText, own: OwnIdentity | None) -> Verdict | None:
    """RFC 3464 delivery-status first; then classic MAILER-DAEMON texts (Exim, qmail) via flufl.bounce."""
    del own
    report = _delivery_status(mail.message)
    if report is not None:
        return report
    sender = mail.from_address or ""
    looks_bounced = (
        _BOUNCE_SENDER.match(sender) is not None
        or bool(mail.header("X-Failed-Recipients"))
        or (bool(_BOUNCE_SUBJECT.search(mail.subject)) and not mail.in_reply_to)
    )
    if not looks_bounced:
        return None
    failed = mail.header("X-Failed-Recipients")
    if failed:
        found = _ADDRESS.search(failed)
        return Verdict(Kind.BOUNCE, found.group(0).lower() if found else None, "X-Failed-Recipients")
    recipient = _flufl_recipient(mail.message) or _recipient_from_text(own_text.text or mail.plain or "")
    return Verdict(Kind.BOUNCE, recipient, "bounce sender or subject")


def _delivery_status(message: Message) -> Verdict | None:
    """RFC 3464 §2.3: per-recipient Action and Status; only a failed 5.x.x delivery is a bounce."""
    if message.get_content_type() != "multipart/report":
        return None
    report_type = (message.get_param("report-type") or "").__str__().lower()
    if report_type == "disposition-notification":
        return Verdict(Kind.AUTO_REPLY, signal="read receipt (RFC 8098)")
    for part in message.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        blocks = part.get_payload()
        if not isinstance(blocks, list):
            continue
        for block in blocks:
            if not isinstance(block, Message):
                continue
            action = str(block.get("Action", "")).strip().lower()
            status = str(block.get("Status", "")).strip()
            if action == "failed" or status.startswith("5"):
                recipient = str(block.get("Final-Recipient") or block.get("Original-Recipient") or "")
                found = _ADDRESS.search(recipient)
                return Verdict(Kind.BOUNCE, found.group(0).lower() if found else None, "RFC 3464 report")
        # delayed, relayed or delivered: an automatic notice, not a failure and not a reply
        return Verdict(Kind.AUTO_REPLY, signal="RFC 3464 report without a failure")
    return None


def _flufl_recipient(message: Message) -> str | None:
    try:
        permanent, temporary = all_failures(message)
    except Exception:  # flufl's detectors index into headers unchecked and crash on malformed bounces
        logger.debug("flufl.bounce failed on a bounce; falling back to its text", exc_info=True)
        return None
    for address in sorted(permanent) or sorted(temporary):
        return bytes(address).decode("ascii", "replace").lower()
    return None


def _recipient_from_text(text: str) -> str | None:
    """Classic bounce texts name the address next to a 5.x.x status or in angle brackets above it."""
    for line in text.splitlines()[:200]:
        if _STATUS.search(line) or "<" in line:
            found = _ADDRESS.search(line)
            if found:
                return found.group(0).lower()
    return None


def _auto_reply(mail: MimeMessage, own_text: OwnText, own: OwnIdentity | None) -> Verdict | None:
    del own
    header = mail.header
    auto_submitted = header("Auto-Submitted").split(";")[0].strip().lower()
    if auto_submitted and auto_submitted != "no":  # RFC 3834 §5
        return Verdict(Kind.AUTO_REPLY, signal=f"Auto-Submitted: {auto_submitted}")
    for name in ("X-Autoreply", "X-Autorespond", "X-Autoreply-From", "X-Mail-Autoreply", "X-Autogenerated"):
        if header(name):
            return Verdict(Kind.AUTO_REPLY, signal=name)
    precedence = header("Precedence").strip().lower()
    if precedence in ("auto_reply", "bulk", "junk"):
        return Verdict(Kind.AUTO_REPLY, signal=f"Precedence: {precedence}")
    subject = mail.subject
    if header("X-Auto-Response-Suppress") and _AUTO_SUBJECT_ANYWHERE.search(subject):
        return Verdict(Kind.AUTO_REPLY, signal="X-Auto-Response-Suppress with an automatic subject")
    if _AUTO_SUBJECT.match(subject) or _AUTO_SUBJECT_ANYWHERE.search(subject):
        return Verdict(Kind.AUTO_REPLY, signal="automatic subject")
    text = own_text.text
    names_recommendation = re.search(r"\b\d{1,2}\.\d{1,2}\b(?!\.\d)", text)  # then a human wrote it
    if not own_text.had_quote and len(text) <= _AUTO_BODY_MAX and _AUTO_BODY.search(text) and not names_recommendation:
        return Verdict(Kind.AUTO_REPLY, signal="automatic text")
    return None
