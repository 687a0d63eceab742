"""The lifecycles of an outgoing letter and of an inbound message, with every allowed transition in one place.

A status change that is not listed here is a bug (a letter going from `sent` back to `queued` would send it
twice), so stores call `advance`, which refuses it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from mailflow.errors import MailflowError


class LetterStatus(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"  # handed to SMTP; if we crash here the server may or may not have it
    SENT = "sent"
    FAILED = "failed"  # permanent: a 5xx, or retries exhausted
    BOUNCED = "bounced"  # accepted, then a delivery-status notification came back
    UNCERTAIN = "uncertain"  # cut off mid-send: shown to the secretary, never resent blindly


class MessageStatus(StrEnum):
    RECEIVED = "received"
    STORED = "stored"  # raw bytes and row committed: from here nothing can be lost
    PARSED = "parsed"
    RECORDED = "recorded"
    FLAGGED = "flagged"
    FAILED = "failed"  # processing raised; quarantined until `mailflow reprocess`


LETTER_TRANSITIONS: dict[LetterStatus, frozenset[LetterStatus]] = {
    LetterStatus.QUEUED: frozenset({LetterStatus.SENDING, LetterStatus.FAILED}),
    LetterStatus.SENDING: frozenset(
        {LetterStatus.SENT, LetterStatus.QUEUED, LetterStatus.FAILED, LetterStatus.UNCERTAIN}
    ),
    LetterStatus.SENT: frozenset({LetterStatus.BOUNCED}),
    LetterStatus.FAILED: frozenset({LetterStatus.QUEUED}),  # only when a person asks
    LetterStatus.UNCERTAIN: frozenset({LetterStatus.SENT, LetterStatus.QUEUED}),  # a person decides
    LetterStatus.BOUNCED: frozenset(),
}

MESSAGE_TRANSITIONS: dict[MessageStatus, frozenset[MessageStatus]] = {
    MessageStatus.RECEIVED: frozenset({MessageStatus.STORED}),
    MessageStatus.STORED: frozenset({MessageStatus.PARSED, MessageStatus.FAILED}),
    MessageStatus.PARSED: frozenset({MessageStatus.RECORDED, MessageStatus.FLAGGED, MessageStatus.FAILED}),
    MessageStatus.RECORDED: frozenset({MessageStatus.STORED}),  # reprocess after a fix
    MessageStatus.FLAGGED: frozenset({MessageStatus.RECORDED, MessageStatus.STORED}),
    MessageStatus.FAILED: frozenset({MessageStatus.STORED}),
}


class TransitionError(MailflowError):
    """A status change the lifecycle does not allow; `current` and `target` name the two statuses."""

    def __init__(self, what: str, current: str, target: str) -> None:
        super().__init__(f"{what}: cannot go from {current} to {target}")
        self.current = current
        self.target = target


S = TypeVar("S", LetterStatus, MessageStatus)


def advance(current: S, target: S) -> S:
    """Return `target` if the lifecycle allows the step from `current`, else raise TransitionError."""
    table: dict[S, frozenset[S]] = LETTER_TRANSITIONS if isinstance(current, LetterStatus) else MESSAGE_TRANSITIONS
    if target not in table[current]:
        raise TransitionError(type(current).__name__, current.value, target.value)
    return target
