"""Committee members' accounts and the failed sign-ins that rate-limit guessing; rows stay in here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from mailflow.store.models import AuditRow, LoginFailureRow, UserRow, WebSessionRow


@dataclass(frozen=True)
class Account:
    username: str
    password_hash: str
    active: bool


@dataclass(frozen=True)
class Member:
    """An account as `mailflow users list` shows it: no hash."""

    username: str
    active: bool
    created_at: datetime
    last_login_at: datetime | None


def find_account(session: Session, username: str) -> Account | None:
    row = session.scalars(select(UserRow).where(UserRow.username == username)).one_or_none()
    return None if row is None else Account(row.username, row.password_hash, row.active)


def add_account(session: Session, username: str, password_hash: str, *, at: datetime, actor: str) -> None:
    session.add(UserRow(username=username, password_hash=password_hash, active=True, created_at=at))
    session.add(AuditRow(at=at, actor=actor, action="user.add", subject=f"user:{username}", detail={}))
    session.flush()


def list_members(session: Session) -> list[Member]:
    rows = session.scalars(select(UserRow).order_by(UserRow.username))
    return [Member(row.username, row.active, row.created_at, row.last_login_at) for row in rows]


def set_active(session: Session, username: str, active: bool, *, at: datetime, actor: str) -> None:
    row = session.scalars(select(UserRow).where(UserRow.username == username)).one()
    row.active = active
    action = "user.enable" if active else "user.disable"
    session.add(AuditRow(at=at, actor=actor, action=action, subject=f"user:{username}", detail={}))


def set_password_hash(
    session: Session, username: str, password_hash: str, *, at: datetime | None = None, actor: str = ""
) -> None:
    """Store a new hash: a rehash at sign-in (Argon2 parameters raised since), or a password set by `actor`,
    which goes into the audit log."""
    row = session.scalars(select(UserRow).where(UserRow.username == username)).one()
    row.password_hash = password_hash
    if at is not None:
        session.add(AuditRow(at=at, actor=actor, action="user.password", subject=f"user:{username}", detail={}))


# -- sessions: the cookie's token, kept as its hash --------------------------------------------------------------


def open_session(session: Session, username: str, token_hash: str, *, at: datetime, forget_before: datetime) -> None:
    """A new sign-in session; sessions past any lifetime still in use are dropped, so the table stays small."""
    session.execute(delete(WebSessionRow).where(WebSessionRow.started_at < forget_before))
    session.add(WebSessionRow(token_hash=token_hash, username=username, started_at=at))


def session_member(session: Session, token_hash: str, *, started_after: datetime) -> str | None:
    """The member of a session started after `started_after` and not ended since; None otherwise."""
    query = select(WebSessionRow.username).where(
        WebSessionRow.token_hash == token_hash, WebSessionRow.started_at > started_after
    )
    return session.scalars(query).one_or_none()


def end_session(session: Session, token_hash: str) -> None:
    session.execute(delete(WebSessionRow).where(WebSessionRow.token_hash == token_hash))


def end_sessions_of(session: Session, username: str) -> int:
    """End every session of a member (disabled, or a new password); how many there were."""
    ended = session.execute(delete(WebSessionRow).where(WebSessionRow.username == username))
    return int(ended.rowcount or 0)  # type: ignore[attr-defined]


def record_login(session: Session, username: str, *, address: str, at: datetime) -> None:
    """A successful sign-in: remembered on the account, and the failures of this name and address forgotten."""
    row = session.scalars(select(UserRow).where(UserRow.username == username)).one()
    row.last_login_at = at
    session.execute(
        delete(LoginFailureRow).where(LoginFailureRow.username == username, LoginFailureRow.address == address)
    )
    session.add(AuditRow(at=at, actor=username, action="user.login", subject=f"user:{username}", detail={}))


def record_failure(session: Session, username: str, *, address: str, at: datetime, forget_before: datetime) -> None:
    """Count one failure; failures older than any window still in use are dropped, so the table stays small."""
    session.execute(delete(LoginFailureRow).where(LoginFailureRow.at < forget_before))
    session.add(LoginFailureRow(username=username[:100], address=address[:64], at=at))


def set_digest_reading(session: Session, username: str, *, email: str | None, language: str | None) -> bool:
    """Where and in which language a member reads the digest; False when there is no such member."""
    row = session.scalars(select(UserRow).where(UserRow.username == username)).one_or_none()
    if row is None:
        return False
    if email is not None:
        row.email = email or None
    if language is not None:
        row.language = language
    session.add(
        AuditRow(actor="cli", action="user.digest", subject=f"user:{username}", detail={"language": row.language})
    )
    return True


def digest_readers(session: Session) -> list[tuple[str, str]]:
    """(address, language) of every active member who gave an address, in the order they were added."""
    query = (
        select(UserRow.email, UserRow.language).where(UserRow.active, UserRow.email.is_not(None)).order_by(UserRow.id)
    )
    return [(email, language) for email, language in session.execute(query) if email]


def count_failures(session: Session, username: str, *, address: str, since: datetime) -> int:
    query = select(func.count(LoginFailureRow.id)).where(
        LoginFailureRow.username == username[:100],
        LoginFailureRow.address == address[:64],
        LoginFailureRow.at >= since,
    )
    return int(session.scalar(query) or 0)
