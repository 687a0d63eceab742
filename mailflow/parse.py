"""`parse_reply`: the pure reading core shared by the CLI, the worker and the tests.

Bytes in, a `ParsedReply` out: MIME (`mime`), the body as text (`htmltext` when only HTML is usable),
the respondent's own text (`quotes`), attachments (`attachments`), the kind (`classify`), the language,
and for a human reply the stances (`stances`). No socket, database or clock is touched, and no input
makes it raise: a message that cannot be read at all comes back as `Kind.UNREADABLE` with the error.
`read_reply` is the reading stage alone (no campaign needed), for the worker's triage and the benchmark.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from mailflow.campaign.letter import Campaign
from mailflow.errors import UnreadableMessage
from mailflow.patterns import compile_at_heads
from mailflow.reading.attachments import is_decoration, read_attachment
from mailflow.reading.classify import OwnIdentity, classify
from mailflow.reading.htmltext import html_to_text
from mailflow.reading.invisible import invisible_reason, visible
from mailflow.reading.language import detect_language
from mailflow.reading.mime import MimeMessage, ParseLimits, read_mime
from mailflow.reading.quotes import own_text
from mailflow.reading.reply import Kind, ParsedReply, ReplyContent, ReviewReason
from mailflow.stances.extract import extract_stances

__all__ = ["OwnIdentity", "ParseLimits", "parse_reply", "read_reply", "unreadable_reply"]

logger = logging.getLogger(__name__)

DEFAULT_LIMITS = ParseLimits()

# "This is a multi-part message in MIME format", "use an HTML-capable client": a plain part in name only
_STUB = compile_at_heads(r"html|mime format|почтовый клиент|не поддерживает|для просмотра", re.I)
_STUB_MAX = 300


def parse_reply(
    raw: bytes, campaign: Campaign, *, limits: ParseLimits = DEFAULT_LIMITS, own: OwnIdentity | None = None
) -> ParsedReply:
    """Read one inbound message and, for a human reply, its stances; never raises for bad input."""
    reading = read_reply(raw, limits=limits, own=own)
    if reading.kind != Kind.REPLY:
        return reading
    try:
        result = extract_stances(reading.content, campaign)
    except Exception as exc:  # a stance-stage bug must not lose the message: it goes to a human
        logger.exception("reading stances failed on a message; it is flagged for review")
        reason = ReviewReason("stances_failed", "Позиции не удалось прочитать автоматически; прочитайте ответ.")
        return replace(
            reading,
            review_reasons=(reason, *reading.review_reasons),
            error=f"internal error: {type(exc).__name__}: {exc}",
        )
    # both stages notice an unreadable attachment; the reviewer needs to be told once
    read_codes = {r.code for r in reading.review_reasons}
    stance_reasons = tuple(r for r in result.review_reasons if r.code not in read_codes)
    return replace(reading, stances=dict(result.stances), review_reasons=(*stance_reasons, *reading.review_reasons))


def read_reply(raw: bytes, *, limits: ParseLimits = DEFAULT_LIMITS, own: OwnIdentity | None = None) -> ParsedReply:
    """The reading stage alone: kind, headers, the respondent's own text and attachments, no stances."""
    try:
        return _read(read_mime(raw, limits), limits, own)
    except UnreadableMessage as exc:
        return unreadable_reply(exc.problem)
    except Exception as exc:  # one bad message never stops a run (STYLE 5); the raw bytes stay stored
        logger.exception("reading failed on a message; it is kept as unreadable")
        return unreadable_reply(f"internal error: {type(exc).__name__}: {exc}")


def _read(mail: MimeMessage, limits: ParseLimits, own: OwnIdentity | None) -> ParsedReply:
    body, hidden = visible(_body_text(mail, limits))
    subject, hidden_in_subject = visible(mail.subject)
    found = {*hidden, *hidden_in_subject}
    mine = own_text(body, subject=subject)
    verdict = classify(mail, mine, own=own)
    reasons: list[ReviewReason] = []
    attachments = []
    if verdict.kind == Kind.REPLY:
        for part in mail.attachments:
            if is_decoration(part):
                continue
            read = read_attachment(part, limits)
            text, hidden = visible(read.attachment.text)
            found.update(hidden)
            attachments.append(replace(read.attachment, text=text))
            if read.review is not None:
                reasons.append(read.review)
        if found:
            reasons.append(invisible_reason(found))
        if not mine.text and not any(a.text for a in attachments):
            reasons.append(ReviewReason("empty_text", "В ответе нет собственного текста; посмотрите письмо целиком."))
    language_source = mine.text or " ".join(a.text[:2000] for a in attachments) or _strip_prefixes(subject)
    return ParsedReply(
        kind=verdict.kind,
        message_id=mail.message_id,
        in_reply_to=mail.in_reply_to,
        references=mail.references,
        from_address=mail.from_address,
        from_name=mail.from_name,
        to=mail.to,
        cc=mail.cc,
        delivered_to=mail.delivered_to,
        subject=subject,
        date=mail.date,
        content=ReplyContent(
            text=mine.text,
            subject=subject,
            language=detect_language(language_source),
            inline_pairs=mine.inline_pairs,
            attachments=tuple(attachments),
        ),
        bounced_recipient=verdict.bounced_recipient,
        review_reasons=tuple(reasons),
    )


def _body_text(mail: MimeMessage, limits: ParseLimits) -> str:
    """The plain part, unless it is missing or a stub; then the HTML part as text."""
    plain = (mail.plain or "")[: limits.max_text_chars]
    stub = not plain.strip() or (len(plain.strip()) <= _STUB_MAX and bool(_STUB.search(plain)))
    if stub and mail.html:
        return html_to_text(mail.html, max_chars=limits.max_html_chars)[: limits.max_text_chars]
    return plain


def _strip_prefixes(subject: str) -> str:
    return re.sub(r"^(?:\s*(?:re|fwd?|aw|ответ|отв|пересл)\s*(?:\[\d+\])?\s*:)+", "", subject, flags=re.I).strip()


def unreadable_reply(problem: str) -> ParsedReply:
    """The result for bytes that are not mail (or a file that cannot be read): flagged, with the error."""
    return ParsedReply(
        kind=Kind.UNREADABLE,
        error=problem,
        review_reasons=(ReviewReason("unreadable", f"Сообщение не читается как письмо ({problem})."),),
    )
