"""Our own corpus (tests/reading/corpus): each .eml with an .expected.json of what reading must give.

Expected keys: kind; and where given text (exact), text_contains, bounced_recipient, language, subject,
from_name, signal (the detector that decided), inline_answers (first word of the quoted paragraph → answer).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mailflow.campaign.letter import Campaign
from mailflow.parse import parse_reply
from mailflow.reading.classify import classify
from mailflow.reading.mime import ParseLimits, read_mime
from mailflow.reading.quotes import own_text

from .support import CORPUS, expected

CORPUS_FILES = sorted(CORPUS.glob("*.eml"))


def test_corpus_is_not_empty() -> None:
    assert len(CORPUS_FILES) >= 30


@pytest.mark.parametrize("eml", CORPUS_FILES, ids=lambda p: p.stem)
def test_corpus_message_reads_as_expected(eml: Path, campaign: Campaign) -> None:
    want = expected(eml)
    parsed = parse_reply(eml.read_bytes(), campaign)
    assert parsed.kind.value == want["kind"]
    if "text" in want:
        assert parsed.content.text == want["text"]
    for fragment in want.get("text_contains", []):
        assert fragment in parsed.content.text
    if parsed.kind.value == "bounce" or "bounced_recipient" in want:
        assert parsed.bounced_recipient == want.get("bounced_recipient")
    for key, value in (
        ("language", parsed.content.language),
        ("subject", parsed.subject),
        ("from_name", parsed.from_name),
    ):
        if key in want:
            assert value == want[key]
    if "inline_answers" in want:
        got = {pair.quoted.split(" ", 1)[0]: pair.answer for pair in parsed.content.inline_pairs}
        assert got == want["inline_answers"]


@pytest.mark.parametrize("eml", [p for p in CORPUS_FILES if "signal" in expected(p)], ids=lambda p: p.stem)
def test_automatic_mail_is_recognised_by_the_intended_signal(eml: Path) -> None:
    mail = read_mime(eml.read_bytes(), ParseLimits())
    verdict = classify(mail, own_text(mail.plain or "", subject=mail.subject))
    assert verdict.signal == expected(eml)["signal"]
