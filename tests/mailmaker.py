"""Render a respondent's text as the reply a given mail client would send to our letter.

Tests use it to wrap any text (an answer, a stance corpus) in the quoting, attribution lines, header
blocks, charsets and MIME structure of real clients, so that reading is tested the way replies arrive:

    raw = make_reply("Согласны со всеми рекомендациями.", client="outlook", body="html",
                     charset="windows-1251", declare_charset=False)
    parsed = parse_reply(raw, campaign)

Clients: gmail, outlook, thunderbird, yandex, mailru, apple, android. Bodies: plain, html, both
(multipart/alternative). `inline` puts answers under the quoted recommendations they answer, as an
inline reply does. Only the stdlib is used, and the MIME is written by hand so that a charset can be
left undeclared or 8-bit, as real clients do.
"""

from __future__ import annotations

import base64
import html as htmllib
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.header import Header
from email.utils import formataddr
from pathlib import Path
from typing import Literal

from mailflow.campaign.letter import Campaign, load_campaign

Client = Literal["gmail", "outlook", "thunderbird", "yandex", "mailru", "apple", "android"]
Body = Literal["plain", "html", "both"]
Locale = Literal["ru", "en", "ky"]

CLIENTS: tuple[Client, ...] = ("gmail", "outlook", "thunderbird", "yandex", "mailru", "apple", "android")
BODIES: tuple[Body, ...] = ("plain", "html", "both")
SEED_CAMPAIGN = Path(__file__).resolve().parent.parent / "config" / "campaigns" / "appeal-2023.toml"
COMMITTEE = "dialog@committee.example"
COMMITTEE_NAME = "Оргкомитет многостороннего диалога"
LETTER_ID = "<appeal-2023-0001@committee.example>"


@dataclass(frozen=True)
class Attachment:
    """A file to attach: its name, MIME type and bytes."""

    filename: str
    content_type: str
    data: bytes


def letter_lines(campaign: Campaign | None = None) -> list[str]:
    """Our letter as the respondent's client shows it: paragraphs separated by "", one line per recommendation."""
    campaign = campaign or load_campaign(SEED_CAMPAIGN)
    lines = [campaign.letter.greeting, "", campaign.letter.intro, ""]
    for panel in campaign.panels:
        lines += [f"По итогам Панельной дискуссии №{panel.number} «{panel.title}» были выработаны Рекомендации:", ""]
        lines += [f"{rec.id}. {rec.text}" for rec in campaign.in_panel(panel.number)]
        lines.append("")
    lines += [campaign.letter.closing, "", campaign.letter.signature]
    return lines


def make_reply(
    own_text: str,
    *,
    client: Client = "gmail",
    body: Body = "plain",
    charset: str = "utf-8",
    declare_charset: bool = True,
    locale: Locale = "ru",
    inline: Mapping[str, str] | None = None,
    signature: str | None = None,
    subject: str | None = None,
    from_address: str = "respondent@ngo.example",
    attachments: Sequence[Attachment] = (),
    headers: Mapping[str, str] | None = None,
    campaign: Campaign | None = None,
) -> bytes:
    """The raw bytes of a reply to the seed letter carrying `own_text`, as `client` would send it.

    `own_text` is what the respondent wrote above the quote (may be ""); `inline` maps recommendation
    IDs to answers written under that recommendation inside the quote; `signature` is appended below
    the text the way the client does it; `charset` encodes every text part, declared in Content-Type
    unless `declare_charset` is false (8-bit with no label, as old Russian clients send).
    """
    if inline and client == "outlook":
        raise ValueError("Outlook does not quote with '>', so it writes no inline reply mailmaker can render")
    campaign = campaign or load_campaign(SEED_CAMPAIGN)
    letter = letter_lines(campaign)
    text = own_text if signature is None else f"{own_text}\n\n{signature}"
    style = _STYLES[client]
    parts: list[bytes] = []
    if body in ("plain", "both"):
        plain = style.plain(text, letter, inline or {}, locale)
        parts.append(_text_part("plain", plain, charset, declare_charset))
    if body in ("html", "both"):
        html = style.html(text, letter, inline or {}, locale)
        parts.append(_text_part("html", html, charset, declare_charset))
    content = parts[0] if len(parts) == 1 else _multipart("alternative", parts)
    if attachments:
        content = _multipart("mixed", [content, *(_attachment_part(a) for a in attachments)])
    prefix = "RE: " if client == "outlook" else "Re: "
    head = {
        "From": formataddr(("Респондент", from_address)),
        "To": formataddr((COMMITTEE_NAME, COMMITTEE)),
        "Subject": subject if subject is not None else prefix + campaign.letter.subject,
        "Date": "Thu, 02 Mar 2023 15:15:00 +0600",
        "Message-ID": f"<{client}-{body}-{zlib.crc32(own_text.encode('utf-8')):08x}@ngo.example>",
        "In-Reply-To": LETTER_ID,
        "References": LETTER_ID,
        "MIME-Version": "1.0",
        **(headers or {}),
    }
    lines = [f"{name}: {_encode_header(value)}" for name, value in head.items()]
    return ("\r\n".join(lines) + "\r\n").encode("ascii") + content


# --- client styles -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Style:
    attribution: Mapping[str, str]
    plain_quote: str  # the prefix of a quoted line: "> " or ">" (Mail.ru)
    quote_attribution: bool = False  # the attribution sits inside the quote (Mail.ru, Apple)

    def plain(self, text: str, letter: list[str], inline: Mapping[str, str], locale: str) -> str:
        attribution = self.attribution[locale]
        quoted = [attribution, ""] if self.quote_attribution else []
        body: list[str] = []
        for line in [*quoted, *letter]:
            body.append((self.plain_quote + line).rstrip() if line else self.plain_quote.rstrip())
            answer = _answer_for(line, inline)
            if answer:
                body += ["", answer, ""]
        head = [text, ""] if text else []
        if not self.quote_attribution:
            head += [attribution, ""]
        return "\n".join([*head, *body]) + "\n"

    def html(self, text: str, letter: list[str], inline: Mapping[str, str], locale: str) -> str:
        raise NotImplementedError("each client writes its own HTML")


def _answer_for(line: str, inline: Mapping[str, str]) -> str | None:
    rec_id = line.split(" ", 1)[0].rstrip(".")
    return inline.get(rec_id) if line else None


def _html_letter(letter: list[str], inline: Mapping[str, str], close: str, reopen: str) -> str:
    """The letter as <br>-separated HTML; an inline answer closes the quote, follows, and reopens it."""
    out: list[str] = []
    for line in letter:
        out.append(f"{htmllib.escape(line)}<br>\n")
        answer = _answer_for(line, inline)
        if answer:
            out.append(f"{close}<div>{_html_text(answer)}</div>{reopen}")
    return "".join(out)


def _html_text(text: str) -> str:
    return "<br>\n".join(htmllib.escape(line) for line in text.split("\n"))


class _Gmail(_Style):
    def html(self, text: str, letter: list[str], inline: Mapping[str, str], locale: str) -> str:
        quote = (
            '<blockquote class="gmail_quote" '
            'style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">'
        )
        return (
            f'<div dir="ltr">{_html_text(text)}</div><br><div class="gmail_quote">'
            f'<div dir="ltr" class="gmail_attr">{htmllib.escape(self.attribution[locale])}<br></div>'
            f"{quote}{_html_letter(letter, inline, '</blockquote>', quote)}</blockquote></div>"
        )


class _Android(_Style):
    def html(self, text: str, letter: list[str], inline: Mapping[str, str], locale: str) -> str:
        quote = '<blockquote class="gmail_quote" style="margin:0 0 0 .8ex;border-left:1px #ccc solid;padding-left:1ex">'
        return (
            f'<p dir="ltr">{_html_text(text)}</p>\n<div class="gmail_quote">'
            f'{htmllib.escape(self.attribution[locale])}<br type="attribution">'
            f"{quote}{_html_letter(letter, inline, '</blockquote>', quote)}</blockquote></div>"
        )


class _Outlook(_Style):
    """Outlook quotes nothing with ">": a header block, then the original, unprefixed, below a rule."""

    def plain(self, text: str, letter: list[str], inline: Mapping[str, str], locale: str) -> str:
        head = [text, ""] if text else []
        return "\n".join([*head, "________________________________", self.attribution[locale], "", *letter]) + "\n"

    def html(self, text: str, letter: list[str], inline: Mapping[str, str], locale: str) -> str:
        paragraphs = "".join(
            f'<p class="MsoNormal">{htmllib.escape(line)}<o:p></o:p></p>\n' for line in text.split("\n")
        )
        header = "<br>\n".join(
            f"<b>{htmllib.escape(key)}</b> {htmllib.escape(value)}"
            for key, value in (line.split(" ", 1) for line in self.attribution[locale].split("\n"))
        )
        original = "".join(f'<p class="MsoNormal">{htmllib.escape(line) or "&nbsp;"}</p>\n' for line in letter)
        return (
            '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{margin:0cm}</style>'
            f'</head><body lang="RU"><div class="WordSection1">{paragraphs}<p class="MsoNormal">&nbsp;</p>'
            '<div><div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">'
            f'<p class="MsoNormal">{header}</p></div></div>{original}</div></body></html>'
        )


class _Thunderbird(_Style):
    def html(self, text: str, letter: list[str], inline: Mapping[str, str], locale: str) -> str:
        quote = f'<blockquote type="cite" cite="mid:{LETTER_ID[1:-1]}">'
        return (
            f"<html><body><p>{_html_text(text)}</p>"
            f'<div class="moz-cite-prefix">{htmllib.escape(self.attribution[locale])}<br></div>'
            f"{quote}{_html_letter(letter, inline, '</blockquote>', quote)}</blockquote></body></html>"
        )


class _Yandex(_Style):
    def html(self, text: str, letter: list[str], inline: Mapping[str, str], locale: str) -> str:
        return (
            f"<div>{_html_text(text)}</div><div>&nbsp;</div>"
            f"<div>{htmllib.escape(self.attribution[locale])}</div>"
            f"<blockquote>{_html_letter(letter, inline, '</blockquote>', '<blockquote>')}</blockquote>"
        )


class _MailRu(_Style):
    def html(self, text: str, letter: list[str], inline: Mapping[str, str], locale: str) -> str:
        quote = '<blockquote style="border-left:1px solid #0857A6; margin:10px; padding:0 0 0 10px;">'
        return (
            f"<div>{_html_text(text)}</div><br><br>{quote}{htmllib.escape(self.attribution[locale])}<br><br>"
            f'<div id="style_16777413">{_html_letter(letter, inline, "</div></blockquote>", quote + "<div>")}'
            "</div></blockquote>"
        )


class _Apple(_Style):
    def html(self, text: str, letter: list[str], inline: Mapping[str, str], locale: str) -> str:
        quote = '<blockquote type="cite">'
        return (
            f'<html><body dir="auto"><div>{_html_text(text)}</div><div><br>{quote}'
            f"<div>{htmllib.escape(self.attribution[locale])}</div><br>"
            f"<div>{_html_letter(letter, inline, '</div></blockquote>', quote + '<div>')}</div></blockquote></div>"
            "</body></html>"
        )


_WHO = f"{COMMITTEE_NAME} <{COMMITTEE}>"
_STYLES: dict[str, _Style] = {
    "gmail": _Gmail(
        {
            "ru": f"чт, 2 мар. 2023 г. в 10:15, {_WHO}:",
            "en": f"On Thu, Mar 2, 2023 at 10:15 AM {_WHO} wrote:",
            "ky": f"бш, 2 мар. 2023 ж. саат 10:15 {_WHO} жазды:",
        },
        "> ",
    ),
    "android": _Android(
        {
            "ru": f'2 мар. 2023 г. 10:15 пользователь "{COMMITTEE_NAME}" <{COMMITTEE}> написал:',
            "en": f'On Thu, Mar 2, 2023, 10:15 "{COMMITTEE_NAME}" <{COMMITTEE}> wrote:',
            "ky": f'2023-ж., 2-мар. 10:15 "{COMMITTEE_NAME}" <{COMMITTEE}> жазды:',
        },
        "> ",
    ),
    "outlook": _Outlook(
        {
            "ru": f"От: {_WHO}\nОтправлено: 2 марта 2023 г. 10:15\nКому: Респондент <respondent@ngo.example>\n"
            "Тема: Рекомендации",
            "en": f"From: {_WHO}\nSent: Thursday, March 2, 2023 10:15 AM\nTo: Respondent <respondent@ngo.example>\n"
            "Subject: Recommendations",
            "ky": f"Кимден: {_WHO}\nЖөнөтүлдү: 2023-ж. 2-март 10:15\nКимге: Респондент <respondent@ngo.example>\n"
            "Темасы: Сунуштар",
        },
        "",
    ),
    "thunderbird": _Thunderbird(
        {
            "ru": f"02.03.2023 10:15, {COMMITTEE_NAME} пишет:",
            "en": f"On 02.03.2023 10:15, {COMMITTEE_NAME} wrote:",
            "ky": f"02.03.2023 10:15, {COMMITTEE_NAME} жазды:",
        },
        "> ",
    ),
    "yandex": _Yandex(
        {
            "ru": f'02.03.2023, 10:15, "{COMMITTEE_NAME}" <{COMMITTEE}>:',
            "en": f'02.03.2023, 10:15, "{COMMITTEE_NAME}" <{COMMITTEE}>:',
            "ky": f'02.03.2023, 10:15, "{COMMITTEE_NAME}" <{COMMITTEE}>:',
        },
        "> ",
    ),
    "mailru": _MailRu(
        {
            "ru": f"Четверг, 2 марта 2023, 10:15 +06:00 от {_WHO}:",
            "en": f"Thursday, March 2, 2023 10:15 AM +06:00 from {_WHO}:",
            "ky": f"Бейшемби, 2-март 2023, 10:15 +06:00, {_WHO} жазды:",
        },
        ">",
        quote_attribution=True,
    ),
    "apple": _Apple(
        {
            "ru": f"2 марта 2023 г., в 10:15, {_WHO} написал(а):",
            "en": f"On 2 Mar 2023, at 10:15, {_WHO} wrote:",
            "ky": f"2023-ж. 2-март, 10:15, {_WHO} жазды:",
        },
        "> ",
        quote_attribution=True,
    ),
}


# --- MIME ----------------------------------------------------------------------------------------------


def _text_part(subtype: str, text: str, charset: str, declare: bool) -> bytes:
    errors = "xmlcharrefreplace" if subtype == "html" else "replace"
    label = f'; charset="{charset}"' if declare else ""
    head = f"Content-Type: text/{subtype}{label}\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
    return head.encode("ascii") + text.replace("\n", "\r\n").encode(charset, errors)


def _multipart(subtype: str, parts: Sequence[bytes]) -> bytes:
    boundary = f"=_mailmaker_{subtype}_{len(parts)}"
    out = [f'Content-Type: multipart/{subtype}; boundary="{boundary}"\r\n\r\n'.encode("ascii")]
    for part in parts:
        out += [f"--{boundary}\r\n".encode("ascii"), part, b"\r\n"]
    out.append(f"--{boundary}--\r\n".encode("ascii"))
    return b"".join(out)


def _attachment_part(attachment: Attachment) -> bytes:
    name = _encode_header(attachment.filename)
    if attachment.content_type == "message/rfc822":  # RFC 2046 §5.2.1: never base64
        head = f'Content-Type: message/rfc822\r\nContent-Disposition: attachment; filename="{name}"\r\n\r\n'
        return head.encode("ascii") + attachment.data
    head = (
        f'Content-Type: {attachment.content_type}; name="{name}"\r\n'
        f'Content-Disposition: attachment; filename="{name}"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
    )
    return head.encode("ascii") + base64.encodebytes(attachment.data).replace(b"\n", b"\r\n")


def _encode_header(value: str) -> str:
    return value if value.isascii() else Header(value, "utf-8").encode()
