"""Committee members' accounts and sign-in: Argon2id password hashes, a limit on failed attempts, sessions.

The web app and `mailflow users` call these; neither sees a password hash or a row. Failed attempts are
counted per name *and* client address in a sliding window, so a guesser is slowed down without letting
anyone lock a member out from elsewhere. A session is a random token in the cookie and its hash in the
database: signing out, disabling the member or setting a new password ends it on the server, so a copied
cookie stops working at once.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.orm import Session

from mailflow.committee.words import DEFAULT_LANGUAGE, LANGUAGES
from mailflow.errors import AccountError
from mailflow.store import users as store
from mailflow.store.users import Member

MIN_PASSWORD = 10
MAX_USERNAME = 100


class SignIn(StrEnum):
    OK = "ok"
    REFUSED = "refused"  # unknown name, wrong password or a disabled account: the page says the same for all
    LIMITED = "limited"  # too many failures for this name from this address; try again later


@dataclass(frozen=True)
class LoginPolicy:
    max_failures: int = 5
    window: timedelta = timedelta(minutes=15)


def add_user(session: Session, hasher: PasswordHasher, username: str, password: str, *, at: datetime) -> None:
    """Create an account; the password is hashed here and never stored or logged as given."""
    name = username.strip()
    if not name or len(name) > MAX_USERNAME or any(c.isspace() for c in name):
        raise AccountError(username, f"a name is 1–{MAX_USERNAME} characters without spaces")
    _check_password(name, password)
    if store.find_account(session, name) is not None:
        raise AccountError(name, "this name is already taken")
    store.add_account(session, name, hasher.hash(password), at=at, actor="cli")


def list_users(session: Session) -> list[Member]:
    return store.list_members(session)


def set_enabled(session: Session, username: str, enabled: bool, *, at: datetime) -> int:
    """Enable or disable a member; disabling ends every session of theirs. Returns how many were ended."""
    account = _existing(session, username)
    if account.active == enabled:
        raise AccountError(username, f"is already {'enabled' if enabled else 'disabled'}")
    store.set_active(session, username, enabled, at=at, actor="cli")
    return 0 if enabled else store.end_sessions_of(session, username)


def set_password(session: Session, hasher: PasswordHasher, username: str, password: str, *, at: datetime) -> int:
    """A new password (forgotten, or possibly seen by someone); every open session of the member ends, as one
    of them may be the intruder's. Returns how many were ended."""
    _existing(session, username)
    _check_password(username, password)
    store.set_password_hash(session, username, hasher.hash(password), at=at, actor="cli")
    return store.end_sessions_of(session, username)


def start_session(session: Session, username: str, *, at: datetime, lifetime: timedelta) -> str:
    """A new session after a successful sign-in: the token for the cookie (only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    store.open_session(session, username, _token_hash(token), at=at, forget_before=at - lifetime)
    return token


def session_user(session: Session, token: str, *, at: datetime, lifetime: timedelta) -> str | None:
    """The member a cookie's token signs in, checked on every request: None once the session ended, expired
    or its member is disabled or gone."""
    name = store.session_member(session, _token_hash(token), started_after=at - lifetime)
    return name if name is not None and is_active(session, name) else None


def end_session(session: Session, token: str) -> None:
    store.end_session(session, _token_hash(token))


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogateescape")).hexdigest()


def _existing(session: Session, username: str) -> store.Account:
    account = store.find_account(session, username)
    if account is None:
        raise AccountError(username, "no such member (mailflow users list)")
    return account


def _check_password(name: str, password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(name, f"the password must have at least {MIN_PASSWORD} characters")


def set_digest_reading(session: Session, username: str, *, email: str | None, language: str | None) -> None:
    """Send the weekly digest to this member at `email` ("" stops it), in `language` (ru, ky or en)."""
    if language is not None and language not in LANGUAGES:
        raise AccountError(username, f"the digest's language is one of {', '.join(LANGUAGES)}")
    if email and (email.count("@") != 1 or any(c.isspace() for c in email) or not email.partition("@")[2]):
        raise AccountError(username, f"{email!r} is not an e-mail address")
    if not store.set_digest_reading(
        session, username, email=email.strip().lower() if email else email, language=language
    ):
        raise AccountError(username, "no such member")


def digest_readers(session: Session, addresses: tuple[str, ...]) -> list[tuple[str, str]]:
    """Who gets the digest and in which language: the `committee.addresses` setting (in a member's language when
    a member gave that address, else Russian) and every member who gave an address, each address once."""
    members = store.digest_readers(session)
    chosen = {email.lower(): language for email, language in members}
    readers = {address.lower(): (address, chosen.get(address.lower(), DEFAULT_LANGUAGE)) for address in addresses}
    for email, language in members:
        readers.setdefault(email.lower(), (email, language))
    return list(readers.values())


def sign_in(
    session: Session,
    hasher: PasswordHasher,
    username: str,
    password: str,
    *,
    address: str,
    at: datetime,
    policy: LoginPolicy = LoginPolicy(),
) -> SignIn:
    """Check a name and password; every failure is counted, and past the limit nothing is checked at all."""
    if store.count_failures(session, username, address=address, since=at - policy.window) >= policy.max_failures:
        return SignIn.LIMITED
    account = store.find_account(session, username)
    # an unknown name costs one hash check too, so the answer's timing does not tell which names exist
    checked = _verify(hasher, account.password_hash if account else _dummy_hash(hasher), password)
    if account is None or not account.active or not checked:
        store.record_failure(session, username, address=address, at=at, forget_before=at - policy.window)
        return SignIn.REFUSED
    if hasher.check_needs_rehash(account.password_hash):
        store.set_password_hash(session, account.username, hasher.hash(password))
    store.record_login(session, account.username, address=address, at=at)
    return SignIn.OK


def is_active(session: Session, username: str) -> bool:
    """Checked on every request, so removing or disabling an account ends its sessions at once."""
    account = store.find_account(session, username)
    return account is not None and account.active


@cache
def _dummy_hash(hasher: PasswordHasher) -> str:
    return hasher.hash("not the password of anyone")


def _verify(hasher: PasswordHasher, password_hash: str, password: str) -> bool:
    try:
        return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
