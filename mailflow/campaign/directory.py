"""The campaign's address book as matching sees it: recipients, the letters we sent them, and lookups by token,
address, domain and Message-ID. Shared by the store, which loads it, and by matching, which reads it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from email.utils import parseaddr


@dataclass(frozen=True)
class Recipient:
    id: int
    email: str
    organisation: str
    token: str


@dataclass(frozen=True)
class Named:
    """What a batch of replies names that matching will look up (`receiving.match.named_in`), for the store to
    read ahead: addresses and reply tokens (lower case), and Message-IDs (normalised)."""

    addresses: frozenset[str] = frozenset()
    tokens: frozenset[str] = frozenset()
    message_ids: frozenset[str] = frozenset()


@dataclass(frozen=True)
class SentLetter:
    id: int
    message_id: str
    kind: str  # a `compose.LetterKind` value
    recipient_id: int | None  # None for the digest, which goes to the committee


# Shared mail services: a sender's domain here says nothing about their organisation.
PUBLIC_DOMAINS = frozenset({
    "gmail.com", "googlemail.com", "mail.ru", "inbox.ru", "list.ru", "bk.ru", "internet.ru", "yandex.ru",
    "yandex.kg", "yandex.com", "ya.ru", "rambler.ru", "outlook.com", "hotmail.com", "live.com", "msn.com",
    "yahoo.com", "icloud.com", "me.com", "proton.me", "protonmail.com", "gmx.com", "gmx.de", "aol.com",
    "zoho.com", "mail.com", "elcat.kg",
})  # fmt: skip


@dataclass(frozen=True)
class Directory:
    """The lookup tables of one campaign, built once per run with `Directory.build`."""

    own_address: str  # the sender address whose plus-addresses carry tokens
    recipients: Iterable[Recipient] = ()  # read once per use: the store streams them
    by_id: Mapping[int, Recipient] = field(default_factory=dict)
    by_token: Mapping[str, Recipient] = field(default_factory=dict)
    by_email: Mapping[str, Recipient] = field(default_factory=dict)
    by_domain: Mapping[str, tuple[Recipient, ...]] = field(default_factory=dict)
    letters: Mapping[str, SentLetter] = field(default_factory=dict)  # by normalised Message-ID
    letter_kinds: Mapping[int, frozenset[str]] = field(default_factory=dict)  # the kinds each recipient was sent

    @classmethod
    def build(cls, recipients: Iterable[Recipient], letters: Iterable[SentLetter], *, own_address: str) -> Directory:
        people = tuple(recipients)
        sent = tuple(letters)
        kinds: dict[int, set[str]] = {}
        for letter in sent:
            if letter.recipient_id is not None:
                kinds.setdefault(letter.recipient_id, set()).add(letter.kind)
        domains: dict[str, list[Recipient]] = {}
        for r in people:
            domain = domain_of(r.email)
            if domain and domain not in PUBLIC_DOMAINS:
                domains.setdefault(domain, []).append(r)
        return cls(
            own_address=own_address,
            recipients=people,
            by_id={r.id: r for r in people},
            by_token={r.token.lower(): r for r in people if r.token},
            by_email={r.email.strip().lower(): r for r in reversed(people)},  # the first listed wins
            by_domain={d: tuple(rs) for d, rs in domains.items()},
            letters={normalise_message_id(letter.message_id): letter for letter in sent},
            letter_kinds={recipient_id: frozenset(k) for recipient_id, k in kinds.items()},
        )


def normalise_message_id(value: str) -> str:
    """`<ID@Domain>` and `id@domain` compare equal: brackets and case are how clients differ, not messages."""
    return value.strip().strip("<>").strip().lower()


def domain_of(address: str) -> str:
    return parseaddr(address)[1].rpartition("@")[2].strip().lower()
