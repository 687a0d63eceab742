"""talon's real-client fixtures: the respondent's own text from a dozen clients' replies.

talon's `_reply_text` files keep the signature ("-- xxx", "Sent from my iPhone"); our contract removes
signatures and mobile footers, so the text we expect is what stands above them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mailflow.campaign.letter import Campaign
from mailflow.parse import parse_reply
from mailflow.reading.reply import Kind

from .support import TALON, html_message

pytestmark = pytest.mark.shared

STANDARD = sorted((TALON / "standard_replies").glob("*.eml"))
HTML = sorted((TALON / "html_replies").glob("*.html"))


def test_talon_fixtures_are_all_there() -> None:
    assert (len(STANDARD), len(HTML)) == (12, 9)


@pytest.mark.parametrize("eml", STANDARD, ids=lambda p: p.stem)
def test_standard_reply_text_is_hello(eml: Path, campaign: Campaign) -> None:
    parsed = parse_reply(eml.read_bytes(), campaign)
    assert parsed.kind == Kind.REPLY
    assert parsed.content.text == "Hello"
    reply_text = eml.with_name(f"{eml.stem}_reply_text")
    if reply_text.exists():
        assert reply_text.read_text(encoding="utf-8").startswith(parsed.content.text)


@pytest.mark.parametrize("html", HTML, ids=lambda p: p.stem)
def test_html_reply_text_is_hi_i_am_fine(html: Path, campaign: Campaign) -> None:
    parsed = parse_reply(html_message(html.read_bytes()), campaign)
    assert parsed.kind == Kind.REPLY
    assert " ".join(parsed.content.text.split()) in ("Hi. I am fine.", "Hi. I am fine. Thanks, Alex")
