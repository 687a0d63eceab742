"""Matching a reply to its recipient and letter: each rule, the order of trust, and what goes to review."""

from __future__ import annotations

import pytest

from mailflow.campaign.directory import Directory, Recipient, SentLetter
from mailflow.reading.reply import Kind, ParsedReply, ReplyContent
from mailflow.receiving.match import MatchMethod, Regarding, ReplyHeaders, match_reply, original_recipients

OWN = "dialog@committee.example"
GREEN = Recipient(1, "info@greenworld.kg", "ОО «Зелёный мир»", "k7f3q2ab")
BUSINESS = Recipient(2, "office@jia.kg", "Ассоциация предпринимателей «JIA»", "m2n3b4v5")
MINISTRY_A = Recipient(3, "econ@gov.kg", "Министерство экономики", "a2b3c4d5")
MINISTRY_B = Recipient(4, "justice@gov.kg", "Министерство юстиции", "e2f3g4h5")
GMAIL_USER = Recipient(5, "aida.ngo@gmail.com", "Фонд «Права женщин»", "q2w3e4r5")
APPEAL = SentLetter(10, "<appeal.k7f3q2ab.0011@committee.example>", "appeal", 1)
REMINDER = SentLetter(11, "<reminder.k7f3q2ab.0022@committee.example>", "reminder", 1)
ACK = SentLetter(12, "<acknowledgement.k7f3q2ab.0033@committee.example>", "acknowledgement", 1)
DIGEST = SentLetter(13, "<digest.committee.0044@committee.example>", "digest", None)
JIA_APPEAL = SentLetter(14, "<appeal.m2n3b4v5.0055@committee.example>", "appeal", 2)

DIRECTORY = Directory.build(
    [GREEN, BUSINESS, MINISTRY_A, MINISTRY_B, GMAIL_USER],
    [APPEAL, REMINDER, ACK, DIGEST, JIA_APPEAL],
    own_address=OWN,
)


def headers(**values: object) -> ReplyHeaders:
    return ReplyHeaders(**{"from_address": "info@greenworld.kg", "to": (OWN,), **values})  # type: ignore[arg-type]


@pytest.mark.parametrize("field", ["to", "cc", "delivered_to"], ids=["to", "cc", "delivered-to-or-x-original-to"])
@pytest.mark.parametrize(
    "address",
    [
        "dialog+k7f3q2ab@committee.example",
        "dialogk7f3q2ab@committee.example",  # the server dropped the "+"
        "Оргкомитет <Dialog+K7F3Q2AB@Committee.Example>",
    ],
)
def test_reply_token_matches_in_any_recipient_header(field: str, address: str) -> None:
    result = match_reply(headers(**{"to": (), field: (address,)}), DIRECTORY)

    assert (result.recipient_id, result.method, result.needs_review) == (1, MatchMethod.TOKEN, False)


def test_token_outranks_in_reply_to_and_picks_the_letter_from_the_references() -> None:
    reply = headers(to=("dialog+k7f3q2ab@committee.example",), in_reply_to=REMINDER.message_id,
                    references=(APPEAL.message_id, REMINDER.message_id))  # fmt: skip

    result = match_reply(reply, DIRECTORY)

    assert (result.recipient_id, result.letter_id, result.method) == (1, REMINDER.id, MatchMethod.TOKEN)
    assert result.regarding is Regarding.POSITION


def test_in_reply_to_matches_a_sent_letter_in_any_bracket_or_case() -> None:
    result = match_reply(headers(in_reply_to="APPEAL.k7f3q2ab.0011@Committee.Example"), DIRECTORY)

    assert (result.recipient_id, result.letter_id, result.method) == (1, APPEAL.id, MatchMethod.IN_REPLY_TO)


def test_references_match_newest_first_when_in_reply_to_is_missing() -> None:
    reply = headers(references=("<unrelated@elsewhere.org>", APPEAL.message_id, REMINDER.message_id))

    result = match_reply(reply, DIRECTORY)

    assert (result.recipient_id, result.letter_id, result.method) == (1, REMINDER.id, MatchMethod.REFERENCES)


def test_our_message_id_missing_from_the_table_still_gives_its_token() -> None:
    result = match_reply(headers(in_reply_to="<appeal.k7f3q2ab.ffff@committee.example>"), DIRECTORY)

    assert (result.recipient_id, result.letter_id, result.method) == (1, None, MatchMethod.IN_REPLY_TO)


def test_sender_address_matches_when_there_is_no_token_or_reference() -> None:
    result = match_reply(headers(from_address="Office@JIA.kg"), DIRECTORY)

    assert (result.recipient_id, result.method, result.needs_review) == (2, MatchMethod.SENDER, False)


def test_reply_to_the_acknowledgement_is_marked_as_not_a_new_position() -> None:
    result = match_reply(headers(in_reply_to=ACK.message_id, text="Спасибо!"), DIRECTORY)

    assert result.regarding is Regarding.ACKNOWLEDGEMENT and result.recipient_id == 1


def test_reply_to_the_digest_is_marked_as_such_and_needs_no_recipient() -> None:
    reply = headers(from_address="chair@committee.example", in_reply_to=DIGEST.message_id)

    result = match_reply(reply, DIRECTORY)

    assert result.regarding is Regarding.DIGEST and result.letter_id == DIGEST.id
    assert result.recipient_id is None and not result.needs_review


def test_token_from_an_unknown_address_goes_to_review_with_the_tokens_organisation() -> None:
    reply = headers(from_address="director@greenworld.kg", to=("dialog+k7f3q2ab@committee.example",))

    result = match_reply(reply, DIRECTORY)

    assert result.recipient_id is None and result.needs_review
    assert [r.code for r in result.review_reasons] == ["unknown_sender"]
    assert result.suggestion is not None and result.suggestion.recipient_id == 1
    assert result.suggestion.method is MatchMethod.TOKEN


def test_a_recipient_using_another_recipients_token_goes_to_review() -> None:
    reply = headers(from_address="office@jia.kg", to=("dialog+k7f3q2ab@committee.example",))

    result = match_reply(reply, DIRECTORY)

    assert result.recipient_id is None and [r.code for r in result.review_reasons] == ["sender_mismatch"]


def test_token_and_letter_of_different_recipients_go_to_review() -> None:
    reply = headers(to=("dialog+k7f3q2ab@committee.example",), in_reply_to=JIA_APPEAL.message_id)

    result = match_reply(reply, DIRECTORY)

    assert result.needs_review and "conflicting_match" in [r.code for r in result.review_reasons]


def test_unknown_sender_on_a_recipients_domain_is_suggested_that_organisation() -> None:
    result = match_reply(headers(from_address="Asel <asel@greenworld.kg>"), DIRECTORY)

    assert result.recipient_id is None and result.needs_review and result.method is MatchMethod.DOMAIN
    assert result.suggestion is not None and result.suggestion.organisation == "ОО «Зелёный мир»"


def test_a_shared_domain_is_narrowed_by_the_organisation_named_in_the_text() -> None:
    reply = headers(from_address="clerk@gov.kg", text="Направляем позицию Министерства юстиции по рекомендациям.")

    result = match_reply(reply, DIRECTORY)

    assert result.suggestion is not None and result.suggestion.recipient_id == MINISTRY_B.id
    assert result.suggestion.method is MatchMethod.DOMAIN and result.recipient_id is None


def test_unknown_sender_is_suggested_the_organisation_named_in_the_signature() -> None:
    text = "Поддерживаем рекомендации 1.1 и 1.2.\n\nС уважением,\nпредседатель правления ОО Зелёного мира"
    result = match_reply(headers(from_address="chair.personal@gmail.com", text=text), DIRECTORY)

    assert result.recipient_id is None and result.needs_review
    assert result.suggestion is not None and result.suggestion.recipient_id == GREEN.id
    assert result.suggestion.method is MatchMethod.ORGANISATION and result.suggestion.score >= 90
    assert "ОО «Зелёный мир»" in result.review_reasons[0].message


def test_a_public_mail_domain_suggests_nobody() -> None:
    result = match_reply(headers(from_address="someone.else@gmail.com", text="Мы согласны со всем."), DIRECTORY)

    assert result.recipient_id is None and result.suggestion is None and result.method is None
    assert [r.code for r in result.review_reasons] == ["unknown_sender"]


def test_a_generic_word_shared_by_names_does_not_count_as_naming_one() -> None:
    text = "Наше министерство поддерживает все рекомендации."
    result = match_reply(headers(from_address="someone@gmail.com", text=text), DIRECTORY)

    assert result.suggestion is None


def test_headers_come_from_the_parsed_reply_plus_x_original_to() -> None:
    parsed = ParsedReply(kind=Kind.REPLY, from_address="info@greenworld.kg", to=("list@greenworld.kg",),
                         content=ReplyContent(text="Согласны"))  # fmt: skip
    raw = b"X-Original-To: dialogk7f3q2ab@committee.example\r\nDelivered-To: dialog@committee.example\r\n\r\n"

    reply = ReplyHeaders.from_parsed(parsed, headers=raw)

    assert reply.delivered_to == ("dialogk7f3q2ab@committee.example", "dialog@committee.example")
    assert match_reply(reply, DIRECTORY).method is MatchMethod.TOKEN
    assert original_recipients(b"") == ()
