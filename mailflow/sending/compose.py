"""Letters from templates: the committee's texts in `templates/emails/`, rendered into one MIME message each.

Pure: the caller passes the template environment, the Message-ID and the time, so the same inputs always
give the same bytes and a template mistake surfaces as `TemplateError` at preview time, before anything is
queued. The token helpers at the bottom are the other half of reply routing: the worker uses them to match
a reply that lost its headers or came from another address.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, parseaddr
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import jinja2.filters

from mailflow.campaign.letter import Audience, Campaign, Recommendation
from mailflow.errors import TemplateError
from mailflow.settings import SenderSettings, shipped

LANGUAGES = ("ru", "ky", "en")
DEFAULT_LANGUAGE = "ru"
SHIPPED_TEMPLATES = shipped("templates/emails")
# RFC 5322 headers are ASCII; `7bit` makes the encoder pick the shorter of quoted-printable and base64
# for each part (base64 for Cyrillic, quoted-printable for English) instead of 8bit, which needs 8BITMIME
_POLICY = policy.SMTP.clone(cte_type="7bit")
_TOKEN = re.compile(r"^[a-z0-9]{4,32}$")
_NO_TOKEN = "committee"  # in the Message-ID of a letter to the committee itself (the digest)


class LetterKind(StrEnum):
    APPEAL = "appeal"
    REMINDER = "reminder"
    ACKNOWLEDGEMENT = "acknowledgement"
    CLARIFICATION = "clarification"
    DIGEST = "digest"

    @property
    def automated(self) -> bool:
        """RFC 3834 §5: everything but the appeal is sent by a program, so autoresponders stay quiet."""
        return self is not LetterKind.APPEAL

    @property
    def unsubscribable(self) -> bool:
        """Repeated mailings (reminders, the weekly digest) carry List-Unsubscribe (RFC 2369)."""
        return self in (LetterKind.REMINDER, LetterKind.DIGEST)


@dataclass(frozen=True)
class Addressee:
    """Who a letter goes to. `sector` is None for the committee's own digest; `token` routes replies."""

    email: str
    organisation: str = ""
    contact: str = ""
    sector: Audience | None = None
    language: str = DEFAULT_LANGUAGE
    token: str = ""


@dataclass(frozen=True)
class PanelView:
    """A panel with only the recommendations addressed to this recipient, IDs as in the campaign."""

    number: int
    title: str
    recommendations: tuple[Recommendation, ...]


@dataclass(frozen=True)
class ComposedLetter:
    to: str
    subject: str
    message_id: str
    raw: bytes


def template_environment(directory: Path) -> jinja2.Environment:
    """The Jinja2 environment over `directory`: strict (a typo is an error, not an empty string), and
    autoescaping every `.html.j2` template so an organisation's name cannot break the HTML. Its `wordwrap`
    remembers what it wrapped: every letter of a mailing wraps the same recommendations."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(directory),
        undefined=jinja2.StrictUndefined,
        autoescape=lambda name: name is not None and name.endswith(".html.j2"),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["wordwrap"] = _wordwrap
    return env


@jinja2.pass_environment
def _wordwrap(
    environment: jinja2.Environment,
    s: str,
    width: int = 79,
    break_long_words: bool = True,
    wrapstring: str | None = None,
    break_on_hyphens: bool = True,
) -> str:
    """Jinja's `wordwrap`, cached: textwrap took 40% of rendering an appeal (issue 15), for the same ~25
    recommendation texts in every letter. The value's type is part of the key (Markup is not plain text)."""
    wrap = environment.newline_sequence if wrapstring is None else wrapstring
    return _wrapped(type(s), s, width, break_long_words, wrap, break_on_hyphens)


@lru_cache(maxsize=4096)
def _wrapped(kind: type, s: str, width: int, break_long_words: bool, wrap: str, break_on_hyphens: bool) -> str:
    return jinja2.filters.do_wordwrap(_PLAIN, s, width, break_long_words, wrap, break_on_hyphens)


_PLAIN = jinja2.Environment()  # do_wordwrap reads only newline_sequence from it, and the wrapstring is given


def templates_dir(root: Path) -> Path:
    """The project's own `templates/emails` when the committee has one, else the texts shipped with mailflow."""
    own = root / "templates" / "emails"
    return own if own.is_dir() else SHIPPED_TEMPLATES


def new_message_id(kind: LetterKind, token: str, sender_address: str) -> str:
    """`<appeal.k7f3q2ab.9c1e…@committee.example>`: on our own domain, so a looped-back copy is recognisable
    (`is_own_message_id`), with kind and token readable for a person looking at headers."""
    domain = sender_address.rpartition("@")[2].lower()
    return f"<{kind.value}.{token or _NO_TOKEN}.{secrets.token_hex(8)}@{domain}>"


def panels_for(campaign: Campaign, sector: Audience | None) -> tuple[PanelView, ...]:
    """The campaign's panels with the recipient's recommendations; panels left empty are dropped."""
    recs = campaign.recommendations if sector is None else campaign.for_audience(sector)
    views = []
    for panel in campaign.panels:
        own = tuple(r for r in recs if r.panel == panel.number)
        if own:
            views.append(PanelView(panel.number, panel.title, own))
    return tuple(views)


def reply_address(sender: SenderSettings, token: str) -> str:
    """`committee+token@domain` (RFC 5233 subaddress) when plus tokens are on and there is a token."""
    if not (sender.reply_plus_tokens and token):
        return sender.address
    local, _, domain = sender.address.rpartition("@")
    return f"{local}+{token}@{domain}"


def _render_one(env: jinja2.Environment, candidates: list[str], context: Mapping[str, Any]) -> str:
    try:
        template = env.select_template(candidates)
        return template.render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{exc.name or candidates[0]}:{exc.lineno}", exc.message or str(exc)) from exc
    except jinja2.TemplatesNotFound as exc:
        raise TemplateError(" or ".join(candidates), "no such template") from exc
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError) as exc:
        raise TemplateError(template.name or candidates[0], str(exc)) from exc


def render(
    env: jinja2.Environment, kind: LetterKind, language: str, context: Mapping[str, Any]
) -> tuple[str, str, str]:
    """(subject, text, html) of one letter, in the recipient's language or else Russian.

    The text template's first line is `Subject: …`, so the committee edits the subject where they edit
    the letter."""
    languages = dict.fromkeys((language, DEFAULT_LANGUAGE))
    text = _render_one(env, [f"{lang}/{kind.value}.txt.j2" for lang in languages], context)
    html = _render_one(env, [f"{lang}/{kind.value}.html.j2" for lang in languages], context)
    first, _, body = text.partition("\n")
    if not first.startswith("Subject:"):
        raise TemplateError(f"{language}/{kind.value}.txt.j2", "the first line must be `Subject: …`")
    return first.removeprefix("Subject:").strip(), body.lstrip("\n"), html


def compose_letter(
    env: jinja2.Environment,
    kind: LetterKind,
    campaign: Campaign,
    to: Addressee,
    sender: SenderSettings,
    context: Mapping[str, Any],
    *,
    message_id: str,
    now: datetime,
) -> ComposedLetter:
    """One letter as the bytes that will be sent: multipart/alternative, text first (RFC 2046 §5.1.4:
    the last part is the preferred one), both UTF-8."""
    if now.tzinfo is None:
        raise ValueError("compose_letter needs an aware datetime for the Date header")
    language = to.language if to.language in LANGUAGES else DEFAULT_LANGUAGE
    reply_to = reply_address(sender, to.token)
    values = {
        "kind": kind.value,
        "campaign": campaign,
        "letter": campaign.letter,
        "recipient": to,
        "panels": panels_for(campaign, to.sector),
        "event_url": campaign.event_url,
        "sender_name": sender.name,
        "sender_address": sender.address,
        "reply_to": reply_to,
        **context,
    }
    subject, text, html = render(env, kind, language, values)

    headers = [
        ("Reply-To", reply_to),
        ("Date", format_datetime(now)),
        ("Message-ID", message_id),
        # Exchange/Outlook: no out-of-office or read receipts back to us
        ("X-Auto-Response-Suppress", "All"),
        # our loop marker: a letter carrying it that reaches our own mailbox is ours, not a reply
        ("X-Mailflow-Loop", sender.address),
    ]
    if kind.automated:
        headers.append(("Auto-Submitted", "auto-generated"))  # RFC 3834 §5
    if kind.unsubscribable:
        headers.append(("List-Unsubscribe", f"<mailto:{sender.address}?subject=unsubscribe>"))
    headers = [(name, header_text(value)) for name, value in headers]
    subject = header_text(subject)
    head = (
        _header("From", _mailbox(sender.name, sender.address))
        + _header("To", _mailbox(to.contact or to.organisation, to.email))
        + _header("Subject", _phrase(subject))
    )
    body = _alternative(headers, text, html, header_text(language), message_id)
    return ComposedLetter(to=to.email, subject=subject, message_id=message_id, raw=head + body)


def _alternative(headers: list[tuple[str, str]], text: str, html: str, language: str, message_id: str) -> bytes:
    """The rest of the header and the multipart/alternative body, written out directly: the email package took
    1.5 of the 1.7 ms an acknowledgement costs to compose (issue 15: the worker queues one per reply). Headers
    that are not short ASCII lines (only a sender's odd settings make one) go through the email package."""
    if any(not value.isascii() or len(name) + len(value) > 76 for name, value in (*headers, ("", language))):
        return _alternative_by_email_package(headers, text, html, language)
    # "=_" cannot occur in base64 or quoted-printable text (RFC 2045 §6.7); from the Message-ID, so the same
    # inputs give the same bytes
    boundary = "=_" + hashlib.sha256(message_id.encode()).hexdigest()[:32]
    lines = [f"{name}: {value}" for name, value in headers]
    lines += ["MIME-Version: 1.0", "Content-Type: multipart/alternative;", f' boundary="{boundary}"']
    lines += [f"Content-Language: {language}", ""]
    for subtype, content in (("plain", text), ("html", html)):
        encoding, encoded = _body(content)
        lines += [f"--{boundary}", f'Content-Type: text/{subtype}; charset="utf-8"']
        lines += [f"Content-Transfer-Encoding: {encoding}", "", encoded]
    lines += [f"--{boundary}--", ""]
    return "\r\n".join(lines).encode("ascii")


def _body(content: str) -> tuple[str, str]:
    """A part in canonical form (CRLF line ends, RFC 2046 §4.1.1): as it is when it is short ASCII lines (English
    letters stay readable), else base64 in 76-character lines (RFC 2045 §6.8)."""
    lines = content.splitlines()
    if content.isascii() and all(len(line) <= 78 and not line.startswith("--=_") for line in lines):
        return "7bit", "\r\n".join(lines) + "\r\n"  # the last line's end: the boundary's CRLF is its own
    return "base64", _base64_lines(("\r\n".join(lines) + "\r\n").encode("utf-8"))


def _base64_lines(data: bytes) -> str:
    """`data` in base64, 76 characters a line, CRLF between lines: encoded at once and cut, which is what
    `base64.encodebytes` writes (57 bytes make 76 characters), in half its time (it encodes in a loop of 57-byte
    pieces: 0.1 ms of the 0.4 ms an appeal took to compose, issue 15)."""
    encoded = binascii.b2a_base64(data, newline=False)
    return b"\r\n".join([encoded[i : i + 76] for i in range(0, len(encoded), 76)]).decode("ascii")


def _alternative_by_email_package(headers: list[tuple[str, str]], text: str, html: str, language: str) -> bytes:
    message = EmailMessage(policy=_POLICY)
    for name, value in headers:
        message[name] = value
    message.set_content(text, subtype="plain", charset="utf-8")
    message.add_alternative(html, subtype="html", charset="utf-8")
    message["Content-Language"] = language  # after the parts: set_content moves Content-* into them
    return message.as_bytes()


# RFC 5322 §2.2: a field body is printable characters and white space. A CR or LF in a value would end the
# field there and start another (a name "Evil\r\nReply-To: attacker@…" becomes a second Reply-To, one with
# "\nBcc: …" a hidden copy), so every header value of a letter goes through `header_text`.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def header_text(value: str) -> str:
    """A header value on one line: CR, LF and every other control character folded into a space."""
    return " ".join(_CONTROL.sub(" ", value).split())


# CPython's header folder (3.11) drops the space where it splits a Cyrillic subject between encoded-words
# («по итогам|диалога» arrives as «итогамдиалога»), so From, To and Subject are encoded here: each
# encoded-word ends after a space and holds at most 45 bytes, keeping it within RFC 2047 §2's 75 characters.
_EW_BYTES = 45


def _phrase(text: str) -> list[str]:
    """`text` as header tokens: itself if ASCII, else RFC 2047 encoded-words cut after spaces."""
    if text.isascii():
        return text.split(" ")
    words: list[str] = []
    chunk = ""
    for token in re.split(r"(?<= )", text):
        while len(token.encode()) > _EW_BYTES:  # a very long word: cut between characters
            cut = len(token)
            while len(token[:cut].encode()) > _EW_BYTES:
                cut -= 1
            words, chunk = _flush(words, chunk), token[:cut]
            words, chunk = _flush(words, chunk), ""
            token = token[cut:]
        if len((chunk + token).encode()) > _EW_BYTES:
            words, chunk = _flush(words, chunk), ""
        chunk += token
    return _flush(words, chunk)


def _flush(words: list[str], chunk: str) -> list[str]:
    if chunk:
        words.append(f"=?utf-8?b?{base64.b64encode(chunk.encode()).decode('ascii')}?=")
    return words


def _mailbox(name: str, address: str) -> list[str]:
    name, address = header_text(name), header_text(address)
    if not name:
        return [address]
    if name.isascii():
        return [formataddr((name, address))]
    return [*_phrase(name), f"<{address}>"]


def _header(name: str, tokens: list[str]) -> bytes:
    """One header field folded at 78 characters where possible (RFC 5322 §2.2.3)."""
    lines = [f"{name}:"]
    for token in tokens:
        if len(lines[-1]) + 1 + len(token) > 78 and lines[-1] != f"{name}:":
            lines.append("")
        lines[-1] += f" {token}"
    return ("\r\n".join(lines) + "\r\n").encode("ascii")


def sample_context(kind: LetterKind, campaign: Campaign) -> dict[str, Any]:
    """Made-up content for the kinds whose real context comes from later stages, so `mailflow preview`
    can show and check every template before a real acknowledgement or digest exists."""
    recs = campaign.recommendations
    if kind is LetterKind.ACKNOWLEDGEMENT:
        answers = [
            {"id": r.id, "text": r.text, "stance": stance, "reason": reason}
            for r, stance, reason in zip(
                recs[:3], ("agree", "disagree", "partial"), ("", "(пример) нет ресурсов", ""), strict=False
            )
        ]
        return {"answers": answers}
    if kind is LetterKind.CLARIFICATION:
        return {
            "question": "(пример) Уточните, пожалуйста: вы согласны с рекомендацией 4.3 полностью или частично?",
            "excerpt": "(пример) по 4.3 — посмотрим",
        }
    if kind is LetterKind.DIGEST:
        return {"period": "(пример) неделя", "lines": ["(пример) получено ответов: 0"], "web_url": ""}
    return {}


def reply_token(address: str, sender_address: str) -> str | None:
    """The recipient token in an address we handed out as Reply-To, or None.

    Accepts `committee+k7f3q2ab@org.kg` and, because some servers drop the `+` (and some lowercase the
    local part), `committeek7f3q2ab@org.kg`; a display name and angle brackets are ignored.
    """
    _, addr = parseaddr(address)
    local, _, domain = addr.strip().lower().rpartition("@")
    own_local, _, own_domain = sender_address.strip().lower().rpartition("@")
    if not local or domain != own_domain or not local.startswith(own_local):
        return None
    rest = local[len(own_local) :].removeprefix("+")
    return rest if _TOKEN.match(rest) else None


def is_own_message_id(message_id: str, sender_address: str) -> bool:
    """Whether a Message-ID (or an In-Reply-To/References entry) was made by `new_message_id`."""
    domain = sender_address.rpartition("@")[2].lower()
    value = message_id.strip().strip("<>").lower()
    head, _, right = value.rpartition("@")
    return right == domain and head.split(".", 1)[0] in {k.value for k in LetterKind}


def token_from_message_id(message_id: str, sender_address: str) -> str | None:
    """The recipient token inside one of our Message-IDs (what a reply's In-Reply-To points at)."""
    if not is_own_message_id(message_id, sender_address):
        return None
    parts = message_id.strip().strip("<>").lower().rpartition("@")[0].split(".")
    found = parts[1] if len(parts) == 3 else ""
    return found if _TOKEN.match(found) and found != _NO_TOKEN else None
