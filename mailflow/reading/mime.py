"""MIME reading: the message tree, decoded headers, the body parts and the attachments of one message.

mail-parser builds the tree (it survives broken boundaries and headers that the stdlib alone chokes on);
bodies and headers are decoded here because Russian mail often carries 8-bit windows-1251 or KOI8-R
with no charset, or a wrong one, and mail-parser would turn those into replacement characters.
"""

from __future__ import annotations

import codecs
import email
import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from email.errors import HeaderParseError
from email.header import decode_header
from email.message import Message
from email.utils import getaddresses

import mailparser

from mailflow.errors import UnreadableMessage


@dataclass(frozen=True)
class ParseLimits:
    """Bounds that keep one hostile or huge message from stalling a run; all sizes in bytes or chars."""

    max_message_bytes: int = 30_000_000
    max_attachment_bytes: int = 10_000_000
    max_html_chars: int = 2_000_000
    max_text_chars: int = 500_000
    max_pdf_pages: int = 100
    # a DOCX's XML as unpacked (counted, never as declared): 4 MB is a 1,000-page letter, read in under a second
    max_docx_xml_bytes: int = 4_000_000
    # the MIME parser's time grows with the parts and, faster, with their nesting: a thousand levels took 5 s
    max_mime_parts: int = 1_000
    max_multiparts: int = 200


@dataclass(frozen=True)
class Part:
    """A leaf of the MIME tree that is not the message body: a file, an image, an attached message."""

    content_type: str
    filename: str
    payload: bytes
    charset: str | None = None
    disposition: str | None = None
    content_id: str | None = None


@dataclass(frozen=True, eq=False)
class MimeMessage:
    """One message read from bytes; `message` is kept for the header and DSN checks of `classify`."""

    message: Message
    subject: str
    message_id: str | None
    in_reply_to: str | None
    references: tuple[str, ...]
    from_address: str | None
    from_name: str
    to: tuple[str, ...]
    cc: tuple[str, ...]
    delivered_to: tuple[str, ...]
    date: str | None
    plain: str | None
    html: str | None
    attachments: tuple[Part, ...]
    fields: Mapping[str, Sequence[object]] = field(repr=False)  # `header_fields(message)`

    def header(self, name: str) -> str:
        """A header's decoded value, "" when absent (several occurrences are joined with ", ")."""
        return ", ".join(decode_header_value(_raw(v)) for v in self.fields.get(name.lower(), ()))


def header_fields(message: Message) -> dict[str, list[object]]:
    """Every header's values by lower-cased name, in order, as `Message.get_all` gives them: one pass over
    the header block, where each `get_all` is a pass of its own (`classify` asks for a dozen names)."""
    fields: dict[str, list[object]] = {}
    for name, value in message.items():
        fields.setdefault(name.lower(), []).append(value)
    return fields


def read_mime(raw: bytes, limits: ParseLimits) -> MimeMessage:
    """Parse `raw`; raise `UnreadableMessage` when it is not mail at all (no headers, too big)."""
    if len(raw) > limits.max_message_bytes:
        raise UnreadableMessage(f"message of {len(raw)} bytes is over the {limits.max_message_bytes} limit")
    if not raw.strip():
        raise UnreadableMessage("the message is empty")
    _check_structure(raw, limits)
    message: Message | None = None
    # a header block no letter needs goes to the stdlib parser alone, and its headers are decoded (capped) here
    if _head_length(raw) <= _MAILPARSER_HEAD_BYTES:
        try:
            message = _Tree.from_bytes(raw).message
        except Exception:  # nesting too deep for mail-parser's guard: the stdlib's tree is the same one
            message = None
    if message is None:  # the stdlib's tree is enough
        message = email.message_from_bytes(raw)
    if message is None or len(message.keys()) == 0:
        raise UnreadableMessage("no mail headers found")
    plain: list[str] = []
    html: list[str] = []
    attachments: list[Part] = []
    _collect(message, plain, html, attachments)
    fields = header_fields(message)
    from_name, from_address = _first_address(fields, "from")
    return MimeMessage(
        message=message,
        subject=_header(fields, "subject"),
        message_id=_msg_id(_header(fields, "message-id")),
        in_reply_to=_msg_id(_header(fields, "in-reply-to")),
        references=tuple(re.findall(r"<[^<>\s]+>", _header(fields, "references"))),
        from_address=from_address,
        from_name=from_name,
        to=_addresses(fields, "to"),
        cc=_addresses(fields, "cc"),
        delivered_to=_addresses(fields, "delivered-to"),
        date=_header(fields, "date") or None,
        plain="\n".join(plain) if plain else None,
        html="\n".join(html) if html else None,
        attachments=tuple(attachments),
        fields=fields,
    )


class _Tree(mailparser.MailParser):  # type: ignore[misc]  # mail-parser is untyped
    """mail-parser's tree of the message (`from_bytes`) without the extraction it runs on it at once.

    `MailParser.parse` reads every address, date, Received chain, body and attachment into its own
    structures, by its own charset rules, and is three quarters of mail-parser's time; `read_mime` reads
    the tree itself and never looked at those (the tree is the same with or without them: checked on 1,057
    messages of the corpora). mail-parser's eager decoding was also what tripped on hostile charsets and
    was quadratic in a header's encoded-words.
    """

    def parse(self) -> _Tree:
        return self


_MAILPARSER_HEAD_BYTES = 32_768
_HEADER_CHARS = 4_000  # a Subject, From or file name longer than this is cut before it is decoded


def _head_length(raw: bytes) -> int:
    """Where the first blank line is, CRLF or bare LF: one search for either (a message without one kind was
    scanned to its end for it)."""
    blank = _BLANK_LINE.search(raw)
    return blank.start() if blank else len(raw)


_BLANK_LINE = re.compile(rb"\r\n\r\n|\n\n")


# Both are searched for by their literal start, which the regex engine finds at memchr speed; a pattern
# that opens with `^` or is case-insensitive is tried at every byte (a quarter of mail-parser's time)
_BOUNDARY = re.compile(rb'boundary\s*=\s*(?:"([^"\r\n]*)"|([^;\s]+))')  # on the lower-cased bytes
_DELIMITER = re.compile(rb"\n--([^\r\n]*)")
_FIRST_DELIMITER = re.compile(rb"--([^\r\n]*)")


def _check_structure(raw: bytes, limits: ParseLimits) -> None:
    """Refuse, before parsing, a message with more multipart containers or parts than any letter has: one
    linear scan for the boundaries it declares and the delimiter lines that use them (RFC 2046 §5.1.1)."""
    boundaries = _boundaries(raw)
    if len(boundaries) > limits.max_multiparts:
        raise UnreadableMessage(f"over {limits.max_multiparts} multipart containers")
    if not boundaries:
        return
    parts = 0
    first = _FIRST_DELIMITER.match(raw)
    for match in itertools.chain((first,) if first else (), _DELIMITER.finditer(raw)):
        line = match.group(1).rstrip()
        if line in boundaries or line.removesuffix(b"--") in boundaries:
            parts += 1
            if parts > limits.max_mime_parts:
                raise UnreadableMessage(f"over {limits.max_mime_parts} MIME parts")


def _boundaries(raw: bytes) -> set[bytes]:
    """The boundary values declared anywhere: the parameter's name is case-insensitive and its value is
    not, so the name is found in a lower-cased copy (`bytes.lower` changes only A-Z: same offsets) and the
    value taken from the original."""
    found = set()
    for match in _BOUNDARY.finditer(raw.lower()):
        group = 1 if match.start(1) >= 0 else 2
        found.add(raw[match.start(group) : match.end(group)])
    return found


def _collect(part: Message, plain: list[str], html: list[str], attachments: list[Part]) -> None:
    """Sort the leaves into body text and attachments, without entering attached messages (RFC 2046 §5.2.1)."""
    ctype = part.get_content_type()
    if part.is_multipart() and ctype != "message/rfc822":
        for child in part.get_payload():
            if isinstance(child, Message):
                _collect(child, plain, html, attachments)
        return
    disposition = part.get_content_disposition()
    filename = decode_header_value(_raw(part.get_filename() or ""))
    is_body = disposition != "attachment" and not filename and ctype in ("text/plain", "text/html")
    if not is_body:
        if ctype in ("message/delivery-status", "message/disposition-notification", "text/rfc822-headers"):
            return  # report parts: read by classify from `message`, not files the respondent sent
        attachments.append(
            Part(
                content_type=ctype,
                filename=filename,
                payload=_payload(part, ctype),
                charset=part.get_content_charset(),
                disposition=disposition,
                content_id=part.get("Content-ID"),
            )
        )
        return
    payload = _payload(part, ctype)
    declared = part.get_content_charset()
    if ctype == "text/html" and declared is None:
        meta = re.search(rb"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", payload[:4096])
        declared = meta.group(1).decode("ascii") if meta else None
    text = decode_bytes(payload, declared)
    if ctype == "text/html":
        html.append(text)
    elif str(part.get_param("format") or "").lower() == "flowed":
        plain.append(unflow(text, delsp=str(part.get_param("delsp") or "").lower() == "yes"))
    else:
        plain.append(text)


def _payload(part: Message, ctype: str) -> bytes:
    """The decoded body of a leaf whose content type is `ctype` (an attached message: its bytes)."""
    if ctype == "message/rfc822":
        inner = part.get_payload()
        if isinstance(inner, list) and inner and isinstance(inner[0], Message):
            return inner[0].as_bytes()
    data = part.get_payload(decode=True)
    return data if isinstance(data, bytes) else b""


def unflow(text: str, *, delsp: bool = False) -> str:
    """Undo RFC 3676 format=flowed: a line ending in a space continues on the next line of the same quote
    depth (Thunderbird and Apple Mail wrap at 72 columns this way), so sentences come back whole."""
    out: list[str] = []
    pending: str | None = None
    pending_depth = 0
    for line in text.replace("\r\n", "\n").split("\n"):
        depth = len(line) - len(line.lstrip(">"))
        content = line[depth:]
        if content.startswith(" "):
            content = content[1:]  # §4.4 space-stuffing
        soft = content.endswith(" ") and content != "-- "  # §4.3: the signature separator is never flowed
        if soft and delsp:
            content = content[:-1]
        if pending is not None and depth != pending_depth:
            out.append(_quoted(pending_depth, pending))
            pending = None
        pending = content if pending is None else pending + content
        pending_depth = depth
        if not soft:
            out.append(_quoted(depth, pending))
            pending = None
    if pending is not None:
        out.append(_quoted(pending_depth, pending))
    return "\n".join(out)


def _quoted(depth: int, content: str) -> str:
    return f"{'>' * depth} {content}" if depth else content


# --- charsets ----------------------------------------------------------------------------------------

_SINGLE_BYTE = {"ascii", "iso8859-1", "cp1252", "cp1251", "koi8-r", "koi8-u", "iso8859-5", "cp866"}
_ASCII = bytes(range(128))
_HIGH_RUN = re.compile(rb"[\x80-\xff]{3,}")
_RU_LOWER = re.compile("[а-яё]")
_SAMPLE = 65_536


def _not_russian_lowercase(codec: str) -> bytes:
    """The bytes that `codec`, a single-byte charset, decodes to anything but a lowercase Russian letter."""
    return bytes(b for b in range(256) if not _RU_LOWER.fullmatch(bytes([b]).decode(codec, "replace")))


# Each byte of a single-byte charset is one character, so the lowercase Russian letters of the sample read in
# either are counted on its bytes, without decoding it twice and listing every letter found
_NOT_RU_LOWER = {codec: _not_russian_lowercase(codec) for codec in ("cp1251", "koi8-r")}


def decode_bytes(data: bytes, declared: str | None) -> str:
    """Text from bytes by the declared charset, or by detection where it is missing or plainly wrong.

    Valid UTF-8 is never an accident, so it wins over a single-byte label; 8-bit text whose high bytes
    come in runs (whole Cyrillic words) is read as windows-1251 or KOI8-R, whichever yields more
    lowercase Russian letters, as lowercase dominates running text in either.
    """
    if data.isascii():
        return data.decode("ascii")
    codec = _codec(declared)
    if codec is not None and codec not in _SINGLE_BYTE:
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            pass  # a wrong multi-byte label: fall through to detection
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    sample = data[:_SAMPLE]
    high = len(sample.translate(None, _ASCII))
    in_runs = sum(len(run) for run in _HIGH_RUN.findall(sample))
    if in_runs >= 0.6 * high:
        scores = {name: len(sample.translate(None, others)) for name, others in _NOT_RU_LOWER.items()}
        best = max(scores, key=lambda name: scores[name])
        if codec in ("cp1251", "koi8-r", "koi8-u") and scores.get(codec, 0) * 2 >= scores[best]:
            best = codec
        return data.decode(best, "replace")
    return data.decode(codec if codec not in (None, "ascii") else "cp1252", "replace")


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None


# --- headers -----------------------------------------------------------------------------------------


def decode_header_value(value: str) -> str:
    """A header as text: RFC 2047 words decoded, raw 8-bit bytes detected like a body, folding undone."""
    if not value:
        return ""
    value = value[:_HEADER_CHARS]  # email.header.decode_header is quadratic in the encoded-words
    if not value.isascii():
        value = decode_bytes(value.encode("utf-8", "surrogateescape"), None)
    try:
        chunks = decode_header(value)
    except (HeaderParseError, ValueError, IndexError):  # a broken encoded word: show it as written
        return " ".join(value.split())
    text = "".join(chunk if isinstance(chunk, str) else decode_bytes(chunk, charset) for chunk, charset in chunks)
    return " ".join(text.split())


def _raw(value: object) -> str:
    """compat32 hands back a `Header` for 8-bit values; its undecoded form is what we detect from."""
    if isinstance(value, str):
        return value
    chunks = getattr(value, "_chunks", None)
    if chunks:
        return "".join(str(chunk) for chunk, _charset in chunks)
    return str(value)


def _header(fields: Mapping[str, Sequence[object]], name: str) -> str:
    """The first occurrence decoded, as `Message.get` finds it; `name` in lower case."""
    values = fields.get(name)
    return decode_header_value(_raw(values[0])) if values else ""


def _msg_id(value: str) -> str | None:
    match = re.search(r"<[^<>\s]+>", value)
    return match.group(0) if match else (value.strip() or None)


def _addresses(fields: Mapping[str, Sequence[object]], name: str) -> tuple[str, ...]:
    values = [_raw(v)[: _HEADER_CHARS * 5] for v in fields.get(name, ())]
    if not values:
        return ()  # (most mail has no Cc or Delivered-To, and `getaddresses` parses even an empty list)
    return tuple(addr.lower() for _name, addr in getaddresses(values) if "@" in addr)


def _first_address(fields: Mapping[str, Sequence[object]], name: str) -> tuple[str, str | None]:
    values = [_raw(v)[:_HEADER_CHARS] for v in fields.get(name, ())]
    for display, addr in getaddresses(values):
        if "@" in addr:
            return decode_header_value(display), addr.lower()
    return "", None
