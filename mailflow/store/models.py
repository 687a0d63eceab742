"""The schema. Lifecycles are explicit `str` enums whose transitions live in `mailflow.lifecycle`."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, ClassVar, cast

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.ext.associationproxy import AssociationProxy, association_proxy
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from mailflow.lifecycle import LetterStatus


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class SetBy(StrEnum):
    PARSER = "parser"
    REVIEWER = "reviewer"


class CampaignRow(Base):
    __tablename__ = "campaigns"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    recommendations: Mapped[list[RecommendationRow]] = relationship(
        back_populates="campaign", order_by="RecommendationRow.position"
    )


class RecommendationRow(Base):
    __tablename__ = "recommendations"
    __table_args__ = (UniqueConstraint("campaign_id", "rec_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"), index=True)
    rec_id: Mapped[str] = mapped_column(String(10))
    panel: Mapped[int] = mapped_column(Integer)
    audience: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer)
    campaign: Mapped[CampaignRow] = relationship(back_populates="recommendations")


# A recipient's counts, kept by the database's triggers from its letters, replies, stances and review items
# (`mailflow.store.counts`): its `RespondentStatus`, its human replies and its reminders sent. Never written by the
# application, so columns of the table but not of the class: the ORM neither inserts nor loads them, and queries
# name them as `KEPT.status` etc.
KEPT_COLUMNS = (
    Column("status", String(20), nullable=False, server_default="not_sent"),
    Column("replies", Integer, nullable=False, server_default="0"),
    Column("first_reply_at", DateTime(timezone=True)),
    Column("last_reply_at", DateTime(timezone=True)),
    Column("reminders", Integer, nullable=False, server_default="0"),
)


class RecipientRow(Base):
    __tablename__ = "recipients"
    __table_args__ = (
        *KEPT_COLUMNS,
        UniqueConstraint("campaign_id", "email"),
        Index("ix_recipients_campaign_organisation", "campaign_id", "organisation", "id"),  # lists by name
        # the dashboard's list of one status, by name; first replies before a moment (migration 0010)
        Index("ix_recipients_campaign_status", "campaign_id", "status", "organisation", "id"),
        Index("ix_recipients_campaign_first_reply", "campaign_id", "first_reply_at"),
    )
    __mapper_args__ = {"exclude_properties": [c.name for c in KEPT_COLUMNS]}  # noqa: RUF012 (declarative's own)
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"), index=True)
    organisation: Mapped[str] = mapped_column(Text)
    contact: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str] = mapped_column(String(320))
    sector: Mapped[str] = mapped_column(String(20))
    region: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(5))
    token: Mapped[str] = mapped_column(String(32), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class StanceTallyRow(Base):
    """Organisations per recommendation, sector and current stance, kept by triggers on `responses` and
    `recipients` (`mailflow.store.counts`): the dashboard's bars without a GROUP BY over every response."""

    __tablename__ = "stance_tallies"
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendations.id"), primary_key=True)
    sector: Mapped[str] = mapped_column(String(20), primary_key=True)
    stance: Mapped[str] = mapped_column(String(20), primary_key=True)
    organisations: Mapped[int] = mapped_column(Integer)


class StatusTallyRow(Base):
    """Recipients per campaign, sector and `RespondentStatus`, kept by triggers on `recipients`."""

    __tablename__ = "status_tallies"
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"), primary_key=True)
    sector: Mapped[str] = mapped_column(String(20), primary_key=True)
    status: Mapped[str] = mapped_column(String(20), primary_key=True)
    organisations: Mapped[int] = mapped_column(Integer)


class FirstReplyDayRow(Base):
    """Organisations per campaign by the day (UTC) of their first human reply, kept by triggers on `recipients`:
    the response rate over time without grouping every reply."""

    __tablename__ = "first_reply_days"
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    organisations: Mapped[int] = mapped_column(Integer)


RECIPIENTS = cast(Table, RecipientRow.__table__)
KEPT = RECIPIENTS.c  # KEPT.status, KEPT.replies, ...: the kept columns above


class LetterBodyRow(Base):
    """A letter's rendered bytes (33 KB for the appeal), in a table of their own (migration 0011): a status
    change rewrites the letter's row, and on SQLite a row is rewritten whole, its bytes included (84 KB of WAL
    per commit with them, 13 KB without). Written once when the letter is queued, read when it is sent;
    compressed with LZ4 on PostgreSQL (migration 0014)."""

    __tablename__ = "letter_bodies"
    letter_id: Mapped[int] = mapped_column(ForeignKey("letters.id", ondelete="CASCADE"), primary_key=True)
    raw: Mapped[bytes] = mapped_column(LargeBinary)


# The letters the outbox still works on: every status but the two a recount asks for (indexed on PostgreSQL)
OUTBOX_STATUSES = tuple(s.value for s in LetterStatus if s not in (LetterStatus.SENT, LetterStatus.BOUNCED))


class LetterRow(Base):
    """One outgoing letter, rendered up front so that what is sent is exactly what was previewed.

    Its bytes are `body` (a row of `letter_bodies`), read only when asked for: `letter.raw` loads them, and
    `LetterRow(raw=...)` makes the body. Queries that want them join `LetterBodyRow`.
    """

    __tablename__ = "letters"
    __table_args__ = (
        UniqueConstraint("campaign_id", "recipient_id", "kind", "sequence"),
        Index("ix_letters_campaign_to_address", "campaign_id", "to_address"),  # a bounce names the address
        # letters counted by status without reading their bytes (migration 0009)
        Index("ix_letters_campaign_kind_status", "campaign_id", "kind", "status"),
        Index("ix_letters_recipient_kind_status", "recipient_id", "kind", "status"),
        Index("ix_letters_campaign_status", "campaign_id", "status", "id"),  # the digest's bounces, in order
        # the outbox's work (`due_letter_ids`, the interrupted, the failed): on PostgreSQL only letters not yet
        # through, so that a recount asking for a recipient's sent or bounced letters cannot take this index
        # on stale statistics and read every sent letter for each recipient (migration 0013)
        Index("ix_letters_outbox", "status", "id", postgresql_where=text(f"status IN {OUTBOX_STATUSES!r}")),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    # by campaign and by recipient through the indexes above that begin with them (migration 0011 dropped the
    # single-column ones: on PostgreSQL every status change adds an entry to every index of the table)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"))
    recipient_id: Mapped[int | None] = mapped_column(ForeignKey("recipients.id"))
    kind: Mapped[str] = mapped_column(String(30))
    sequence: Mapped[int] = mapped_column(Integer, default=1)
    to_address: Mapped[str] = mapped_column(Text)
    message_id: Mapped[str] = mapped_column(String(255), unique=True)
    subject: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    body: Mapped[LetterBodyRow] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    raw: AssociationProxy[bytes] = association_proxy("body", "raw", creator=lambda raw: LetterBodyRow(raw=raw))


class RawMessageRow(Base):
    """Every inbound message's bytes, addressed by SHA-256, kept forever: a reply is never lost."""

    __tablename__ = "raw_messages"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class AttachmentTextRow(Base):
    """The text read from an attachment, by the SHA-256 of its bytes: written once when its message is
    processed, so showing the message again (the review page) never unpacks a DOCX or PDF again."""

    __tablename__ = "attachment_texts"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    content_type: Mapped[str] = mapped_column(Text)
    size: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, default="")
    problem: Mapped[str | None] = mapped_column(Text)


class InboundRow(Base):
    __tablename__ = "inbound_messages"
    # a recipient's replies: with the kind and time in it, SQLite prefers it to any (kind, time) plan per recipient
    __table_args__ = (
        Index("ix_inbound_messages_recipient_kind", "recipient_id", "kind", "received_at"),
        # the organisations that marked our letter as spam, found without reading every message (migration 0012)
        Index("ix_inbound_messages_kind_recipient", "kind", "recipient_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    # Message-ID when there is one, else the bytes' hash: the same reply fetched twice is one row
    dedupe_key: Mapped[str] = mapped_column(String(400), unique=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("raw_messages.sha256"), index=True)
    message_id: Mapped[str | None] = mapped_column(String(400), index=True)
    mailbox: Mapped[str] = mapped_column(Text, default="")
    uid: Mapped[int | None] = mapped_column(BigInteger)  # unsigned 32-bit (RFC 3501 §2.3.1.1)
    status: Mapped[str] = mapped_column(String(20), index=True)
    kind: Mapped[str | None] = mapped_column(String(20))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    recipient_id: Mapped[int | None] = mapped_column(ForeignKey("recipients.id"), index=True)
    letter_id: Mapped[int | None] = mapped_column(ForeignKey("letters.id"))
    match_method: Mapped[str | None] = mapped_column(String(30))
    parsed: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    processed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ResponseRow(Base):
    """The current stance of one recipient on one recommendation; earlier ones move to the history."""

    __tablename__ = "responses"
    __table_args__ = (
        UniqueConstraint("recipient_id", "recommendation_id"),
        # the digest's week of objections, per recommendation, without reading every agreement (migration 0010)
        Index("ix_responses_recommendation_stance_updated", "recommendation_id", "stance", "updated_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("recipients.id"), index=True)
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendations.id"), index=True)
    stance: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)
    evidence: Mapped[str] = mapped_column(Text, default="")
    confidence: Mapped[float] = mapped_column(default=1.0)
    source_message_id: Mapped[int | None] = mapped_column(ForeignKey("inbound_messages.id"))
    set_by: Mapped[str] = mapped_column(String(20))
    set_by_user: Mapped[str | None] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


class ResponseHistoryRow(Base):
    __tablename__ = "response_history"
    id: Mapped[int] = mapped_column(primary_key=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("recipients.id"), index=True)
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendations.id"))
    stance: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)
    source_message_id: Mapped[int | None] = mapped_column(ForeignKey("inbound_messages.id"))
    set_by: Mapped[str] = mapped_column(String(20))
    set_by_user: Mapped[str | None] = mapped_column(String(100))
    valid_from: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    replaced_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ReviewItemRow(Base):
    __tablename__ = "review_items"
    __table_args__ = (Index("ix_review_items_status_created_at", "status", "created_at", "id"),)  # the queue's pages
    id: Mapped[int] = mapped_column(primary_key=True)
    inbound_id: Mapped[int] = mapped_column(ForeignKey("inbound_messages.id"), unique=True)
    recipient_id: Mapped[int | None] = mapped_column(ForeignKey("recipients.id"), index=True)
    reasons: Mapped[list[Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20), index=True, default="open")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_by: Mapped[str | None] = mapped_column(String(100))


class AuditRow(Base):
    """Who did what and when: imports, sends, reviewer decisions."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(50))
    subject: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class MailboxStateRow(Base):
    """Per mailbox and folder: where fetching stopped, the last poll, and the lease of the one fetcher.

    UIDVALIDITY and UIDs are unsigned 32-bit (RFC 3501 §2.3.1.1), too big for a signed INTEGER.
    """

    __tablename__ = "mailbox_state"
    mailbox: Mapped[str] = mapped_column(String(400), primary_key=True)
    uidvalidity: Mapped[int | None] = mapped_column(BigInteger)
    last_uid: Mapped[int] = mapped_column(BigInteger, default=0)
    last_poll_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
    lease_holder: Mapped[str | None] = mapped_column(String(200))
    lease_expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class UserRow(Base):
    """A committee member who may sign in to the web app; only an Argon2 hash of the password is kept."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    email: Mapped[str | None] = mapped_column(String(320))  # where the member reads the weekly digest
    language: Mapped[str] = mapped_column(String(5), default="ru", server_default="ru")  # ru | ky | en


class LoginFailureRow(Base):
    """One failed sign-in, per name and client address: counted in a window to slow down password guessing.

    Kept in the database, not in memory, so every web worker process sees the same count.
    """

    __tablename__ = "login_failures"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100))
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class WebSessionRow(Base):
    """A signed-in browser: the cookie holds a random token, the database its SHA-256, so signing out or
    disabling the member ends the session here, whatever copy of the cookie is still around."""

    __tablename__ = "web_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    username: Mapped[str] = mapped_column(String(100), index=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
