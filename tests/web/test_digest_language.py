"""The weekly digest in each committee member's language: Russian, Kyrgyz or English, chosen per member."""

from __future__ import annotations

import re
from email import message_from_bytes, policy

import pytest
from sqlalchemy import select

from mailflow.app import App
from mailflow.committee.digest import build_digest, compose_digest, html_of, summary_lines
from mailflow.committee.users import add_user, set_digest_reading
from mailflow.committee.words import words
from mailflow.errors import AccountError
from mailflow.schedule import queue_digest
from mailflow.store.db import transaction
from mailflow.store.models import LetterRow, UserRow

from .conftest import FAST_HASHER, NOW
from .seed import Seeded
from .test_cli import _run

CYRILLIC = re.compile("[а-яёңөү]", re.IGNORECASE)


def _text(raw: bytes) -> tuple[str, str]:
    message = message_from_bytes(raw, policy=policy.default)
    return str(message["Subject"]), message.get_body(("plain",)).get_content()  # type: ignore[union-attr]


def test_each_member_gets_the_digest_in_the_language_they_chose(mailflow_app: App, seeded: Seeded) -> None:
    with transaction(mailflow_app.sessions()) as session:
        add_user(session, FAST_HASHER, "bakyt", "another long password", at=NOW)
        set_digest_reading(session, "bakyt", email="Bakyt@Committee.example", language="ky")
        add_user(session, FAST_HASHER, "jane", "another long password", at=NOW)
        set_digest_reading(session, "jane", email="jane@donor.example", language="en")
    assert queue_digest(mailflow_app, mailflow_app.campaign(), now=NOW) == 3
    with transaction(mailflow_app.sessions()) as session:
        letters = {
            row.to_address: _text(row.raw)
            for row in session.scalars(select(LetterRow).where(LetterRow.kind == "digest"))
        }
        digest = build_digest(session, mailflow_app.campaign().slug, end=NOW, web_url="")
    subject, text = letters["committee@committee.example"]  # a settings address no member gave: Russian
    assert subject.startswith("Сводка за") and summary_lines(digest, "ru")[1] in text
    subject, text = letters["bakyt@committee.example"]
    assert "жыйынтык" in subject and summary_lines(digest, "ky")[1] in text and "СУНУШТАМАЛАР" in text
    subject, text = letters["jane@donor.example"]
    assert subject.startswith("Digest for") and summary_lines(digest, "en")[1] in text
    assert "STANCES PER RECOMMENDATION" in text and "Nobody changed a stance" not in text


def test_the_english_digest_has_no_russian_words_but_the_organisations_own(mailflow_app: App, seeded: Seeded) -> None:
    settings = mailflow_app.settings
    with transaction(mailflow_app.sessions()) as session:
        digest = build_digest(session, mailflow_app.campaign().slug, end=NOW, web_url="")
    letter = compose_digest(
        mailflow_app.templates(), mailflow_app.campaign(), digest, to="jane@donor.example", sender=settings.sender,
        web_url="", now=NOW, language="en",
    )  # fmt: skip
    html = html_of(letter)
    assert '<html lang="en">' in html and words("en")("stance.partial") in html
    theirs = {r.organisation for r in digest.silent} | {r.organisation for r in digest.reasons}
    theirs |= {b.organisation for b in digest.bounces} | {s.organisation for s in digest.shifts}
    theirs |= {q.who for q in digest.queue} | {r.reason for r in digest.reasons} | {mailflow_app.campaign().title}
    text = " ".join(_text(letter.raw)[1].split())  # the text part wraps long lines
    for words_of_others in sorted(theirs, key=len, reverse=True):
        text = text.replace(" ".join(words_of_others.split()), "")
    assert not CYRILLIC.search(text), text


def test_users_digest_sets_a_members_address_and_language(mailflow_app: App, seeded: Seeded) -> None:
    assert "saved" in _run(
        mailflow_app, "users", "digest", "aigul", "--email", "aigul@committee.kg", "--language", "ky"
    )
    with transaction(mailflow_app.sessions()) as session:
        row = session.scalars(select(UserRow).where(UserRow.username == "aigul")).one()
        assert (row.email, row.language) == ("aigul@committee.kg", "ky")
        with pytest.raises(AccountError):
            set_digest_reading(session, "aigul", email=None, language="de")
        with pytest.raises(AccountError):
            set_digest_reading(session, "nobody", email="x@y.kg", language=None)
