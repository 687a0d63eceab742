"""Text from the files a respondent attaches: DOCX, PDF with a text layer, plain text, forwarded mail.

Many organisations answer with a signed letter attached, so the attachment can be the whole answer. What
cannot be read (a scan, a photo, an old .doc, a file over the size limit) is recorded with its `problem`
and a review reason, never dropped. Nothing is executed and nothing is written: the bytes are read in
memory. A DOCX is unpacked by us, a chunk at a time with the bytes counted (a zip's own size fields are the
attacker's to write), and python-docx only ever opens the XML we counted, repacked; its images and embedded
files are never unpacked. Extracted text is cut at `ParseLimits.max_text_chars` and the cut is flagged.
"""

from __future__ import annotations

import hashlib
import io
import logging
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from mailflow.reading.htmltext import html_to_text
from mailflow.reading.mime import ParseLimits, Part, decode_bytes, read_mime
from mailflow.reading.reply import AttachmentText, ReviewReason

logger = logging.getLogger(__name__)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_DOCX_MAX_PARTS = 2_000  # a long letter with pictures has a few dozen
_UNPACK_CHUNK = 65_536


@dataclass(frozen=True)
class ReadAttachment:
    """An attachment's text, and the reason a human must look at it when there is none."""

    attachment: AttachmentText
    review: ReviewReason | None = None


_DECORATION_TYPES = frozenset(
    {
        "application/pkcs7-signature",  # S/MIME (smime.p7s), common in government mail
        "application/x-pkcs7-signature",
        "application/pgp-signature",
        "application/pgp-keys",
        "text/vcard",
        "text/x-vcard",
        "text/directory",
    }
)


def is_decoration(part: Part) -> bool:
    """Parts that never carry an answer: inline logos referenced by Content-ID, signatures, business cards."""
    if part.content_type in _DECORATION_TYPES:
        return True
    return part.content_type.startswith("image/") and part.content_id is not None and part.disposition != "attachment"


def read_attachment(part: Part, limits: ParseLimits) -> ReadAttachment:
    """Extract the text of one attachment (up to the text limit), or say why it could not be read."""
    name = part.filename or "(unnamed)"
    size = len(part.payload)
    if size > limits.max_attachment_bytes:
        return _too_large(part, f"over the {limits.max_attachment_bytes} byte limit")
    kind = _kind(part)
    try:
        if kind == "docx":
            package = _docx_package(part.payload, limits)
            if package is None:
                return _too_large(part, f"its text unpacks to over {limits.max_docx_xml_bytes} bytes")
            text = _docx_text(package)
        elif kind == "pdf":
            text = _pdf_text(part.payload, limits)
        elif kind == "text":
            text = decode_bytes(part.payload, part.charset).strip()
        elif kind == "message":
            text = _message_text(part.payload, limits)
        else:
            return _problem(
                part,
                "attachment_unreadable",
                f"no text can be read from {part.content_type}",
                f"Во вложении {name} ({part.content_type}) может быть ответ; прочитайте его вручную.",
            )
    except Exception as exc:  # a broken file is one attachment's problem, never the message's (STYLE 5)
        logger.info("cannot read attachment %s: %s", name, exc)
        return _problem(
            part,
            "attachment_unreadable",
            f"cannot be read: {type(exc).__name__}",
            f"Вложение {name} повреждено или не то, чем названо; откройте его вручную.",
        )
    if not text.strip():
        return _problem(
            part,
            "attachment_unreadable",
            "no text layer (a scan or an image?)",
            f"Во вложении {name} нет текста (скан письма?); прочитайте его вручную.",
        )
    read = AttachmentText(name, part.content_type, size, text=text[: limits.max_text_chars], sha256=_sha256(part))
    if len(text) <= limits.max_text_chars:
        return ReadAttachment(read)
    cut = ReviewReason(
        "attachment_truncated",
        f"Вложение {name} прочитано только до {limits.max_text_chars} знаков; дочитайте его вручную.",
    )
    return ReadAttachment(read, cut)  # no `problem`: the text up to the cut is read for stances


def _kind(part: Part) -> str:
    name = part.filename.lower()
    ctype = part.content_type
    if ctype == DOCX or name.endswith(".docx") or name.endswith(".docm"):
        return "docx"
    if ctype == "application/pdf" or name.endswith(".pdf"):
        return "pdf"
    if ctype == "message/rfc822" or name.endswith(".eml"):
        return "message"
    if ctype in ("text/plain", "text/csv") or name.endswith((".txt", ".csv")):
        return "text"
    return "other"


def _too_large(part: Part, problem: str) -> ReadAttachment:
    name = part.filename or "(unnamed)"
    sentence = f"Вложение {name} ({len(part.payload)} байт) слишком велико для чтения; откройте его вручную."
    return _problem(part, "attachment_too_large", problem, sentence)


def _problem(part: Part, code: str, problem: str, sentence: str) -> ReadAttachment:
    name = part.filename or "(unnamed)"
    attachment = AttachmentText(name, part.content_type, len(part.payload), problem=problem, sha256=_sha256(part))
    return ReadAttachment(attachment, ReviewReason(code, sentence))


def _sha256(part: Part) -> str:
    """What the attachment's text is kept under in the database, so the review page never reads it again."""
    return hashlib.sha256(part.payload).hexdigest()


def _docx_package(data: bytes, limits: ParseLimits) -> bytes | None:
    """The DOCX repacked from its XML parts, unpacked a chunk at a time and counted; None when they unpack to
    more than `max_docx_xml_bytes`. The zip's declared sizes are never trusted: rewritten to 1,000 bytes they
    once let a 738 KB file unpack to 2 GB in one call. Other parts (images, embedded files) are left empty:
    only the text is wanted, and python-docx never looks inside them."""
    budget = limits.max_docx_xml_bytes
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as archive, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as package:
        members = [info for info in archive.infolist() if not info.is_dir()]
        if len(members) > _DOCX_MAX_PARTS:
            raise ValueError(f"{len(members)} parts")
        for info in members:
            if not info.filename.lower().endswith((".xml", ".rels")):
                package.writestr(info.filename, b"")
                continue
            chunks = []
            with archive.open(info) as member:
                while chunk := member.read(_UNPACK_CHUNK):
                    budget -= len(chunk)
                    if budget < 0:
                        return None
                    chunks.append(chunk)
            package.writestr(info.filename, b"".join(chunks))
    return out.getvalue()


def _docx_text(package: bytes) -> str:
    """Paragraphs and table rows in document order; a row is one line, cells joined by " | "."""
    import docx  # python-docx is imported on first use: most replies carry no attachment
    from docx.table import Table

    document = docx.Document(io.BytesIO(package))
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_table_rows(block))
        else:
            lines.append(block.text)
    return "\n".join(lines).strip()


def _table_rows(table: object) -> Iterator[str]:
    for row in getattr(table, "rows", ()):
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            if not cells or text != cells[-1]:  # a merged cell repeats across the columns it spans
                cells.append(text)
        line = " | ".join(cells)
        if line.strip(" |"):
            yield line


def _pdf_text(data: bytes, limits: ParseLimits) -> str:
    from pypdf import PdfReader

    with warnings.catch_warnings():
        # pypdf warns about every repaired irregularity; a repaired file is fine, a broken one raises
        warnings.simplefilter("ignore")
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValueError("the PDF is encrypted")
        pages: list[str] = []
        chars = 0
        for page in reader.pages[: limits.max_pdf_pages]:
            text = (page.extract_text() or "").strip()
            if text:
                pages.append(text)
                chars += len(text)
            if chars > limits.max_text_chars:
                break  # the rest would be cut anyway
    return "\n".join(pages)


def _message_text(data: bytes, limits: ParseLimits) -> str:
    """A message attached whole (a forwarded answer): its plain text, or its HTML as text."""
    inner = read_mime(data, limits)
    if inner.plain and inner.plain.strip():
        return inner.plain.strip()
    return html_to_text(inner.html or "", max_chars=limits.max_html_chars)
