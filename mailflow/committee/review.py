"""Reviewing flagged replies: the service behind `mailflow review` and the web app's queue and reply page.

A flagged reply is hostile input shown to a person: its HTML is only ever returned sanitised (no scripts,
event handlers, forms, styles or remote images) and its attachments only as bytes to download, never to
render. A reviewer's decision is final; it is recorded with who made it and when.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

import jinja2
import nh3
from sqlalchemy.orm import Session

from mailflow.campaign.letter import Campaign
from mailflow.errors import ReviewError, UnreadableMessage
from mailflow.reading.htmltext import html_to_text
from mailflow.reading.mime import MimeMessage, ParseLimits, Part, read_mime
from mailflow.reading.reply import ReviewReason, Stance, StanceFinding
from mailflow.sending.compose import LetterKind
from mailflow.sending.outbox import queue_letters
from mailflow.settings import SenderSettings
from mailflow.store import decisions
from mailflow.store.decisions import ItemRecord, QueueRow
from mailflow.store.messages import attachment_texts
from mailflow.store.reports import RecFact, RecipientFact

logger = logging.getLogger(__name__)

NO_ANSWER = ""
EXCERPT_CHARS = 400
# what a letter needs to be read; everything that can run, submit, fetch or restyle the page is left out
_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "div", "dl", "dt", "em", "font", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"alt", "title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}


# review reason codes (from stances, match, parse, attachments) in words for people, (Russian, English)
REASON_WORDS: dict[str, tuple[str, str]] = {
    "no_stance": ("позиция не найдена", "no stance found"),
    "holding": ("ответят позже", "will answer later"),
    "question": ("в ответе вопрос", "asks a question"),
    "contradiction": ("противоречивые позиции", "contradictory stances"),
    "unknown_id": ("несуществующий номер", "unknown recommendation number"),
    "ambiguous_number": ("неясный номер", "ambiguous number"),
    "ambiguous_negation": ("неясное отрицание", "unclear negation"),
    "condition": ("согласие с условием", "agreement with a condition"),
    "reservation": ("согласие с оговоркой", "agreement with a reservation"),
    "unclear_exception": ("неясное исключение", "unclear exception"),
    "unclear_reference": ("неясная ссылка на рекомендацию", "unclear reference"),
    "vague_scope": ("не указано, о каких рекомендациях", "vague scope"),
    "no_scope": ("позиция без номеров", "stance without recommendation"),
    "no_stance_for_id": ("номер без позиции", "number without stance"),
    "attachment_unreadable": ("вложение не прочитано", "unreadable attachment"),
    "attachment_too_large": ("слишком большое вложение", "attachment too large"),
    "attachment_truncated": ("вложение прочитано не до конца", "attachment read only in part"),
    "language": ("язык не распознан", "language not read"),
    "low_confidence": ("неуверенное распознавание", "low confidence"),
    "unknown_sender": ("неизвестный отправитель", "unknown sender"),
    "sender_mismatch": ("чужой адрес отправителя", "sender mismatch"),
    "conflicting_match": ("противоречивое сопоставление", "conflicting match"),
    "empty_text": ("пустой ответ", "empty reply"),
    "stances_failed": ("ошибка разбора", "parsing failed"),
    "unreadable": ("письмо не читается", "unreadable message"),
    "reused_message_id": ("повторный Message-ID", "reused Message-ID"),
    "invisible_characters": ("невидимые символы", "invisible characters"),
    "partial_speaker": ("отвечает часть организации", "part of the organisation speaks"),
    "outside_reference": ("ссылка на то, чего нет в письме", "refers to something outside the letter"),
    "unread_words": ("непрочитанные слова", "words left unread"),
    "cross_check": ("расходится с тоном ответа", "at odds with the reply's tone"),
    "too_long": ("ответ прочитан не целиком", "reply too long to read whole"),
    "indirect": ("позиция в пересказе", "stance in reported speech"),
    "revision": ("позиция пересмотрена", "revises an earlier stance"),
}


def reason_words(code: str, lang: str = "ru") -> str:
    """A reason code as the committee reads it; an unknown code is shown as itself rather than hidden."""
    entry = REASON_WORDS.get(code)
    return entry[1 if lang == "en" else 0] if entry else code


@dataclass(frozen=True)
class Span:
    """A piece of text; `rec_ids` names the stances whose evidence it is (empty: plain text)."""

    text: str
    rec_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class AttachmentView:
    index: int
    filename: str
    content_type: str
    size: int
    text: tuple[Span, ...]
    problem: str | None


@dataclass(frozen=True)
class FormRow:
    """One recommendation's line of the decision form, prefilled with what the parser found."""

    rec: RecFact
    stance: str  # a Stance value, or NO_ANSWER
    reason: str
    evidence: str
    confidence: float | None


@dataclass(frozen=True)
class ReplyView:
    item: ItemRecord
    from_address: str
    from_name: str
    subject: str
    date: str
    own_text: tuple[Span, ...]
    original_text: str
    html: str | None  # sanitised
    attachments: tuple[AttachmentView, ...]
    rows: tuple[FormRow, ...]
    candidates: tuple[RecipientFact, ...]  # who the reply may be from, when the worker could not tell
    error: str | None

    @property
    def reasons(self) -> tuple[ReviewReason, ...]:
        return self.item.reasons


@dataclass(frozen=True)
class Answer:
    stance: str  # a Stance value, or NO_ANSWER
    reason: str = ""


@dataclass(frozen=True)
class Decision:
    answers: Mapping[str, Answer]
    recipient_id: int | None = None  # required when the reply's organisation is unknown
    question: str = ""  # non-empty: queue a `clarification` letter asking it
    note: str = ""


@dataclass(frozen=True)
class DecisionResult:
    item_id: int
    changed: tuple[str, ...]
    cleared: tuple[str, ...]
    clarification_queued: bool


@dataclass(frozen=True)
class AttachmentFile:
    filename: str
    content_type: str
    data: bytes


class Clarify(Protocol):
    """Queues the `clarification` letter to a recipient; the outbox sends it like any other letter."""

    def __call__(
        self, session: Session, *, email: str, question: str, excerpt: str, user: str, at: datetime
    ) -> None: ...


@dataclass(frozen=True)
class OutboxClarifier:
    """The production `Clarify`: renders the committee's clarification template and queues it in the outbox."""

    env: jinja2.Environment
    campaign: Campaign
    sender: SenderSettings

    def __call__(self, session: Session, *, email: str, question: str, excerpt: str, user: str, at: datetime) -> None:
        queue_letters(
            session,
            self.env,
            self.campaign,
            LetterKind.CLARIFICATION,
            self.sender,
            now=at,
            emails=[email],
            again=True,  # a second unclear reply deserves a second question
            context={"question": question, "excerpt": excerpt},
            actor=user,
        )


def review_queue(session: Session, *, after: int | None = None, limit: int | None = None) -> list[QueueRow]:
    return decisions.queue(session, after=after, limit=limit)


def show_reply(session: Session, item_id: int, *, slug: str, limits: ParseLimits, search: str = "") -> ReplyView:
    """Everything a reviewer needs on one page, from the stored bytes, the parser's result and the attachment
    texts kept when the message was processed (no attachment is read again).

    Every stored message gets its page: when its bytes cannot be shown as mail (nested a thousand levels
    deep, broken past what the reader survives), the raw source and the error are shown instead, and the
    form is there as for any reply.
    """
    item = decisions.load_item(session, item_id)
    parsed = item.parsed
    evidence = _evidence(parsed)
    shown = _show(item.raw, limits)
    texts = attachment_texts(session, (hashlib.sha256(part.payload).hexdigest() for part in shown.parts))
    attachments = []
    for index, part in enumerate(shown.parts):
        kept = texts.get(hashlib.sha256(part.payload).hexdigest())
        text, problem = (kept.text, kept.problem) if kept is not None else ("", None)
        name = part.filename or "(unnamed)"
        attachments.append(
            AttachmentView(index, name, part.content_type, len(part.payload), highlight(text, evidence), problem)
        )
    recs = decisions.recommendations(session, slug)
    sector = item.recipient.sector if item.recipient else None
    found: dict[str, dict[str, Any]] = parsed.get("stances") or {}
    rows = tuple(
        FormRow(
            rec,
            str(found.get(rec.rec_id, {}).get("stance") or NO_ANSWER),
            str(found.get(rec.rec_id, {}).get("reason") or ""),
            str(found.get(rec.rec_id, {}).get("evidence") or ""),
            found[rec.rec_id].get("confidence") if rec.rec_id in found else None,
        )
        for rec in recs
        if sector is None or rec.audience in ("all", sector)
    )
    mail = shown.mail
    return ReplyView(
        item=item,
        from_address=str(parsed.get("from") or (mail.from_address if mail else "") or ""),
        from_name=mail.from_name if mail else "",
        subject=str(parsed.get("subject") or (mail.subject if mail else "")),
        date=(mail.date or "") if mail else "",
        own_text=highlight(str(parsed.get("text") or ""), evidence),
        original_text=shown.original_text,
        html=shown.html,
        attachments=tuple(attachments),
        rows=rows,
        candidates=tuple(decisions.recipients(session, slug, search=search)) if item.recipient is None else (),
        error=shown.error or parsed.get("error"),
    )


def decide(
    session: Session,
    item_id: int,
    decision: Decision,
    *,
    user: str,
    at: datetime,
    clarify: Clarify | None,
) -> DecisionResult:
    """Record the reviewer's stances, close the item and, if asked, queue the clarification letter."""
    item = decisions.load_item(session, item_id)
    recipient_id = decision.recipient_id or (item.recipient.id if item.recipient else None)
    if recipient_id is None:
        raise ReviewError(str(item_id), "choose which organisation the reply is from")
    valid = {s.value for s in Stance} | {NO_ANSWER}
    evidence = dict(_evidence(item.parsed))
    stances: dict[str, StanceFinding] = {}
    cleared = []
    for rec_id, answer in decision.answers.items():
        if answer.stance not in valid:
            raise ReviewError(str(item_id), f"{answer.stance!r} is not a stance (recommendation {rec_id})")
        if answer.stance == NO_ANSWER:
            cleared.append(rec_id)
            continue
        reason = " ".join(answer.reason.split()) or None
        stances[rec_id] = StanceFinding(rec_id, Stance(answer.stance), reason, evidence.get(rec_id, ""), 1.0)
    if decision.question.strip() and clarify is None:
        raise ReviewError(str(item_id), "clarification letters cannot be queued here")
    summary = decisions.apply_decision(
        session,
        item_id,
        recipient_id=recipient_id,
        stances=stances,
        cleared=cleared,
        user=user,
        at=at,
        note=decision.note,
    )
    if summary.unknown:
        raise ReviewError(str(item_id), f"unknown recommendation(s): {', '.join(summary.unknown)}")
    queued = False
    if decision.question.strip() and clarify is not None:
        recipient = next(r for r in decisions.recipients_by_id(session, [recipient_id]))
        excerpt = str(item.parsed.get("text") or "")[:EXCERPT_CHARS].strip()
        clarify(session, email=recipient.email, question=decision.question.strip(), excerpt=excerpt, user=user, at=at)
        queued = True
    return DecisionResult(
        item_id, tuple(c.rec_id for c in summary.changed), tuple(sorted(cleared)), clarification_queued=queued
    )


def attachment_file(session: Session, item_id: int, index: int, *, limits: ParseLimits) -> AttachmentFile:
    """An attachment's bytes exactly as received, for download only (the browser is told not to render it)."""
    item = decisions.load_item(session, item_id)
    parts = _show(item.raw, limits).parts
    if not 0 <= index < len(parts):
        raise ReviewError(str(item_id), f"no attachment {index}", missing=True)
    part = parts[index]
    return AttachmentFile(part.filename or f"attachment-{index}", part.content_type, part.payload)


def sanitise_html(html: str) -> str:
    """The letter's HTML with only inert markup left: no script, style, form, frame, event handler or image
    source (an `<img>` keeps its alt text), and links that open nothing on our origin."""
    return nh3.clean(
        html,
        tags=_TAGS,
        clean_content_tags={"script", "style", "title", "head", "noscript", "template", "textarea", "select"},
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def highlight(text: str, evidence: list[tuple[str, str]]) -> tuple[Span, ...]:
    """`text` cut into spans, those quoted as a stance's evidence marked with its recommendation IDs.

    Evidence is the respondent's own words, so it is found verbatim; failing that, ignoring case and runs
    of whitespace (the parser may have joined wrapped lines). Evidence not found is simply not marked.
    """
    if not text:
        return ()
    marks: list[tuple[int, int, str]] = []
    for rec_id, words in evidence:
        found = _find(text, words)
        if found is not None:
            marks.append((*found, rec_id))
    cuts = sorted({0, len(text), *(s for s, _, _ in marks), *(e for _, e, _ in marks)})
    spans = []
    for start, end in itertools.pairwise(cuts):
        ids = tuple(sorted({r for s, e, r in marks if s <= start and end <= e}))
        spans.append(Span(text[start:end], ids))
    return tuple(spans)


def _find(text: str, words: str) -> tuple[int, int] | None:
    words = words.strip()
    if not words:
        return None
    at = text.find(words)
    if at >= 0:
        return at, at + len(words)
    pattern = r"\s+".join(re.escape(w) for w in words.split())
    match = re.search(pattern, text, flags=re.IGNORECASE)
    return (match.start(), match.end()) if match else None


def _evidence(parsed: Mapping[str, Any]) -> list[tuple[str, str]]:
    found: Mapping[str, Mapping[str, Any]] = parsed.get("stances") or {}
    return [(rec_id, str(f.get("evidence") or "")) for rec_id, f in found.items()]


@dataclass(frozen=True)
class _Shown:
    """What a page shows of the stored bytes: the mail, or its raw source and why it is not readable."""

    mail: MimeMessage | None
    original_text: str
    html: str | None
    error: str | None = None

    @property
    def parts(self) -> tuple[Part, ...]:
        return self.mail.attachments if self.mail is not None else ()


def _show(raw: bytes, limits: ParseLimits) -> _Shown:
    try:
        mail = read_mime(raw, limits)
        html = sanitise_html(mail.html) if mail.html else None
        return _Shown(mail, _original_text(mail, limits), html)
    except UnreadableMessage as exc:
        return _Shown(None, _source(raw), None, exc.problem)
    except Exception as exc:  # RecursionError on deep nesting, anything a hostile message finds: show the source
        logger.warning("a stored message cannot be shown as mail: %s: %s", type(exc).__name__, exc)
        return _Shown(None, _source(raw), None, f"cannot be shown as mail: {type(exc).__name__}: {exc}")


def _source(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def _original_text(mail: MimeMessage, limits: ParseLimits) -> str:
    """The whole message as text, quotes included."""
    if mail.plain and mail.plain.strip():
        return mail.plain
    return html_to_text(mail.html, max_chars=limits.max_html_chars) if mail.html else ""
