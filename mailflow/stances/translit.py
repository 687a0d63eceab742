"""Russian typed in Latin letters on a phone ("soglasny so vsemi krome 3.5"), read as the Cyrillic it stands for.

The lexicon knows Russian stance words in Cyrillic only; rather than a Latin twin for each, such a reply is
transliterated back with cyrtranslit (its Russian table) and read like any other. cyrtranslit writes "y" as
"и"; in Russian typed on a phone a "y" that does not start "ya", "yu", "yo", "ye" is nearly always "ы"
("soglasny", "my"), so that one letter is settled first. Every check of the stance stage still applies: a
word the transliteration spells oddly is a word not read, and the reply goes to a person.
"""

from __future__ import annotations

import re

import cyrtranslit

# Words that only Russian in Latin letters has; English words inside such a reply ("no", "ok") would
# otherwise pass it off as English. Two different ones make the call.
_MARKERS = re.compile(
    r"\b(?:chto|eto|vse|vsem|vsemi|vsekh|vseh|soglasn\w*|krome|ostaln\w*|ponyatn\w*|spasibo|zdravstv\w*"
    r"|dobr(?:yi|yj|iy|yy|oe|ogo)|uvazhen\w*|podderzh\w*|protiv|rekomendac\w*|dlya|nashi|nashei|tolko|nuzhno"
    r"|mozhno|budet|pozhe|pozje|vozderzh\w*|chastichn\w*|kollegi|privet|pozicij\w*|poziciy\w*|nado|obsud\w*"
    r"|otvet\w*|chlen\w*)\b",
    re.IGNORECASE,
)
_HARD_Y = re.compile(r"y(?![aueo])|Y(?![aueoAUEO])")


def typed_in_latin(text: str) -> bool:
    """Is this Russian written in Latin letters?"""
    return len({m.lower() for m in _MARKERS.findall(text)}) >= 2


def to_cyrillic(text: str) -> str:
    """The Cyrillic that Russian typed in Latin letters stands for; digits and punctuation are kept."""
    cyrillic: str = cyrtranslit.to_cyrillic(_HARD_Y.sub(lambda m: "ы" if m.group() == "y" else "Ы", text), "ru")
    return cyrillic
