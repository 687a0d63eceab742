"""The hostile corpus: messages written to make reading slow, big or wrong, each generated in code (the big
ones would be megabytes on disk). Every entry is a finding of issue 14 or a neighbour of one; the reading
fuzz test runs them all, and `tests/hostile/test_budget.py` holds each to the per-message budget.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

from tests.mailmaker import Attachment, make_reply
from tests.reading.documents import make_docx, make_pdf

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HEAD = (
    b"From: attacker@evil.example\r\nTo: dialog@committee.example\r\nSubject: hostile\r\n"
    b"Message-ID: <hostile@evil.example>\r\nMIME-Version: 1.0\r\n"
)


def plain(text: str) -> bytes:
    """A one-part text/plain message with `text` as its body, 8-bit UTF-8, no line wrapping."""
    return HEAD + b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + text.encode()


def html(markup: str) -> bytes:
    """A one-part text/html message."""
    return HEAD + b"Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + markup.encode()


def deeply_nested(depth: int) -> bytes:
    """multipart/mixed inside multipart/mixed, `depth` levels deep, a short answer at the bottom."""
    inner = b"Content-Type: text/plain; charset=utf-8\r\n\r\nSoglasny.\r\n"
    for level in range(depth):
        inner = b'Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n--b%d\r\n%b\r\n--b%d--\r\n' % (
            level, level, inner, level
        )  # fmt: skip
    return HEAD + inner


def many_parts(count: int) -> bytes:
    """One multipart/mixed with `count` small text parts side by side."""
    parts = b"".join(b"--B\r\nContent-Type: text/plain\r\n\r\npart %d\r\n" % n for n in range(count))
    return HEAD + b"Content-Type: multipart/mixed; boundary=B\r\n\r\n" + parts + b"--B--\r\n"


def docx_with_body(xml: bytes) -> bytes:
    """A real DOCX (python-docx's template) whose body is `xml`."""
    source = zipfile.ZipFile(io.BytesIO(make_docx(["x"])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                head, _, tail = data.partition(b"<w:body>")
                data = head + b"<w:body>" + xml + tail
            archive.writestr(info.filename, data)
    return out.getvalue()


def paragraphs(text: str, count: int) -> bytes:
    return (b"<w:p><w:r><w:t>" + text.encode() + b"</w:t></w:r></w:p>") * count


def understate_size(data: bytes, name: bytes) -> bytes:
    """The central-directory entry of `name` rewritten to claim 1,000 unpacked bytes (APPNOTE 4.3.12)."""
    patched = bytearray(data)
    at = patched.find(b"PK\x01\x02")
    while at >= 0:
        length = int.from_bytes(patched[at + 28 : at + 30], "little")
        if patched[at + 46 : at + 46 + length] == name:
            patched[at + 24 : at + 28] = (1_000).to_bytes(4, "little")
        at = patched.find(b"PK\x01\x02", at + 4)
    return bytes(patched)


def with_attachment(name: str, content_type: str, data: bytes) -> bytes:
    return make_reply("Ответ во вложении.", attachments=[Attachment(name, content_type, data)])


def _docx_text_bomb() -> bytes:
    # finding 3: a small DOCX holding 190 MB of <w:t> text; 40 MB here make the same point in less test time
    return with_attachment("bomb.docx", DOCX, docx_with_body(paragraphs("a" * 10_000, 4_000)))


def _docx_zip_bomb() -> bytes:
    # finding 4: the same, with the zip's central directory claiming 1,000 bytes
    body = docx_with_body(paragraphs("a" * 10_000, 4_000))
    return with_attachment("bomb.docx", DOCX, understate_size(body, b"word/document.xml"))


# finding number (issue 14) or what it neighbours, and how to make the message; the stance stage's own
# findings (1 and 2) are `STANCES`: their fix is another branch's, and they are held to the budget there
READING: dict[str, Callable[[], bytes]] = {
    "3-docx-text-bomb": _docx_text_bomb,
    "4-docx-understated-zip": _docx_zip_bomb,
    "4-pdf-long-text": lambda: with_attachment("a.pdf", "application/pdf", make_pdf("We agree with 1.1. " * 5_000)),
    "6-nested-1000": lambda: deeply_nested(1_000),
    "6-nested-150": lambda: deeply_nested(150),
    "6-many-parts": lambda: many_parts(5_000),
    "11-bidi": lambda: plain("Не согласны с \u202e3.5\u202c. Остальные поддерживаем."),
    "11-invisible": lambda: plain("Не\u200b согласны с 3\u200d.5 и \uff14.\uff13\u2066.\u2069"),
    "html-nesting": lambda: html("<div>" * 200_000 + "Согласны."),
    "long-subject": lambda: (
        HEAD.replace(b"Subject: hostile", b"Subject: " + b"=?utf-8?b?0JA=?= " * 100_000) + b"\r\n\r\nhello\r\n"
    ),
    "long-to": lambda: HEAD.replace(b"To: ", b"To: " + b"a@b.example, " * 100_000) + b"\r\n\r\nhello\r\n",
}
STANCES: dict[str, Callable[[], bytes]] = {
    "long-word": lambda: plain("a" * 1_000_000),  # the language guess backtracked on it for 2 s, then finding 1
    "1-long-word": lambda: plain("a" * 2_000),
    "1-long-line": lambda: plain("a" * 5_000_000),
    "2-repeated-refs": lambda: plain("Поддерживаем 3.5 и 4.3 " * 22_000),
}
