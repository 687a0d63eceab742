"""The dataclasses that carry one inbound message through the reading and stance stages.

They are the contract between `mime`/`quotes`/`classify` (reading), `stances` (understanding) and
`store`/`cli` (recording and showing); `ParsedReply.to_json()` is the documented `mailflow parse` output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    """What an inbound message is; only a `reply` can carry stances."""

    REPLY = "reply"
    AUTO_REPLY = "auto_reply"
    BOUNCE = "bounce"
    OWN = "own"  # our own letter looping back (a copy, a forward to ourselves)
    FEEDBACK_REPORT = "feedback_report"  # a spam complaint or unsubscribe request (ARF, RFC 5965)
    RECEIPT = "receipt"  # delivered (RFC 3464 Action: delivered) or read (RFC 8098 MDN): neither reply nor failure
    UNREADABLE = "unreadable"


class Stance(StrEnum):
    AGREE = "agree"
    DISAGREE = "disagree"
    PARTIAL = "partial"
    ABSTAIN = "abstain"


@dataclass(frozen=True)
class ReviewReason:
    """Why a human must look: a short stable `code` and a sentence the reviewer can act on."""

    code: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


@dataclass(frozen=True)
class AttachmentText:
    """An attachment and the text extracted from it; `problem` says why there is none."""

    filename: str
    content_type: str
    size: int
    text: str = ""
    problem: str | None = None
    sha256: str = ""  # of the attachment's bytes: its text is kept in the database under it

    def to_json(self) -> dict[str, Any]:
        return {
            "filename": self.filename,
            "content_type": self.content_type,
            "size": self.size,
            "text_chars": len(self.text),
            "problem": self.problem,
        }


@dataclass(frozen=True)
class InlinePair:
    """In an inline reply, a quoted paragraph of our letter and the respondent's answer written under it."""

    quoted: str
    answer: str


@dataclass(frozen=True)
class ReplyContent:
    """Everything the respondent wrote themselves, stripped of quotes, signatures and client clutter."""

    text: str
    subject: str = ""
    language: str = "ru"
    inline_pairs: tuple[InlinePair, ...] = ()
    attachments: tuple[AttachmentText, ...] = ()


@dataclass(frozen=True)
class StanceFinding:
    """One recommendation's stance; `evidence` is the respondent's words it rests on."""

    rec_id: str
    stance: Stance
    reason: str | None = None
    evidence: str = ""
    confidence: float = 1.0

    def to_json(self) -> dict[str, Any]:
        return {
            "stance": self.stance.value,
            "reason": self.reason,
            "evidence": self.evidence,
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True)
class StanceResult:
    """What the stance stage found, and what it could not decide without a human."""

    stances: dict[str, StanceFinding] = field(default_factory=dict)
    review_reasons: tuple[ReviewReason, ...] = ()


@dataclass(frozen=True)
class ParsedReply:
    """The result of `parse_reply`: headers that matter for matching, the content, and the stances."""

    kind: Kind
    message_id: str | None = None
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    from_address: str | None = None
    from_name: str = ""
    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    delivered_to: tuple[str, ...] = ()
    subject: str = ""
    date: str | None = None
    content: ReplyContent = field(default_factory=lambda: ReplyContent(text=""))
    bounced_recipient: str | None = None  # the failed address of a bounce, the complaining one of a feedback report
    stances: dict[str, StanceFinding] = field(default_factory=dict)
    review_reasons: tuple[ReviewReason, ...] = ()
    error: str | None = None

    @property
    def needs_review(self) -> bool:
        return self.kind in (Kind.REPLY, Kind.UNREADABLE) and bool(self.review_reasons)

    def to_json(self) -> dict[str, Any]:
        """The `mailflow parse` object (without `file`, which only the CLI knows)."""
        data: dict[str, Any] = {
            "kind": self.kind.value,
            "message_id": self.message_id,
            "in_reply_to": self.in_reply_to,
            "from": self.from_address,
            "subject": self.subject,
            "language": self.content.language,
            "text": self.content.text,
            "attachments": [a.to_json() for a in self.content.attachments],
            "bounced_recipient": self.bounced_recipient,
            "needs_review": self.needs_review,
            "review_reasons": [r.to_json() for r in self.review_reasons],
            "stances": {rec_id: f.to_json() for rec_id, f in sorted(self.stances.items(), key=_id_key)},
        }
        if self.error is not None:
            data["error"] = self.error
        return data


def _id_key(item: tuple[str, StanceFinding]) -> tuple[int, ...]:
    return tuple(int(part) for part in item[0].split("."))
