"""Which recipient and which of our letters a reply belongs to, and how sure we are. Pure: tables in, verdict out.

The rules, most trusted first:

1. `token`: our Reply-To `dialog+k7f3q2ab@…` (or `dialogk7f3q2ab@…`, where a server dropped the `+`) in To,
   Cc, Delivered-To or X-Original-To;
2. `in_reply_to`, 3. `references`: a Message-ID of a letter we sent (or our token inside one);
4. `sender`: the From address is a recipient's address;
5. `domain`: the From domain is a recipient's own domain (never a public mail service);
6. `organisation`: a recipient's organisation is named in the text (rapidfuzz).

A reply is counted automatically only when it comes from the recipient's own address: anything else (a
colleague replying with the token, a private address, a name in a signature) goes to review with the
likely organisation suggested. A reply to the digest or to an acknowledgement says so in `regarding`: it is
not a new position.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import getaddresses
from enum import StrEnum

from rapidfuzz import fuzz

from mailflow.campaign.directory import Directory, Named, Recipient, SentLetter, domain_of, normalise_message_id
from mailflow.reading.reply import ParsedReply, ReviewReason
from mailflow.sending.compose import reply_token, token_from_message_id


class MatchMethod(StrEnum):
    TOKEN = "token"
    IN_REPLY_TO = "in_reply_to"
    REFERENCES = "references"
    SENDER = "sender"
    DOMAIN = "domain"
    ORGANISATION = "organisation"


class Regarding(StrEnum):
    """What the reply answers. Only a `position` may carry stances."""

    POSITION = "position"  # an appeal, a reminder, a clarification, or nothing we can identify
    DIGEST = "digest"  # a committee member answering the weekly digest
    ACKNOWLEDGEMENT = "acknowledgement"  # "thank you" to our thank-you


@dataclass(frozen=True)
class ReplyHeaders:
    """What matching reads of a reply. `delivered_to` holds Delivered-To and X-Original-To, where the address
    the message was sent to survives when To shows only a list or Bcc hid it."""

    from_address: str | None
    from_name: str = ""
    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    delivered_to: tuple[str, ...] = ()
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    subject: str = ""
    text: str = ""

    @classmethod
    def from_parsed(cls, parsed: ParsedReply, *, headers: bytes = b"") -> ReplyHeaders:
        """From the reading stage's result; `headers` (the raw header block) adds X-Original-To."""
        return cls(
            from_address=parsed.from_address,
            from_name=parsed.from_name,
            to=parsed.to,
            cc=parsed.cc,
            delivered_to=tuple(dict.fromkeys([*parsed.delivered_to, *original_recipients(headers)])),
            in_reply_to=parsed.in_reply_to,
            references=parsed.references,
            subject=parsed.subject,
            text=parsed.content.text,
        )


@dataclass(frozen=True)
class Suggestion:
    """The organisation a person reviewing the reply most likely wants, and why."""

    recipient_id: int
    organisation: str
    method: MatchMethod
    score: float = 100.0


@dataclass(frozen=True)
class Match:
    """The verdict. `recipient_id` is set only when the reply may be counted without a person."""

    recipient_id: int | None
    letter_id: int | None
    method: MatchMethod | None
    regarding: Regarding = Regarding.POSITION
    suggestion: Suggestion | None = None
    review_reasons: tuple[ReviewReason, ...] = ()

    @property
    def needs_review(self) -> bool:
        return bool(self.review_reasons)


ORGANISATION_SCORE = 90.0  # partial_ratio of stemmed names; below this "Ассоциация" alone matches too much
ORGANISATION_MARGIN = 5.0  # over the runner-up, or two similar names would be a coin toss
_REPLY_KINDS = {"digest": Regarding.DIGEST, "acknowledgement": Regarding.ACKNOWLEDGEMENT}


def match_reply(reply: ReplyHeaders, directory: Directory) -> Match:
    """Apply the rules in order of trust (see the module docstring)."""
    letter, letter_method, letter_token = _letter(reply, directory)
    regarding = _REPLY_KINDS.get(letter.kind, Regarding.POSITION) if letter else Regarding.POSITION
    letter_id = letter.id if letter else None
    sender = directory.by_email.get((reply.from_address or "").strip().lower())
    found = _by_token(reply, directory)
    if found is None and letter_method is not None:
        by_letter = directory.by_id.get(letter.recipient_id) if letter and letter.recipient_id else None
        by_letter = by_letter or (directory.by_token.get(letter_token) if letter_token else None)
        found = (by_letter, letter_method) if by_letter else None
    if found is None and sender is not None:
        found = (sender, MatchMethod.SENDER)

    if found is None:
        if regarding is Regarding.DIGEST:
            return Match(None, letter_id, letter_method, regarding)  # the committee's own thread
        suggestion = _bydomain_of(reply, directory) or _by_organisation(reply, directory)
        reason = ReviewReason(
            "unknown_sender",
            f"{reply.from_address or 'Неизвестный отправитель'}: это не адрес получателя, а в ответе нет "
            "ни метки адреса для ответа, ни ссылки на наши письма"
            + (f"; it looks like {suggestion.organisation} ({suggestion.method.value})." if suggestion else "."),
        )
        return Match(None, letter_id, suggestion.method if suggestion else None, regarding, suggestion, (reason,))

    recipient, method = found
    reasons: list[ReviewReason] = []
    if sender is None:
        reasons.append(ReviewReason(
            "unknown_sender",
            f"Отправлено с {reply.from_address or 'неизвестного адреса'}, а не с {recipient.email}; это ответ на "
            f"письмо организации {recipient.organisation} ({method.value}).",
        ))  # fmt: skip
    elif sender.id != recipient.id:
        reasons.append(ReviewReason(
            "sender_mismatch",
            f"Отправлено с {sender.email} ({sender.organisation}), но на адрес для ответов организации "
            f"{recipient.organisation} ({method.value}).",
        ))  # fmt: skip
    if letter and letter.recipient_id not in (None, recipient.id):
        reasons.append(ReviewReason("conflicting_match", "Метка адреса и письмо, на которое отвечают, "
                                    "принадлежат разным получателям."))  # fmt: skip
    if reasons:
        suggestion = Suggestion(recipient.id, recipient.organisation, method)
        return Match(None, letter_id, method, regarding, suggestion, tuple(reasons))
    return Match(recipient.id, letter_id, method, regarding)


def _by_token(reply: ReplyHeaders, directory: Directory) -> tuple[Recipient, MatchMethod] | None:
    for address in (*reply.to, *reply.cc, *reply.delivered_to):
        token = reply_token(address, directory.own_address)
        recipient = directory.by_token.get(token) if token else None  # one look-up, not `in` and then `[]`
        if recipient is not None:
            return recipient, MatchMethod.TOKEN
    return None


def _letter(reply: ReplyHeaders, directory: Directory) -> tuple[SentLetter | None, MatchMethod | None, str | None]:
    """The letter replied to: In-Reply-To first, then References newest first (RFC 5322 §3.6.4 lists them
    oldest first). A Message-ID of ours that is not in the table still yields its token."""
    candidates = [(reply.in_reply_to, MatchMethod.IN_REPLY_TO)] if reply.in_reply_to else []
    candidates += [(ref, MatchMethod.REFERENCES) for ref in reversed(reply.references)]
    token_only: tuple[MatchMethod, str] | None = None
    for message_id, method in candidates:
        letter = directory.letters.get(normalise_message_id(message_id))
        if letter is not None:
            return letter, method, None
        token = token_from_message_id(message_id, directory.own_address)
        if token and token_only is None:
            token_only = (method, token)
    if token_only:
        return None, token_only[0], token_only[1]
    return None, None, None


def _bydomain_of(reply: ReplyHeaders, directory: Directory) -> Suggestion | None:
    candidates = directory.by_domain.get(domain_of(reply.from_address or ""), ())
    if len(candidates) == 1:
        return Suggestion(candidates[0].id, candidates[0].organisation, MatchMethod.DOMAIN)
    if candidates:  # several organisations share the domain (a ministry's departments): let the text decide
        named = _by_organisation(reply, directory, among=candidates)
        return Suggestion(named.recipient_id, named.organisation, MatchMethod.DOMAIN, named.score) if named else None
    return None


def _by_organisation(
    reply: ReplyHeaders, directory: Directory, *, among: Sequence[Recipient] | None = None
) -> Suggestion | None:
    """The organisation named in the subject, the sender's name or the text (its start and its signature)."""
    text = reply.text if len(reply.text) <= 4000 else f"{reply.text[:2000]} {reply.text[-2000:]}"
    haystack = _stems(f"{reply.subject} {reply.from_name} {text}")
    scored: dict[str, tuple[float, Recipient]] = {}
    for r in among if among is not None else directory.recipients:
        name = _stems(r.organisation)
        if len(name) < 5 or name in scored:
            continue
        scored[name] = (fuzz.partial_ratio(name, haystack), r)
    ranked = sorted(scored.values(), key=lambda item: -item[0])
    if not ranked or ranked[0][0] < ORGANISATION_SCORE:
        return None
    if len(ranked) > 1 and ranked[0][0] - ranked[1][0] < ORGANISATION_MARGIN:
        return None
    score, best = ranked[0]
    return Suggestion(best.id, best.organisation, MatchMethod.ORGANISATION, score)


_LEGAL_FORMS = re.compile(
    r"\b(?:оо|осоо|ооо|оао|зао|ао|оф|нко|ип|гп|оюл|ао|llc|ltd|inc|ngo|jsc|plc|llp|ojsc|cjsc|foundation|фонд)\b"
)
_WORD = re.compile(r"[^\W_]+")


def _stems(text: str) -> str:
    """Lowercased words cut to a crude stem, legal forms dropped: «Зелёный мир» matches "зеленого мира"."""
    folded = _LEGAL_FORMS.sub(" ", text.casefold().replace("ё", "е"))
    return " ".join(w[:5] for w in _WORD.findall(folded))  # five letters survive Russian case endings


def original_recipients(headers: bytes) -> tuple[str, ...]:
    """Addresses in X-Original-To and Delivered-To of a raw header block (Postfix and Dovecot add them)."""
    lowered = headers.lower()
    if b"x-original-to" not in lowered and b"delivered-to" not in lowered:
        return ()  # most replies: no header parse (a sixth of matching's time, issue 15)
    message = BytesHeaderParser(policy=compat32).parsebytes(headers)
    values = [str(v) for name in ("X-Original-To", "Delivered-To") for v in message.get_all(name) or []]
    return tuple(dict.fromkeys(addr.lower() for _name, addr in getaddresses(values) if "@" in addr))


# the headers `ReplyHeaders` takes addresses and Message-IDs from, each with its folded lines
_ADDRESS_HEADER = re.compile(rb"^(?:to|cc|from|delivered-to|x-original-to):(.*(?:\r?\n[ \t].*)*)", re.I | re.M)
_REFERENCE_HEADER = re.compile(rb"^(?:in-reply-to|references):(.*(?:\r?\n[ \t].*)*)", re.I | re.M)
_ADDRESS = re.compile(rb"[^\s<>()\[\],;:\"']+@[^\s<>()\[\],;:\"']+")
_ANGLED = re.compile(rb"<([^<>\s]+)>")


def named_in(headers: Iterable[bytes], own_address: str) -> Named:
    """What matching the replies with these raw header blocks will look up, for the store to read ahead: every
    address, the token of each of ours, every Message-ID. More than it asks is harmless; an address only an encoded
    word holds is missed, and looked up when asked."""
    blocks = list(headers)
    named = b" ".join(value for block in blocks for value in _ADDRESS_HEADER.findall(block))
    referred = b" ".join(value for block in blocks for value in _REFERENCE_HEADER.findall(block))
    addresses = frozenset(a.decode("ascii", "replace").lower() for a in _ADDRESS.findall(named))
    own_domain = "@" + own_address.rpartition("@")[2].lower()  # only our own addresses carry a token
    tokens = frozenset(t for a in addresses if a.endswith(own_domain) and (t := reply_token(a, own_address)))
    message_ids = frozenset(normalise_message_id(m.decode("ascii", "replace")) for m in _ANGLED.findall(referred))
    return Named(addresses, tokens, message_ids)
