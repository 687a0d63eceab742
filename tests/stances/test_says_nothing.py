"""A subject that holds nothing a reading could take up is not read (`claims.says_nothing`): most subjects of their
own are such ("Test", "Рекомендации", "Автоответ: …"), and reading each cost about 5% of `parse_reply`."""

from __future__ import annotations

import re

import pytest

from mailflow.campaign.letter import Campaign
from mailflow.reading.reply import AttachmentText
from mailflow.stances.claims import says_nothing

from .support import codes, load_scorer, read, stances


def _sentences(campaign: Campaign) -> list[str]:
    """The lines and sentences of every ninth corpus reply."""
    scorer = load_scorer()
    cases = scorer.load_corpus(scorer.CORPUS, campaign)[::9]
    return list(dict.fromkeys(s for c in cases for s in re.split(r"(?<=[.!?])\s+|\n", c.text) if s.strip()))


def test_a_text_that_says_nothing_reads_into_no_stance_and_no_other_review_reason(campaign: Campaign) -> None:
    quiet = [s for s in _sentences(campaign) if says_nothing(s, campaign)]
    assert len(quiet) > 1_000
    # read as an attachment is read (as a subject is): without the checks that only the body's sentences get
    readings = {s: read("", campaign, attachments=(AttachmentText("a.txt", "text/plain", 1, s),)) for s in quiet}
    assert [s for s, r in readings.items() if stances(r) or codes(r) != {"no_stance"}] == []


@pytest.mark.parametrize(
    ("subject", "quiet"),
    [("Test", True), ("Автоответ: Рекомендации", True), ("Recommendations", True), ("", True),
     ("Re: Рекомендации — согласны со всеми", False), ("Re: 4.3", False), ("Решение: рекомендации принять", False),
     ("«Данные, цифровые услуги»", False), ("Кроме третьей панели", False), ("Abstain", False)],
)  # fmt: skip
def test_a_subject_is_read_when_it_holds_anything_to_read(subject: str, quiet: bool, campaign: Campaign) -> None:
    assert says_nothing(subject, campaign) is quiet


def test_a_stance_in_the_subject_is_still_read(campaign: Campaign) -> None:
    result = read("", campaign, subject="Re: Рекомендации — согласны со всеми")
    assert len(stances(result)) == len(campaign.ids)
