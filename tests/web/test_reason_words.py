"""Every review code the stance stage can give is named in words on the committee's pages and digest."""

from __future__ import annotations

from mailflow.committee.review import REASON_WORDS
from mailflow.stances.extract import MESSAGES


def test_every_stance_review_code_has_words_for_the_committee_in_russian_and_english() -> None:
    missing = sorted(code for code in MESSAGES if code not in REASON_WORDS)
    assert not missing, f"review codes shown as raw codes to the committee: {missing}"
