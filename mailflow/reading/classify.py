"""What kind of message arrived: our own mail looping back, a bounce, an auto-reply, or a human reply.

The checks run in the order the mature receivers use (Mailman, RT): loops first, then delivery status
notifications (Exim's DSNs also carry `Auto-Submitted`, so a DSN must be recognised before the auto-reply
headers are read), then auto-replies, then everything else is a reply. Each detector stops at the first
reliable signal, and body patterns are only trusted on short messages that quote nothing, since a quoted
original or a human's "I was on leave until Monday, but we agree" must never make a reply automatic.
"""

from __future__ import annotations

import email
import logging
import re
from dataclasses import dataclass
from email.message import Message

from flufl.bounce import all_failures

from mailflow.patterns import compile_at_heads
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
_BOUNCE_SENDER_NAME = compile_at_heads(r"mail delivery (?:system|subsystem|service)|mailer[- ]daemon|postmaster", re.I)
_BOUNCE_SUBJECT = compile_at_heads(
    r"undeliver|returned mail|delivery status notification|mail delivery failed|could not be delivered|"
    r"delivery (?:has )?failed|failure notice|delivery failure|non-?delivery|message not delivered|"
    r"mail system error|(?:message|mail) rejected|недоставленное сообщение|"
    r"не удалось доставить|не доставлено|сообщение не доставлено|возвращенное сообщение|жеткирилген жок|"
    r"配信不能|送信できませんでした|不達|宛先不明|エラー通知",
    re.I,
)
# RFC 3464 reports and classic bounces whose only failure signal is their text
_FAILED_TEXT = compile_at_heads(
    r"could\s+not\s+be\s+delivered|not\s+able\s+to\s+be\s+delivered|failed\s+permanently|was\s+not\s+delivered|"
    r"delivery\s+to\s+the\s+following\s+recipients?\s+failed|unable\s+to\s+deliver|undeliverable|"
    r"delivery\s+has\s+failed|permanent\s+(?:fatal\s+)?error|automatically\s+rejected|user\s+unknown|"
    r"no\s+such\s+user|mailbox\s+(?:is\s+)?full|quota\s+exceeded|送信できませんでした|不達",
    re.I,
)  # phrases may wrap: a space is any run of whitespace
# A mailing list's robot telling us we are not a member ("owner-x@", "x-admin@", "x-request@")
_LIST_ROBOT = re.compile(r"^(?:owner-[^@\s]{0,200}|[^@\s]{0,200}-(?:admin|owner|request|bounces?))@", re.I)
_NOT_MEMBER = re.compile(r"\bnot (?:a )?member\b", re.I)
# RFC 5965 (ARF) and its older kin: Hotmail's JMRP and Apple Mail's one-click unsubscribe
_COMPLAINT_SUBJECT = re.compile(r"^\s*(?:complaint about message from|abuse report|email feedback report)", re.I)
# Amazon SES notifications (also wrapped in an SNS envelope, where the quotes are escaped)
_SES = re.compile(r'notificationType\\?"\s*:\s*\\?"(Bounce|Complaint|Delivery)\\?"')
_SES_ADDRESS = re.compile(r'emailAddress\\?"\s*:\s*\\?"([^"\\\s@]{1,200}@[^"\\\s]{1,200})\\?"')
_AUTO_SUBJECT = re.compile(
    r"^\s*(?:автоответ|автоматический ответ|automatic reply|auto[- ]?reply|autoreply|auto[- ]?response|"
    r"out of (?:the )?office|отсутствую в офисе|нет на месте|вне офиса|автожооп|автоматтык жооп)\b|"
    r"^\s*(?:read|прочитано|прочтено|delivered|доставлено|окулду|жеткирилди)\s*:",
    re.I,
)
_AUTO_SUBJECT_ANYWHERE = compile_at_heads(
    r"out of (?:the )?office|automatic reply|auto[- ]?reply|autoreply|автоответ|отсутствую в офисе|"
    r"read receipt|delivery receipt|уведомление о прочтении|уведомление о доставке|автожооп",
    re.I,
)
_AUTO_BODY = compile_at_heads(
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
    for detector in (_own_loop, _report, _bounce, _auto_reply):
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


def _report(mail: MimeMessage, own_text: OwnText, own: OwnIdentity | None) -> Verdict | None:
    """Reports that are neither a reply nor a failure: complaints (RFC 5965 ARF, Hotmail's JMRP, Apple's
    unsubscribe), read receipts (RFC 8098) and Amazon SES notifications, which carry their kind in JSON."""
    del own
    message = mail.message
    types = {part.get_content_type() for part in message.walk()}
    report_type = ""
    if message.get_content_type() == "multipart/report":  # its parameter parsed only where it means something
        report_type = str(message.get_param("report-type") or "").lower()
    complaint = (
        report_type == "feedback-report"
        or "message/feedback-report" in types
        or (_COMPLAINT_SUBJECT.match(mail.subject) is not None and "message/rfc822" in types)
        or mail.header("X-Apple-Unsubscribe").strip().lower() == "true"
    )
    if complaint:
        return Verdict(Kind.FEEDBACK_REPORT, _returned_address(message), "feedback report (RFC 5965)")
    if report_type == "disposition-notification" or "message/disposition-notification" in types:
        return Verdict(Kind.RECEIPT, signal="read receipt (RFC 8098)")
    ses = _SES.search((mail.plain or "")[:20_000])
    if ses is None:
        return None
    found = _SES_ADDRESS.search((mail.plain or "")[:20_000])
    address = found.group(1).lower() if found else None
    kind = {"Bounce": Kind.BOUNCE, "Complaint": Kind.FEEDBACK_REPORT, "Delivery": Kind.RECEIPT}[ses.group(1)]
    return Verdict(kind, address, f"Amazon SES {ses.group(1)} notification")


def _bounce(mail: MimeMessage, own_text: OwnText, own: OwnIdentity | None) -> Verdict | None:
    """RFC 3464 delivery-status first; then classic MAILER-DAEMON texts (Exim, qmail) via flufl.bounce."""
    del own
    text = own_text.text or mail.plain or ""
    report = _delivery_status(mail.message, text)
    if report is not None:
        if report.kind is Kind.BOUNCE and report.bounced_recipient is None:
            return Verdict(Kind.BOUNCE, _failed_address(mail, text), report.signal)
        return report
    sender = mail.from_address or ""
    automatic = bool(mail.header("Auto-Submitted")) or not mail.in_reply_to
    null_from = mail.header("From").strip() == "<>"  # McAfee's gateway writes the null sender into From
    # sent by a machine for sure: RFC 3834 says so, or the null reverse-path of RFC 5321 §4.5.5 that every
    # delivery report carries; a person's new message saying "could not be delivered" is neither
    machine = bool(mail.header("Auto-Submitted")) or null_from or mail.header("Return-Path").strip() == "<>"
    looks_bounced = (
        _BOUNCE_SENDER.match(sender) is not None
        or null_from
        or bool(mail.header("X-Failed-Recipients"))
        or (not mail.in_reply_to and bool(_BOUNCE_SUBJECT.search(mail.subject)))  # (a reply's subject: not searched)
        or (automatic and _BOUNCE_SENDER_NAME.search(mail.from_name) is not None)
        or (machine and not own_text.had_quote and _FAILED_TEXT.search(text[:3000]) is not None)
        or (_LIST_ROBOT.match(sender) is not None and bool(_NOT_MEMBER.search(f"{mail.subject}\n{text[:3000]}")))
    )
    if not looks_bounced:
        return None
    return Verdict(Kind.BOUNCE, _failed_address(mail, text), "bounce sender, subject or text")


def _failed_address(mail: MimeMessage, text: str) -> str | None:
    """The address a bounce reports, from the most to the least reliable place it is written."""
    failed = mail.header("X-Failed-Recipients")
    found = _ADDRESS.search(failed) if failed else None
    if found:
        return found.group(0).lower()
    return _flufl_recipient(mail.message) or _recipient_from_text(text) or _returned_address(mail.message)


def _delivery_status(message: Message, text: str) -> Verdict | None:
    """RFC 3464 §2.3: per-recipient Action and Status; a failed delivery is a bounce, a delivered one a receipt.

    The recipient comes from Original-Recipient (what we sent to) before Final-Recipient (which a server may
    have rewritten, or written as x400 or `system;<>`); when neither holds an address it is left to the caller.
    """
    if message.get_content_type() != "multipart/report":
        return None
    actions: set[str] = set()
    parts = [part for part in message.walk() if part.get_content_type() == "message/delivery-status"]
    if not parts:
        return None  # a report broken beyond its parts: the classic signals decide
    for part in parts:
        blocks = part.get_payload()
        for block in blocks if isinstance(blocks, list) else []:
            if not isinstance(block, Message):
                continue
            action = str(block.get("Action", "")).strip().lower()
            status = str(block.get("Status", "")).strip()
            if action == "failed" or status.startswith("5"):
                for name in ("Original-Recipient", "Final-Recipient"):
                    found = _ADDRESS.search(str(block.get(name) or ""))
                    if found:
                        return Verdict(Kind.BOUNCE, found.group(0).lower(), "RFC 3464 report")
                return Verdict(Kind.BOUNCE, None, "RFC 3464 report")
            if action:
                actions.add(action)
    if "delayed" not in actions and _FAILED_TEXT.search(text[:3000]):
        return Verdict(Kind.BOUNCE, None, "RFC 3464 report whose text says it failed")
    if actions and actions <= {"delivered", "relayed", "expanded", "deliverable"}:  # Postfix verify: deliverable
        return Verdict(Kind.RECEIPT, signal="RFC 3464 report: delivered")
    # delayed, or no readable status: an automatic notice, not a failure and not a reply
    return Verdict(Kind.AUTO_REPLY, signal="RFC 3464 report without a failure")


def _returned_address(message: Message) -> str | None:
    """The To of the message a report returns (RFC 3462 third part: the message or its headers)."""
    for part in message.walk():
        ctype = part.get_content_type()
        if ctype == "message/rfc822":
            inner = part.get_payload()
            headers = inner[0] if isinstance(inner, list) and inner and isinstance(inner[0], Message) else None
        elif ctype == "text/rfc822-headers":
            payload = part.get_payload(decode=True)
            raw = payload if isinstance(payload, bytes) else b""
            headers = email.message_from_bytes(raw.split(b"\n\n", 1)[0][:20_000])
        else:
            continue
        if headers is None:
            continue
        for name in ("Original-Rcpt-To", "To"):
            found = _ADDRESS.search(str(headers.get(name) or ""))
            if found:
                return found.group(0).lower()
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
