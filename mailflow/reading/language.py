"""Which language a reply is written in: Russian, Kyrgyz or English.

Kyrgyz is written in Cyrillic like Russian; it is told apart by its own letters (ң, ө, ү) and by its
common words, since a short Kyrgyz answer ("Бардык сунуштар менен макулбуз") may have none of the letters.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+")
_KYRGYZ_LETTERS = re.compile("[ңөүҢӨҮ]")
# fmt: off
_KYRGYZ_WORDS = frozenset({
    "жана", "менен", "үчүн", "боюнча", "бардык", "сунуш", "сунуштар", "сунуштарды", "макул", "макулбуз",
    "макулмун", "биз", "биздин", "сиз", "сиздин", "эмес", "жок", "ооба", "рахмат", "урматтуу", "урматтоо",
    "ушул", "бул", "дагы", "болуп", "болот", "керек", "жооп", "жообу", "кат", "катыңыз", "уюм", "уюмубуз",
    "колдойбуз", "колдойт", "толугу", "айрым", "бирок", "каршыбыз",
})
_RUSSIAN_WORDS = frozenset({
    "и", "в", "не", "на", "с", "что", "мы", "по", "все", "всеми", "со", "как", "это", "за", "от", "из", "для",
    "или", "но", "наша", "наш", "нас", "согласны", "согласен", "поддерживаем", "рекомендации",
    "рекомендациями", "рекомендацией", "кроме", "также", "уважением", "спасибо",
})
# fmt: on
_SAMPLE = 20_000


def detect_language(text: str, *, default: str = "ru") -> str:
    """ "ru", "ky" or "en" for `text`; `default` when there are no letters to judge by."""
    # addresses and links are not words of any language; dropped by token, since a regex like `\S+@\S+`
    # retries every start of a long token and takes quadratic time on one without "@"
    sample = " ".join(t for t in text[:_SAMPLE].split() if "@" not in t and "://" not in t)
    words = [w.lower() for w in _WORD.findall(sample)]
    if not words:
        return default
    # letters, not words, so that header lines of a forward ("From:", "Subject:") do not outvote the text
    cyrillic = sum(len(w) for w in words if "\u0400" <= w[0] <= "\u04ff")
    latin = sum(len(w) for w in words if w[0].isascii())
    if latin > cyrillic:
        return "en"
    if cyrillic == 0:
        return default
    kyrgyz = sum(1 for w in words if w in _KYRGYZ_WORDS or _KYRGYZ_LETTERS.search(w))
    russian = sum(1 for w in words if w in _RUSSIAN_WORDS)
    return "ky" if kyrgyz > russian else "ru"
