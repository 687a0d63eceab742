"""MIME reading: charsets declared, missing or wrong; 8-bit headers; body choice; what is not mail."""

from __future__ import annotations

from email.header import Header

import pytest

from mailflow.campaign.letter import Campaign
from mailflow.parse import parse_reply
from mailflow.reading.mime import ParseLimits, decode_bytes, decode_header_value, read_mime, unflow
from mailflow.reading.reply import Kind

RUSSIAN = "Поддерживаем все рекомендации, кроме пятой. Спасибо за работу!"


@pytest.mark.parametrize("charset", ["utf-8", "windows-1251", "koi8-r"])
@pytest.mark.parametrize("declared", [True, False], ids=["declared", "undeclared"])
def test_cyrillic_body_decodes_without_mojibake(charset: str, declared: bool) -> None:
    assert decode_bytes(RUSSIAN.encode(charset), charset if declared else None) == RUSSIAN


@pytest.mark.parametrize(
    ("actual", "label"),
    [("koi8-r", "windows-1251"), ("windows-1251", "koi8-r"), ("windows-1251", "iso-8859-1"), ("utf-8", "windows-1251")],
)
def test_wrong_charset_label_is_overruled_by_the_bytes(actual: str, label: str) -> None:
    assert decode_bytes(RUSSIAN.encode(actual), label) == RUSSIAN


def test_latin1_text_keeps_its_accents() -> None:
    assert decode_bytes("Café, résumé, Grüße".encode("latin-1"), "iso-8859-1") == "Café, résumé, Grüße"


def test_unknown_charset_name_falls_back_to_detection() -> None:
    assert decode_bytes(RUSSIAN.encode("cp1251"), "x-unknown-charset") == RUSSIAN


@pytest.mark.parametrize("charset", ["windows-1251", "koi8-r", "utf-8"])
def test_raw_8bit_header_is_detected_like_a_body(charset: str) -> None:
    raw = "Иван Петров".encode(charset).decode("ascii", "surrogateescape")
    assert decode_header_value(raw) == "Иван Петров"


def test_encoded_word_headers_in_any_charset_are_decoded() -> None:
    koi8 = Header("Ответ", "koi8-r").encode()
    assert decode_header_value(f"Re: {koi8} =?utf-8?b?0LrQvtC80LjRgtC10YLRgw==?=") == "Re: Ответкомитету"


def test_message_headers_are_read_for_matching() -> None:
    raw = (
        b"From: =?utf-8?b?0JjQstCw0L0=?= <Ivan@NGO.example>\r\nTo: a@x.example, B <b@x.example>\r\n"
        b"Cc: c@x.example\r\nDelivered-To: dialog@committee.example\r\nSubject: Re: x\r\n"
        b"Message-ID: <m1@ngo.example>\r\nIn-Reply-To: <appeal-1@committee.example>\r\n"
        b"References: <r0@x> <appeal-1@committee.example>\r\nDate: Thu, 02 Mar 2023 15:15:00 +0600\r\n\r\nYes\r\n"
    )
    mail = read_mime(raw, ParseLimits())
    assert (mail.from_name, mail.from_address) == ("Иван", "ivan@ngo.example")
    assert mail.to == ("a@x.example", "b@x.example")
    assert (mail.cc, mail.delivered_to) == (("c@x.example",), ("dialog@committee.example",))
    assert (mail.message_id, mail.in_reply_to) == ("<m1@ngo.example>", "<appeal-1@committee.example>")
    assert mail.references == ("<r0@x>", "<appeal-1@committee.example>")
    assert mail.plain == "Yes\r\n"


def test_plain_part_is_preferred_when_it_has_the_text(campaign: Campaign) -> None:
    raw = (
        b'Subject: Re\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary="A"\r\n\r\n'
        b"--A\r\nContent-Type: text/plain\r\n\r\nplain text\r\n"
        b"--A\r\nContent-Type: text/html\r\n\r\n<p>html text</p>\r\n--A--\r\n"
    )
    assert parse_reply(raw, campaign).content.text == "plain text"


@pytest.mark.parametrize(
    "raw",
    [b"", b"   \r\n", b"\x00\x01\x02 binary junk \xff\xfe", b"just some words, no headers at all"],
    ids=["empty", "blank", "binary", "no-headers"],
)
def test_bytes_that_are_not_mail_are_unreadable_not_an_exception(raw: bytes, campaign: Campaign) -> None:
    parsed = parse_reply(raw, campaign)
    assert parsed.kind == Kind.UNREADABLE
    assert parsed.error
    assert parsed.needs_review
    assert parsed.to_json()["kind"] == "unreadable"


def test_message_over_the_size_limit_is_unreadable(campaign: Campaign) -> None:
    raw = b"Subject: big\r\n\r\n" + b"x" * 2_000
    parsed = parse_reply(raw, campaign, limits=ParseLimits(max_message_bytes=1_000))
    assert parsed.kind == Kind.UNREADABLE
    assert "limit" in (parsed.error or "")


def test_format_flowed_lines_are_joined_back_into_sentences(campaign: Campaign) -> None:
    raw = (
        "From: a@ngo.example\r\nSubject: Re\r\nContent-Type: text/plain; charset=utf-8; format=flowed\r\n\r\n"
        "Мы поддерживаем все рекомендации, кроме 3.5, потому что создание рабочих \r\n"
        "мест — задача государства.\r\n\r\n-- \r\nИван\r\n\r\n02.03.2023 10:15, Оргкомитет пишет:\r\n"
        "> 1.1. Повышать свой потенциал, наращивать \r\n> знания.\r\n"
    ).encode()
    parsed = parse_reply(raw, campaign)
    assert parsed.content.text == (
        "Мы поддерживаем все рекомендации, кроме 3.5, потому что создание рабочих мест — задача государства."
    )


def test_format_flowed_delsp_removes_the_wrapping_space() -> None:
    assert unflow("Соглас \r\nны.", delsp=True) == "Согласны."
