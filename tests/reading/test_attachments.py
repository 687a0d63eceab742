"""Attachments: DOCX and PDF text is read; scans, images, unknown and oversized files are flagged."""

from __future__ import annotations

import io
import tracemalloc
import zipfile

import pytest
from mailmaker import Attachment, make_reply

from mailflow.campaign.letter import Campaign
from mailflow.parse import parse_reply
from mailflow.reading.attachments import DOCX, read_attachment
from mailflow.reading.mime import ParseLimits, Part
from tests.hostile.messages import docx_with_body, paragraphs, understate_size

from .documents import make_docx, make_pdf

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _reasons(parsed: object) -> list[str]:
    return [r.code for r in getattr(parsed, "review_reasons", ())]


def test_docx_paragraphs_and_table_rows_are_read_in_order(campaign: Campaign) -> None:
    data = make_docx(["Ответ ОФ «Пример»", "Согласны со всеми, кроме:"], [["№", "Позиция"], ["3.5", "не согласны"]])
    raw = make_reply("Ответ во вложении.", attachments=[Attachment("ответ.docx", DOCX, data)])
    parsed = parse_reply(raw, campaign)
    (attachment,) = parsed.content.attachments
    assert attachment.filename == "ответ.docx"
    assert attachment.text == "Ответ ОФ «Пример»\nСогласны со всеми, кроме:\n№ | Позиция\n3.5 | не согласны\nКонец"
    assert attachment.problem is None
    assert parsed.to_json()["attachments"][0]["text_chars"] == len(attachment.text)


def test_pdf_with_a_text_layer_is_read(campaign: Campaign) -> None:
    raw = make_reply(
        "See attached.", attachments=[Attachment("answer.pdf", "application/pdf", make_pdf("We agree with 1.1."))]
    )
    (attachment,) = parse_reply(raw, campaign).content.attachments
    assert attachment.text == "We agree with 1.1."


def test_scanned_pdf_is_flagged_unreadable(campaign: Campaign) -> None:
    raw = make_reply("Скан письма.", attachments=[Attachment("scan.pdf", "application/pdf", make_pdf(None))])
    parsed = parse_reply(raw, campaign)
    assert parsed.content.attachments[0].problem is not None
    assert "attachment_unreadable" in _reasons(parsed)
    assert parsed.needs_review


def test_an_unreadable_attachment_is_reported_to_the_reviewer_once(campaign: Campaign) -> None:
    raw = make_reply("Скан письма.", attachments=[Attachment("scan.pdf", "application/pdf", make_pdf(None))])
    assert _reasons(parse_reply(raw, campaign)).count("attachment_unreadable") == 1


@pytest.mark.parametrize(
    ("filename", "content_type", "data"),
    [
        ("photo.png", "image/png", PNG),
        ("letter.doc", "application/msword", b"\xd0\xcf\x11\xe0" + b"\x00" * 100),
        ("broken.docx", DOCX, b"PK\x03\x04 not really a zip"),
        ("broken.pdf", "application/pdf", b"%PDF-1.4 garbage"),
    ],
    ids=["image", "old-word", "broken-docx", "broken-pdf"],
)
def test_attachment_without_readable_text_is_recorded_and_flagged(
    filename: str, content_type: str, data: bytes, campaign: Campaign
) -> None:
    parsed = parse_reply(make_reply("См. вложение.", attachments=[Attachment(filename, content_type, data)]), campaign)
    (attachment,) = parsed.content.attachments
    assert (attachment.filename, attachment.text, attachment.problem is not None) == (filename, "", True)
    assert "attachment_unreadable" in _reasons(parsed)


def test_attachment_over_the_size_limit_is_flagged_too_large() -> None:
    part = Part("application/pdf", "big.pdf", make_pdf("x") + b" " * 2_000)
    read = read_attachment(part, ParseLimits(max_attachment_bytes=1_000))
    assert read.attachment.problem is not None
    assert read.review is not None and read.review.code == "attachment_too_large"


def test_docx_that_unpacks_to_a_huge_size_is_not_opened() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\x00" * 3_000_000)
    read = read_attachment(Part(DOCX, "bomb.docx", out.getvalue()), ParseLimits(max_attachment_bytes=100_000))
    assert read.review is not None and read.review.code == "attachment_unreadable"


def test_inline_logo_with_content_id_is_not_an_attachment(campaign: Campaign) -> None:
    raw = make_reply("Согласны.", body="html")
    logo = (
        b"Content-Type: image/png\r\nContent-ID: <logo@ngo>\r\nContent-Disposition: inline\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n"
    )
    parsed = parse_reply(_related(raw, logo), campaign)
    assert parsed.content.attachments == ()
    assert parsed.content.text == "Согласны."


def _related(raw: bytes, extra_part: bytes) -> bytes:
    """Put the message's single body part and `extra_part` into a multipart/related."""
    head, rest = raw.split(b"Content-Type: text/html", 1)
    return (
        head
        + b'Content-Type: multipart/related; boundary="R"\r\n\r\n--R\r\nContent-Type: text/html'
        + rest
        + b"\r\n--R\r\n"
        + extra_part
        + b"--R--\r\n"
    )


def test_attached_message_text_is_read(campaign: Campaign) -> None:
    inner = make_reply("Согласны со всеми рекомендациями.", client="thunderbird")
    raw = make_reply("Пересылаю ответ вложением.", attachments=[Attachment("answer.eml", "message/rfc822", inner)])
    (attachment,) = parse_reply(raw, campaign).content.attachments
    assert "Согласны со всеми рекомендациями." in attachment.text


def test_reply_with_neither_text_nor_readable_attachment_asks_for_review(campaign: Campaign) -> None:
    parsed = parse_reply(make_reply(""), campaign)
    assert "empty_text" in _reasons(parsed)


@pytest.mark.parametrize(
    ("filename", "content_type"),
    [
        ("smime.p7s", "application/pkcs7-signature"),
        ("signature.asc", "application/pgp-signature"),
        ("i.vcf", "text/vcard"),
    ],
)
def test_signatures_and_business_cards_are_not_flagged(filename: str, content_type: str, campaign: Campaign) -> None:
    parsed = parse_reply(make_reply("Согласны.", attachments=[Attachment(filename, content_type, b"x" * 50)]), campaign)
    assert parsed.content.attachments == ()
    assert "attachment_unreadable" not in _reasons(parsed)


def test_a_docx_whose_zip_understates_its_size_is_unpacked_in_bounded_memory() -> None:
    bomb = understate_size(
        docx_with_body(paragraphs("a" * 1000, 60_000)), b"word/document.xml"
    )  # 60 MB of XML in ~200 KB
    tracemalloc.start()
    try:
        read = read_attachment(Part(DOCX, "bomb.docx", bomb), ParseLimits())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert read.attachment.text == "" and read.review is not None
    assert peak < 20_000_000


def test_a_docx_with_more_text_than_the_unpack_limit_is_flagged_too_large_without_parsing() -> None:
    data = docx_with_body(paragraphs("Согласны с 1.1. ", 5_000))
    read = read_attachment(Part(DOCX, "long.docx", data), ParseLimits(max_docx_xml_bytes=200_000))
    assert read.review is not None and read.review.code == "attachment_too_large"
    assert read.attachment.problem is not None and "unpacks" in read.attachment.problem


def test_a_docx_longer_than_the_text_limit_is_read_up_to_it_and_flagged() -> None:
    data = docx_with_body(paragraphs("Согласны с 1.1. ", 200))
    read = read_attachment(Part(DOCX, "long.docx", data), ParseLimits(max_text_chars=1_000))
    assert len(read.attachment.text) == 1_000 and read.attachment.text.startswith("Согласны с 1.1.")
    assert read.attachment.problem is None  # what was read is read for stances
    assert read.review is not None and read.review.code == "attachment_truncated"


def test_a_pdf_longer_than_the_text_limit_is_read_up_to_it_and_flagged() -> None:
    read = read_attachment(
        Part("application/pdf", "a.pdf", make_pdf("We agree " * 50)), ParseLimits(max_text_chars=100)
    )
    assert len(read.attachment.text) == 100
    assert read.review is not None and read.review.code == "attachment_truncated"


def test_a_truncated_attachment_flags_the_reply_with_the_reason(campaign: Campaign) -> None:
    data = docx_with_body(paragraphs("Согласны со всеми рекомендациями. ", 40))
    raw = make_reply("Ответ во вложении.", attachments=[Attachment("ответ.docx", DOCX, data)])
    parsed = parse_reply(raw, campaign, limits=ParseLimits(max_text_chars=500))
    assert "attachment_truncated" in _reasons(parsed) and parsed.needs_review
