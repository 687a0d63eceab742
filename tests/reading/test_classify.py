"""The kind of a message: own mail looping back, then bounces, then auto-replies; in doubt, a reply."""

from __future__ import annotations

import pytest
from mailmaker import make_reply

from mailflow.campaign.letter import Campaign
from mailflow.parse import parse_reply
from mailflow.reading.classify import OwnIdentity
from mailflow.reading.reply import Kind

from .support import CORPUS, SAMPLES

OURS = OwnIdentity(address="dialog@committee.example", domain="committee.example")


@pytest.mark.parametrize(
    ("headers", "from_address"),
    [
        ({"X-Mailflow-Loop": "appeal-2023"}, "respondent@ngo.example"),
        ({"Message-ID": "<appeal-2023-0042@committee.example>"}, "respondent@ngo.example"),
        ({}, "dialog@committee.example"),
    ],
    ids=["loop-header", "our-message-id", "our-address"],
)
def test_our_own_mail_coming_back_is_own(headers: dict[str, str], from_address: str, campaign: Campaign) -> None:
    raw = make_reply("Уважаемые коллеги!", headers=headers, from_address=from_address)
    assert parse_reply(raw, campaign, own=OURS).kind == Kind.OWN


def test_without_an_identity_nothing_is_own(campaign: Campaign) -> None:
    raw = make_reply("Согласны.", headers={"X-Mailflow-Loop": "appeal-2023"}, from_address="dialog@committee.example")
    assert parse_reply(raw, campaign).kind == Kind.REPLY


@pytest.mark.shared
def test_a_dsn_is_a_bounce_even_with_auto_submitted(campaign: Campaign) -> None:
    parsed = parse_reply((SAMPLES / "bounce.eml").read_bytes(), campaign)
    assert (parsed.kind, parsed.bounced_recipient) == (Kind.BOUNCE, "nobody@gone.example")
    parsed = parse_reply((CORPUS / "bounce-exim-auto-submitted.eml").read_bytes(), campaign)
    assert (parsed.kind, parsed.bounced_recipient) == (Kind.BOUNCE, "gone@ngo.example")


@pytest.mark.shared
def test_bounces_and_auto_replies_carry_no_stances_and_need_no_review(campaign: Campaign) -> None:
    for path in (SAMPLES / "bounce.eml", SAMPLES / "auto-reply.eml"):
        parsed = parse_reply(path.read_bytes(), campaign)
        assert (parsed.stances, parsed.needs_review, parsed.review_reasons) == ({}, False, ())


@pytest.mark.parametrize(
    ("headers", "subject"),
    [
        ({"Auto-Submitted": "auto-replied"}, None),
        ({"Auto-Submitted": "auto-generated; owner-email=x@y"}, None),
        ({"X-Autoreply": "yes"}, None),
        ({"X-Autorespond": "1"}, None),
        ({"Precedence": "bulk"}, None),
        ({"Precedence": "junk"}, None),
        ({"X-Auto-Response-Suppress": "All"}, "Automatic reply: Рекомендации"),
        ({}, "Автоответ: Рекомендации"),
        ({}, "Out of Office: Recommendations"),
        ({}, "Отсутствую в офисе"),
        ({}, "Прочитано: Рекомендации"),
        ({}, "Read: Recommendations"),
        ({}, "Автожооп: Сунуштар"),
    ],
)
def test_automatic_headers_and_subjects_make_an_auto_reply(
    headers: dict[str, str], subject: str | None, campaign: Campaign
) -> None:
    raw = make_reply("Спасибо за письмо.", headers=headers, subject=subject)
    assert parse_reply(raw, campaign).kind == Kind.AUTO_REPLY


@pytest.mark.parametrize(
    "text",
    [
        "Я в отпуске до 1 апреля.",
        "I am out of the office until March 10.",
        "Мен 10-апрелге чейин өргүүдөмүн.",
    ],
    ids=["ru", "en", "ky"],
)
def test_short_unquoting_vacation_notice_is_an_auto_reply(text: str, campaign: Campaign) -> None:
    raw = (
        "From: a@ngo.example\r\nTo: dialog@committee.example\r\nSubject: Re: Рекомендации\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n" + text
    ).encode("utf-8")
    assert parse_reply(raw, campaign).kind == Kind.AUTO_REPLY


@pytest.mark.parametrize(
    ("text", "headers"),
    [
        ("Я был в отпуске до понедельника. Согласны со всеми.", {}),
        ("Я в отпуске до 10 марта, но по 3.5 не согласны.", {}),
        ("Согласны.", {"Auto-Submitted": "no"}),
        ("Согласны.", {"X-Auto-Response-Suppress": "All"}),
        ("Согласны.", {"Precedence": "list"}),
    ],
    ids=["vacation-with-quote", "names-a-recommendation", "auto-submitted-no", "suppress-alone", "list"],
)
def test_a_human_reply_is_never_made_automatic(text: str, headers: dict[str, str], campaign: Campaign) -> None:
    assert parse_reply(make_reply(text, headers=headers), campaign).kind == Kind.REPLY


def test_a_human_reply_quoting_a_bounce_subject_stays_a_reply(campaign: Campaign) -> None:
    raw = make_reply("Письмо вернулось, пересылаем ответ: согласны.", subject="Re: Undelivered Mail Returned to Sender")
    assert parse_reply(raw, campaign).kind == Kind.REPLY
