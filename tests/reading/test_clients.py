"""Every client style, in plain, HTML and both, in every charset we meet, declared and undeclared.

The replies are rendered by `tests/mailmaker.py` around the seed letter, so each combination quotes the
whole letter the way that client does and only the respondent's words may come back.
"""

from __future__ import annotations

import pytest
from mailmaker import BODIES, CLIENTS, make_reply

from mailflow.campaign.letter import Campaign
from mailflow.parse import parse_reply
from mailflow.reading.reply import Kind

OWN = "Добрый день!\nСогласны со всеми рекомендациями, кроме 3.5."
CHARSETS = [
    ("utf-8", True),
    ("utf-8", False),
    ("windows-1251", True),
    ("windows-1251", False),
    ("koi8-r", True),
    ("koi8-r", False),
]


@pytest.mark.parametrize("client", CLIENTS)
@pytest.mark.parametrize("body", BODIES)
@pytest.mark.parametrize(
    ("charset", "declared"), CHARSETS, ids=[f"{c}-{'declared' if d else 'bare'}" for c, d in CHARSETS]
)
def test_own_text_is_read_from_every_client_body_and_charset(
    client: str, body: str, charset: str, declared: bool, campaign: Campaign
) -> None:
    raw = make_reply(OWN, client=client, body=body, charset=charset, declare_charset=declared)  # type: ignore[arg-type]
    parsed = parse_reply(raw, campaign)
    assert parsed.kind == Kind.REPLY
    assert parsed.content.text == OWN
    assert parsed.content.language == "ru"


@pytest.mark.parametrize("client", CLIENTS)
@pytest.mark.parametrize("locale", ["ru", "en", "ky"])
def test_attribution_line_of_every_client_locale_is_removed(client: str, locale: str, campaign: Campaign) -> None:
    raw = make_reply("Согласны.", client=client, body="plain", locale=locale)  # type: ignore[arg-type]
    assert parse_reply(raw, campaign).content.text == "Согласны."


@pytest.mark.parametrize("client", CLIENTS)
@pytest.mark.parametrize(
    "signature",
    [
        "С уважением,\nИван Петров\nОФ «Пример»",
        "--\nИван Петров",
        "Best regards,\nIvan",
        "Урматтоо менен,\nГүлмира",
        "Sent from my iPhone",
        "Отправлено из мобильной Почты Mail.ru",
    ],
    ids=["ru-regards", "dashes", "en-regards", "ky-regards", "iphone", "mailru-mobile"],
)
def test_signature_and_mobile_footer_are_removed(client: str, signature: str, campaign: Campaign) -> None:
    raw = make_reply("Согласны.", client=client, body="both", signature=signature)  # type: ignore[arg-type]
    assert parse_reply(raw, campaign).content.text == "Согласны."


@pytest.mark.parametrize("client", [c for c in CLIENTS if c != "outlook"])
@pytest.mark.parametrize("body", BODIES)
def test_inline_answers_are_paired_with_the_recommendation_they_follow(
    client: str, body: str, campaign: Campaign
) -> None:
    inline = {"1.2": "Согласны.", "3.5": "Не согласны: это задача государства."}
    raw = make_reply("Ответы ниже.", client=client, body=body, inline=inline)  # type: ignore[arg-type]
    parsed = parse_reply(raw, campaign)
    rec_3_5 = campaign.get("3.5")
    assert rec_3_5 is not None
    assert [(p.quoted.split(" ", 1)[0], p.answer) for p in parsed.content.inline_pairs] == [
        ("1.2.", "Согласны."),
        ("3.5.", "Не согласны: это задача государства."),
    ]
    assert parsed.content.inline_pairs[1].quoted == f"3.5. {rec_3_5.text}"
    assert parsed.content.text == "Ответы ниже.\n\nСогласны.\n\nНе согласны: это задача государства."


def test_kyrgyz_text_in_utf8_keeps_its_letters(campaign: Campaign) -> None:
    own = "Сунуштардын көбү менен макулбуз, бирок 3.5 менен макул эмеспиз."
    parsed = parse_reply(make_reply(own, client="yandex", body="both", locale="ky"), campaign)
    assert (parsed.content.text, parsed.content.language) == (own, "ky")
