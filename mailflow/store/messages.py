"""An inbound message's way through processing: its bytes, its parse, its outcome, its quarantine.

Every function moves the message along `MessageStatus` with `advance`, so a message can never be counted
twice: processing an already recorded or flagged message is refused by the lifecycle, not by luck.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import Session

from mailflow.campaign.directory import PUBLIC_DOMAINS, Directory, Named, Recipient, SentLetter, normalise_message_id
from mailflow.lifecycle import LetterStatus, MessageStatus, advance
from mailflow.reading.reply import AttachmentText
from mailflow.store.inbound import COPY_PREFIX
from mailflow.store.models import AttachmentTextRow, AuditRow, InboundRow, LetterRow, RawMessageRow, RecipientRow

K = TypeVar("K")
V = TypeVar("V")


@dataclass(frozen=True)
class InboundView:
    id: int
    status: MessageStatus
    kind: str | None
    attempts: int
    last_error: str | None
    recipient_id: int | None
    parsed: dict[str, Any] | None


def _view(row: InboundRow) -> InboundView:
    return InboundView(
        row.id,
        MessageStatus(row.status),
        row.kind,
        row.attempts,
        row.last_error,
        row.recipient_id,
        row.parsed,
    )


def load_message(session: Session, inbound_id: int) -> tuple[InboundView, bytes]:
    row = _row(session, inbound_id)
    raw = session.get(RawMessageRow, row.sha256)
    return _view(row), raw.data if raw is not None else b""


def message_view(session: Session, inbound_id: int) -> InboundView:
    return _view(_row(session, inbound_id))


def reuses_message_id(session: Session, inbound_id: int) -> bool:
    """Whether the message was stored as a copy: its Message-ID was already another message's."""
    return _row(session, inbound_id).dedupe_key.startswith(COPY_PREFIX)


def hold_messages(session: Session, inbound_ids: list[int]) -> list[InboundRow]:
    """Load a batch's rows with one query. While the caller holds the list, the session's identity map serves
    every per-message look-up of the batch without a query of its own (it keeps only weak references)."""
    return list(session.scalars(select(InboundRow).where(InboundRow.id.in_(inbound_ids))))


def expect_stored(session: Session, inbound_id: int) -> None:
    """Refuse, before anything is recorded from it, a message that is not `stored` (already counted, or
    quarantined): the lifecycle error that `finish_message` would raise at the end, raised first."""
    advance(MessageStatus(_row(session, inbound_id).status), MessageStatus.PARSED)


def finish_message(
    session: Session,
    inbound_id: int,
    *,
    parsed: dict[str, Any],
    kind: str,
    status: MessageStatus,
    at: datetime,
    recipient_id: int | None = None,
    letter_id: int | None = None,
    match_method: str | None = None,
    attachments: Sequence[AttachmentText] = (),
) -> None:
    """Keep the parse and the outcome, `recorded` (counted or logged) or `flagged` (a person must look), and
    the text of each attachment (by its bytes' hash) for the review page.

    The row changes once, at the end of processing, so that it is written with one UPDATE.
    """
    keep_attachment_texts(session, attachments)
    row = _row(session, inbound_id)
    row.status = advance(advance(MessageStatus(row.status), MessageStatus.PARSED), status).value
    row.parsed, row.kind = parsed, kind
    row.attempts += 1
    row.recipient_id, row.letter_id, row.match_method = recipient_id, letter_id, match_method
    row.processed_at, row.last_error = at, None


def keep_attachment_texts(session: Session, attachments: Sequence[AttachmentText]) -> None:
    """Keep each distinct attachment's text once; one added earlier in this unflushed transaction is kept."""
    for attachment in attachments:
        sha = attachment.sha256
        pending = any(isinstance(row, AttachmentTextRow) and row.sha256 == sha for row in session.new)
        if not sha or pending or session.get(AttachmentTextRow, sha) is not None:
            continue
        session.add(
            AttachmentTextRow(
                sha256=sha,
                content_type=attachment.content_type,
                size=attachment.size,
                text=attachment.text,
                problem=attachment.problem,
            )
        )


def attachment_texts(session: Session, sha256s: Iterable[str]) -> dict[str, AttachmentText]:
    """The kept texts of attachments by their bytes' hash; one never read (a message not processed, or
    processed before texts were kept) is absent."""
    rows = session.scalars(select(AttachmentTextRow).where(AttachmentTextRow.sha256.in_(list(set(sha256s)))))
    return {
        row.sha256: AttachmentText("", row.content_type, row.size, row.text, row.problem, row.sha256) for row in rows
    }


def fail_message(session: Session, inbound_id: int, *, error: str, at: datetime) -> InboundView:
    """Quarantine after an error: `failed` with the error; `mailflow reprocess` runs it again after a fix."""
    row = _row(session, inbound_id)
    if MessageStatus(row.status) not in (MessageStatus.FAILED,):
        row.status = advance(MessageStatus(row.status), MessageStatus.FAILED).value
    row.last_error, row.processed_at = error[:2000], at
    session.add(AuditRow(at=at, actor="worker", action="message.failed", subject=f"inbound:{inbound_id}"))
    return _view(row)


def reopen_message(session: Session, inbound_id: int) -> None:
    """Back to `stored`, for `mailflow reprocess` after a fix (or to re-read with a better parser)."""
    row = _row(session, inbound_id)
    status = MessageStatus(row.status)
    if status is not MessageStatus.STORED:
        row.status = advance(status, MessageStatus.STORED).value


def messages_with_status(session: Session, statuses: tuple[MessageStatus, ...]) -> list[int]:
    query = select(InboundRow.id).where(InboundRow.status.in_([s.value for s in statuses])).order_by(InboundRow.id)
    return list(session.scalars(query))


class _Lookup(Mapping[K, V]):
    """A read-only mapping answered by an indexed query per key in the session processing the message (so it
    also sees what the batch wrote): matching a reply costs a few look-ups, not a load of the campaign. It
    cannot be listed: nothing that matches a reply needs every key."""

    def __init__(self, find: Callable[[K], V | None], known: Mapping[K, V | None] | None = None) -> None:
        self._find = find
        self._known = known or {}  # answers read ahead (None: not there), asked of the database no more

    def __getitem__(self, key: K) -> V:
        found = self._known[key] if key in self._known else self._find(key)
        if found is None:
            raise KeyError(key)
        return found

    def __iter__(self) -> Iterator[K]:
        raise TypeError("a database look-up cannot be listed")

    def __len__(self) -> int:
        raise TypeError("a database look-up cannot be counted")


@dataclass(frozen=True)
class _Everyone:
    """Every recipient of the campaign, read a thousand at a time when iterated: matching an organisation's
    name in an unknown sender's reply is the one rule that must look at all of them."""

    session: Session
    campaign_id: int

    def __iter__(self) -> Iterator[Recipient]:
        query = _RECIPIENT.where(RecipientRow.campaign_id == self.campaign_id).order_by(RecipientRow.id)
        for row in self.session.execute(query.execution_options(yield_per=1000)):
            yield Recipient(*row)


_RECIPIENT = select(RecipientRow.id, RecipientRow.email, RecipientRow.organisation, RecipientRow.token)
_IN_CAMPAIGN = RecipientRow.campaign_id == bindparam("campaign")
# built once, so each look-up is a cached statement run on the session's connection with two parameters
_RECIPIENT_BY = {
    column.key: _RECIPIENT.where(_IN_CAMPAIGN, column == bindparam("key")).order_by(RecipientRow.id).limit(1)
    for column in (RecipientRow.id, RecipientRow.token, RecipientRow.email)
}
_LETTER = select(LetterRow.id, LetterRow.message_id, LetterRow.kind, LetterRow.recipient_id).where(
    LetterRow.campaign_id == bindparam("campaign"), LetterRow.message_id == bindparam("key")
)
_LETTER_AHEAD = select(LetterRow.id, LetterRow.message_id, LetterRow.kind, LetterRow.recipient_id).where(
    LetterRow.campaign_id == bindparam("campaign")
)
_KINDS = (
    select(LetterRow.kind)
    .where(LetterRow.campaign_id == bindparam("campaign"), LetterRow.recipient_id == bindparam("key"))
    .distinct()
)


def load_directory(session: Session, campaign_id: int, *, own_address: str, ahead: Named | None = None) -> Directory:
    """The matching tables of a campaign: its recipients and every letter we sent them, looked up in the
    database through `session` as each reply asks (the token, address and Message-ID indexes), never loaded
    whole.

    `ahead`: what the replies about to be matched name. On PostgreSQL those letters and recipients are read with
    a few queries for all of them, and each of their keys is then answered without one: three look-ups a reply,
    each a round trip, were a fifth of the worker's time there (issue 15). A key not named (an address in an
    encoded word) is looked up as before. On SQLite a look-up is a call into the library in this process, no
    dearer than its share of reading ahead, so nothing is read ahead there.
    """

    def run(statement: Any, key: Any) -> Any:
        return session.connection().execute(statement, {"campaign": campaign_id, "key": key})

    def recipient(column: str) -> Callable[[Any], Recipient | None]:
        def find(key: Any) -> Recipient | None:
            row = run(_RECIPIENT_BY[column], key).first()
            return Recipient(*row) if row else None

        return find

    def by_domain(domain: str) -> tuple[Recipient, ...] | None:
        if not domain or domain in PUBLIC_DOMAINS:
            return None
        query = _RECIPIENT.where(_IN_CAMPAIGN, RecipientRow.email.endswith(f"@{domain}", autoescape=True))
        return tuple(Recipient(*row) for row in run(query.order_by(RecipientRow.id), None)) or None

    def letter(message_id: str) -> SentLetter | None:
        row = run(_LETTER, f"<{message_id}>").first()  # ours are written lower case, as normalised here
        return SentLetter(*row) if row else None

    def kinds(recipient_id: int) -> frozenset[str] | None:
        return frozenset(run(_KINDS, recipient_id).scalars()) or None

    postgresql = session.get_bind().dialect.name == "postgresql"
    known = _read_ahead(session, campaign_id, ahead) if ahead is not None and postgresql else _Known()
    return Directory(
        own_address=own_address,
        recipients=_Everyone(session, campaign_id),
        by_id=_Lookup(recipient("id"), known.by_id),
        by_token=_Lookup(recipient("token"), known.by_token),  # tokens are made lower case
        by_email=_Lookup(recipient("email"), known.by_email),  # imported lower case
        by_domain=_Lookup(by_domain),
        letters=_Lookup(letter, known.letters),
        letter_kinds=_Lookup(kinds),
    )


@dataclass(frozen=True)
class _Known:
    """What `load_directory` read ahead: each key asked, with its answer or None."""

    by_id: dict[int, Recipient | None] = field(default_factory=dict)
    by_token: dict[str, Recipient | None] = field(default_factory=dict)
    by_email: dict[str, Recipient | None] = field(default_factory=dict)
    letters: dict[str, SentLetter | None] = field(default_factory=dict)


def _read_ahead(session: Session, campaign_id: int, ahead: Named) -> _Known:
    """The letters and recipients `ahead` names, read with a query each; every key asked is kept, found or not, as
    neither changes while a batch is matched (the letters it queues have Message-IDs nobody has yet)."""
    known = _Known()
    known.letters.update(dict.fromkeys(ahead.message_ids))
    query = _LETTER_AHEAD.where(LetterRow.message_id.in_([f"<{m}>" for m in ahead.message_ids]))
    for sent in session.execute(query, {"campaign": campaign_id}):
        known.letters[normalise_message_id(sent.message_id)] = SentLetter(*sent)
    ids = {letter.recipient_id for letter in known.letters.values() if letter and letter.recipient_id is not None}
    known.by_id.update(dict.fromkeys(ids))
    known.by_token.update(dict.fromkeys(ahead.tokens))
    known.by_email.update(dict.fromkeys(ahead.addresses))
    for recipient in _recipients_among(session, campaign_id, RecipientRow.id, ids):
        known.by_id[recipient.id] = recipient
    for recipient in _recipients_among(session, campaign_id, RecipientRow.token, ahead.tokens):
        known.by_token[recipient.token] = recipient
    for recipient in _recipients_among(session, campaign_id, RecipientRow.email, ahead.addresses):
        known.by_email[recipient.email] = recipient
    return known


def _recipients_among(session: Session, campaign_id: int, column: Any, keys: Collection[Any]) -> list[Recipient]:
    """The campaign's recipients whose `column` is among `keys`, the highest id first: kept in turn, the lowest
    stays, the one a look-up by token or address finds. A query a column, each through its own index: the three
    joined by OR, or sorted by the database, were planned as a read of every recipient."""
    rows = session.execute(_RECIPIENT.where(_IN_CAMPAIGN, column.in_(keys)), {"campaign": campaign_id})
    return sorted((Recipient(*row) for row in rows), key=lambda recipient: -recipient.id)


def has_letter(session: Session, campaign_id: int, recipient_id: int, kind: str) -> bool:
    """Whether the recipient was ever queued a letter of `kind` in this campaign."""
    query = select(LetterRow.id).where(
        LetterRow.campaign_id == campaign_id, LetterRow.recipient_id == recipient_id, LetterRow.kind == kind
    )
    return session.scalar(query.limit(1)) is not None


def mark_bounced(session: Session, campaign_id: int, address: str, *, at: datetime) -> list[int]:
    """Mark the letters sent to `address` as bounced; returns their IDs (none: the bounce is for a person).

    Letters already bounced count too, so processing the same bounce again finds them and changes nothing.
    """
    query = select(LetterRow).where(
        LetterRow.campaign_id == campaign_id,
        LetterRow.to_address == address.lower(),
        LetterRow.status.in_([LetterStatus.SENT.value, LetterStatus.BOUNCED.value]),
    )
    letters = list(session.scalars(query))
    newly = [letter for letter in letters if letter.status == LetterStatus.SENT.value]
    for letter in newly:
        letter.status = advance(LetterStatus.SENT, LetterStatus.BOUNCED).value
        letter.last_error = f"bounced, reported {at.isoformat(timespec='minutes')}"
    if newly:
        detail = {"ids": [letter.id for letter in newly]}
        session.add(AuditRow(at=at, actor="worker", action="letters.bounced", subject=address, detail=detail))
    return [letter.id for letter in letters]


def _row(session: Session, inbound_id: int) -> InboundRow:
    row = session.get(InboundRow, inbound_id)
    if row is None:
        raise LookupError(f"no inbound message {inbound_id}")
    return row


def complainers() -> Select[int | None]:
    """Recipients whose mail server reported that they marked our letter as spam (RFC 5965 feedback reports):
    a subquery, so a caller filters by it in SQL (no NULL in it, so NOT IN works)."""
    return select(InboundRow.recipient_id).where(
        InboundRow.kind == "feedback_report", InboundRow.recipient_id.is_not(None)
    )


def complaining(session: Session) -> list[tuple[str, str]]:
    """The organisation and address of each recipient who marked our letter as spam, for the secretary."""
    query = (
        select(RecipientRow.organisation, RecipientRow.email)
        .where(RecipientRow.id.in_(complainers()))
        .order_by(RecipientRow.organisation)
    )
    return [(organisation, email) for organisation, email in session.execute(query)]


def message_counts(session: Session) -> dict[str, int]:
    """Inbound messages by status: what `mailflow status` reports."""
    query = select(InboundRow.status, func.count()).group_by(InboundRow.status)
    return {status: count for status, count in session.execute(query)}
