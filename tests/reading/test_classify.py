"""The kind of a message: own mail looping back, then bounces, then auto-replies; in doubt, a reply."""

from __future__ import annotations

import time

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


def _report(report_type: str, status_part: str, returned_to: str = "org@ngo.example") -> bytes:
    """A multipart/report (RFC 6522) with a human part, the machine part and the returned headers."""
    return (
        "From: MAILER-DAEMON@mx.example\r\nTo: dialog@committee.example\r\nSubject: Report\r\nMIME-Version: 1.0\r\n"
        f'Content-Type: multipart/report; report-type={report_type}; boundary="b"\r\n\r\n'
        "--b\r\nContent-Type: text/plain\r\n\r\nThis is a report about your message.\r\n"
        f"--b\r\n{status_part}\r\n"
        "--b\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        f"From: dialog@committee.example\r\nTo: {returned_to}\r\nSubject: Appeal\r\n\r\n--b--\r\n"
    ).encode()


def _dsn(fields: str) -> bytes:
    status = "Content-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example\r\n\r\n" + fields
    return _report("delivery-status", status)


def test_an_arf_spam_complaint_is_a_feedback_report_about_the_returned_recipient(campaign: Campaign) -> None:
    part = "Content-Type: message/feedback-report\r\n\r\nFeedback-Type: abuse\r\nUser-Agent: X/1.0\r\nVersion: 1\r\n"
    parsed = parse_reply(_report("feedback-report", part), campaign)
    assert (parsed.kind, parsed.bounced_recipient, parsed.needs_review) == (
        Kind.FEEDBACK_REPORT,
        "org@ngo.example",
        False,
    )


@pytest.mark.parametrize(
    "raw",
    [
        _dsn("Final-Recipient: rfc822; org@ngo.example\r\nAction: delivered\r\nStatus: 2.0.0\r\n"),
        _report("disposition-notification", "Content-Type: message/disposition-notification\r\n\r\nDisposition: "
                "manual-action/MDN-sent-manually; displayed\r\n"),
    ],
    ids=["dsn-delivered", "mdn-read"],
)  # fmt: skip
def test_delivered_and_read_notices_are_receipts(raw: bytes, campaign: Campaign) -> None:
    assert parse_reply(raw, campaign).kind == Kind.RECEIPT


def test_an_unusable_final_recipient_gives_way_to_original_recipient(campaign: Campaign) -> None:
    raw = _dsn("Original-Recipient: rfc822;org@ngo.example\r\nFinal-Recipient: x400; /S=org/\r\nAction: failed\r\n")
    assert parse_reply(raw, campaign).bounced_recipient == "org@ngo.example"


def test_without_any_recipient_field_the_returned_message_names_the_address(campaign: Campaign) -> None:
    raw = _dsn("Final-Recipient: system; <>\r\nAction: failed\r\nStatus: 5.0.0\r\n")
    assert parse_reply(raw, campaign).bounced_recipient == "org@ngo.example"


def test_amazon_ses_notifications_carry_their_kind_in_json(campaign: Campaign) -> None:
    body = '{"notificationType":"Bounce","bounce":{"bouncedRecipients":[{"emailAddress":"org@ngo.example"}]}}'
    raw = f"From: no-reply@sns.amazonaws.com\r\nSubject: AWS Notification Message\r\n\r\n{body}\r\n".encode()
    parsed = parse_reply(raw, campaign)
    assert (parsed.kind, parsed.bounced_recipient) == (Kind.BOUNCE, "org@ngo.example")
    assert parse_reply(raw.replace(b'"Bounce"', b'"Complaint"'), campaign).kind == Kind.FEEDBACK_REPORT


def test_a_delay_warning_is_not_a_bounce(campaign: Campaign) -> None:
    raw = _dsn("Final-Recipient: rfc822; org@ngo.example\r\nAction: delayed\r\nStatus: 4.4.7\r\n")
    assert parse_reply(raw, campaign).kind == Kind.AUTO_REPLY


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("x" * 100_000, "Согласны."),
        ("Delivery Status Notification", 'emailAddress":"' * 6_000 + "@" * 10_000),
        ("Undelivered", "notificationType" + '\\"' * 50_000),
        ("Returned mail", "could not be delivered " * 4_000 + "@" * 10_000),
    ],
    ids=["long-subject", "ses-addresses", "ses-escapes", "long-failure-text"],
)
def test_classifying_hostile_reports_takes_linear_time(subject: str, body: str, campaign: Campaign) -> None:
    raw = f"From: MAILER-DAEMON@mx.example\r\nSubject: {subject}\r\n\r\n{body}\r\n".encode()
    start = time.perf_counter()
    parse_reply(raw, campaign)
    assert time.perf_counter() - start < 2.0


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("Recommendation 2.1 rejected", "We reject 2.1: our letter to the ministry could not be delivered either."),
        ("Предложения", "Письмо в министерство не доставлено, но с 1.1 мы согласны. User unknown there."),
    ],
    ids=["failure-words-en", "failure-words-ru"],
)
def test_a_persons_new_message_with_failure_words_is_a_reply(subject: str, body: str, campaign: Campaign) -> None:
    raw = f"From: Org <org@ngo.example>\r\nTo: dialog@committee.example\r\nSubject: {subject}\r\n\r\n{body}\r\n"
    assert parse_reply(raw.encode(), campaign).kind == Kind.REPLY


def test_a_list_robots_not_a_member_notice_is_a_bounce(campaign: Campaign) -> None:
    raw = b"From: ngo-list-admin@lists.example\r\nSubject: You are not member (ngo-list ML)\r\n\r\nNot a member.\r\n"
    assert parse_reply(raw, campaign).kind == Kind.BOUNCE
