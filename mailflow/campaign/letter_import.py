"""Read a committee letter written as plain text into a `Campaign`.

Letters arrive as text copied out of Word or a PDF, so the reader tolerates what that does to them: bullets
of several kinds, lines wrapped mid-sentence, blank lines left by page breaks inside a bullet, bullets that
start with a stray space. It is pure (text in, campaign out) so the secretary's preview and the tests agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mailflow.campaign.letter import Audience, Campaign, Letter, Panel, Recommendation, campaign_from_dict
from mailflow.errors import CampaignError

# "По итогам Панельной дискуссии №1:", "Панель 2", "Раздел 3.", "Panel 4:", "Section 1"
PANEL_HEADING = re.compile(
    r"^(?:По итогам\s+)?(?:Панельн\w+\s+дискусси\w+|Панел\w*|Раздел\w*|Секци\w+|Panel|Section)"
    r"\s*(?:№|No\.?|#)?\s*(\d{1,2})\b[.:]?\s*(.*)$",
    re.IGNORECASE,
)
BULLET = re.compile(r"^(?:[●•▪◦∙·*\-–—]|\d{1,2}[.)](?!\d))\s*(.+)$")
SUBGROUP_BUSINESS = re.compile(r"^(?:бизнес|частный сектор|business|private sector)[^:]{0,40}:$", re.IGNORECASE)
SUBGROUP_CSO = re.compile(r"^(?:ОГО|НКО|НПО|CSOs?|NGOs?|гражданское общество|civil society)[^:]{0,40}:$", re.IGNORECASE)
RECOMMENDATIONS_LEAD = re.compile(r"\s*были\s+выработаны.*$|\s*(?:the following )?recommendations.*$", re.I)
TITLE_QUOTE = re.compile(r"«(.+)»")
SENTENCE_END = (".", "!", "?", ";", "…")


@dataclass
class _Draft:
    """What the reader has collected so far; turned into a Campaign at the end."""

    intro: list[str] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    panels: list[Panel] = field(default_factory=list)
    heading_lines: dict[int, list[str]] = field(default_factory=dict)
    recs: list[tuple[int, Audience, list[str]]] = field(default_factory=list)


def _join(lines: list[str]) -> str:
    """Join wrapped lines: a line ending in a hyphen after a letter continues the same word."""
    text = ""
    for line in (ln.strip() for ln in lines):
        if not line:
            continue
        if text.endswith("-") and len(text) > 1 and text[-2].isalpha():
            text += line
        else:
            text = f"{text} {line}" if text else line
    return re.sub(r"\s+", " ", text).strip()


def _panel_title(lines: list[str]) -> str:
    heading = RECOMMENDATIONS_LEAD.sub("", _join(lines)).strip(" :")
    quoted = TITLE_QUOTE.search(heading)
    return quoted.group(1).strip() if quoted else heading


def _read(text: str) -> _Draft:
    draft = _Draft()
    panel: int | None = None
    audience = Audience.ALL
    current: list[str] | None = None  # the bullet being read
    in_heading = False
    pending_blank = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            pending_blank = True
            in_heading = False
            continue
        heading = PANEL_HEADING.match(line)
        bullet = BULLET.match(line) if panel is not None else None
        if heading:
            panel = int(heading.group(1))
            draft.panels.append(Panel(panel, ""))
            draft.heading_lines[panel] = [heading.group(2)]
            audience, current, in_heading = Audience.ALL, None, True
        elif panel is not None and SUBGROUP_BUSINESS.match(line):
            audience, current, in_heading = Audience.BUSINESS, None, False
        elif panel is not None and SUBGROUP_CSO.match(line):
            audience, current, in_heading = Audience.CSO, None, False
        elif bullet:
            current = [bullet.group(1)]
            draft.recs.append((panel if panel is not None else 0, audience, current))
            in_heading = False
        elif in_heading and panel is not None:
            draft.heading_lines[panel].append(line)
        elif current is not None and (not pending_blank or not _join(current).endswith(SENTENCE_END)):
            # a wrapped line, or the rest of a bullet split by a page break
            current.append(line)
        elif panel is None:
            draft.intro.append(line if not pending_blank else f"\n{line}")
        else:
            current = None
            draft.closing.append(line if not pending_blank else f"\n{line}")
        pending_blank = False
    return draft


def _paragraphs(lines: list[str]) -> str:
    paragraphs = "\n".join(lines).split("\n\n")
    return "\n\n".join(_join(p.split("\n")) for p in paragraphs if p.strip())


def import_letter(text: str, *, slug: str, source: str, subject: str | None = None) -> Campaign:
    """Turn a letter's text into a campaign; IDs are panel number and position (`3.2`)."""
    draft = _read(text)
    if not draft.recs:
        raise CampaignError(source, "no recommendations found: expected panel headings followed by bullets")
    intro_lines = draft.intro
    address = intro_lines[0].strip() if intro_lines and intro_lines[0].isupper() else ""
    if address:
        intro_lines = intro_lines[1:]
    intro = _paragraphs(intro_lines)
    event = TITLE_QUOTE.search(intro)
    title = event.group(1) if event else (address or source)
    closing_lines = draft.closing
    panels = [Panel(p.number, _panel_title(draft.heading_lines[p.number])) for p in draft.panels]
    counters: dict[int, int] = {}
    recs: list[Recommendation] = []
    for panel_number, audience, lines in draft.recs:
        counters[panel_number] = counters.get(panel_number, 0) + 1
        recs.append(Recommendation(f"{panel_number}.{counters[panel_number]}", panel_number, _join(lines), audience))
    closing = _paragraphs(closing_lines)
    signature = "Оргкомитет" if "Оргкомитет" in closing else ""
    letter = Letter(
        subject=subject or f"Рекомендации по итогам диалога «{title}»",
        greeting="Уважаемые коллеги!",
        intro=intro,
        closing=closing,
        signature=signature,
    )
    campaign = Campaign(slug=slug, title=title, letter=letter, panels=tuple(panels), recommendations=tuple(recs))
    # round-trip through the validator so an imported campaign obeys the same rules as a loaded one
    return campaign_from_dict(campaign.to_dict(), source)
