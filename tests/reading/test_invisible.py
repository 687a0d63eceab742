"""Bidi controls, zero-width characters and fullwidth digits are taken out before reading, and flagged."""

from __future__ import annotations

import pytest

from mailflow.campaign.letter import Campaign
from mailflow.parse import parse_reply
from mailflow.reading.reply import Stance
from tests.hostile.messages import plain


@pytest.mark.parametrize(
    "text",
    [
        "Не согласны с \u202e3.5\u202c. С 4.3 тоже не согласны.",  # shows "5.3" on screen
        "Не\u200b согласны с 3\u200d.5 и с 4.3.",
        "Не согласны с \uff13\uff0e\uff15 и с 4.3.",  # fullwidth "３．５"
        "Не согласны с \u20663.5\u2069 и с 4.3\u200e.",
    ],
    ids=["rlo", "zero-width", "fullwidth", "isolates"],
)
def test_hidden_characters_are_removed_before_reading_and_the_reply_is_flagged(text: str, campaign: Campaign) -> None:
    parsed = parse_reply(plain(text), campaign)
    assert {rec: f.stance for rec, f in parsed.stances.items()} == {"3.5": Stance.DISAGREE, "4.3": Stance.DISAGREE}
    assert parsed.content.text.isascii() is False and "3.5" in parsed.content.text
    assert not any(ord(c) in (0x202E, 0x200B, 0x200D, 0x2066, 0x2069, 0x200E, 0xFF13) for c in parsed.content.text)
    assert "invisible_characters" in [r.code for r in parsed.review_reasons] and parsed.needs_review


def test_a_soft_hyphen_is_removed_without_a_flag(campaign: Campaign) -> None:
    parsed = parse_reply(plain("Не согла\u00adсны с 3.5 и с 4.3."), campaign)
    assert "\u00ad" not in parsed.content.text
    assert "invisible_characters" not in [r.code for r in parsed.review_reasons]


def test_an_emoji_joined_by_a_zero_width_joiner_is_kept_and_not_flagged(campaign: Campaign) -> None:
    """🤷‍♀️ is one picture made with U+200D (Unicode TR51): phones send it every day, and it hides nothing."""
    parsed = parse_reply(plain("Согласны со всеми рекомендациями 🙋\u200d♀️"), campaign)
    assert "invisible_characters" not in [r.code for r in parsed.review_reasons]
    assert "\u200d" in parsed.content.text
