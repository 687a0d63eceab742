"""Committee members' sign-in: Argon2id password hashes and a limit on failed attempts.

The web app and `mailflow users add` call these; neither sees a password hash or a row. Failed attempts are
counted per name *and* client address in a sliding window, so a guesser is slowed down without letting
anyone lock a member out from elsewhere.
"""

from __future__ import annotations

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
    if len(password) < MIN_PASSWORD:
        raise AccountError(name, f"the password must have at least {MIN_PASSWORD} characters")
    if store.find_account(session, name) is not None:
        raise AccountError(name, "this name is already taken")
    store.add_account(session, name, hasher.hash(password), at=at, actor="cli")


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
