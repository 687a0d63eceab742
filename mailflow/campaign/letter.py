"""The campaign: the letter and its numbered recommendations, loaded from and saved to a TOML file.

A campaign file is what the secretary edits and what every stage reads; recommendation IDs such as `1.3`
are the stable keys that stances, reviews and exports refer to, so they are validated here once.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import tomli_w

from mailflow.errors import CampaignError

ID_PATTERN = re.compile(r"^\d{1,2}\.\d{1,2}$")


class Audience(StrEnum):
    """Who a recommendation is addressed to; the seed letter splits panel 3 into business and CSOs."""

    ALL = "all"
    BUSINESS = "business"
    CSO = "cso"


@dataclass(frozen=True)
class Recommendation:
    id: str
    panel: int
    text: str
    audience: Audience = Audience.ALL

    @property
    def number(self) -> int:
        """Position inside its panel: 3 for `4.3`."""
        return int(self.id.split(".")[1])


@dataclass(frozen=True)
class Panel:
    number: int
    title: str
    # Words respondents use for the panel instead of its number ("по цифровым", "coalitions and networks"):
    # stems, matched at the start of a word, only where a reply names a part of the letter with them.
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Letter:
    """The fixed parts of the appeal; templates wrap them around the recommendations."""

    subject: str
    greeting: str
    intro: str
    closing: str
    signature: str


@dataclass(frozen=True)
class Campaign:
    slug: str
    title: str
    letter: Letter
    panels: tuple[Panel, ...]
    recommendations: tuple[Recommendation, ...]
    event_url: str = ""
    _by_id: dict[str, Recommendation] = field(init=False, repr=False, compare=False)
    _ids: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {r.id: r for r in self.recommendations})
        object.__setattr__(self, "_ids", tuple(r.id for r in self.recommendations))  # asked per unit read

    @property
    def ids(self) -> tuple[str, ...]:
        return self._ids

    def get(self, rec_id: str) -> Recommendation | None:
        return self._by_id.get(rec_id)

    def in_panel(self, number: int) -> tuple[Recommendation, ...]:
        return tuple(r for r in self.recommendations if r.panel == number)

    def for_audience(self, audience: Audience) -> tuple[Recommendation, ...]:
        """Recommendations addressed to `audience`: those for everyone plus those for that group."""
        return tuple(r for r in self.recommendations if r.audience in (Audience.ALL, audience))

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON shape of `mailflow campaign show --json`."""
        return {
            "slug": self.slug,
            "title": self.title,
            "event_url": self.event_url,
            "letter": {
                "subject": self.letter.subject,
                "greeting": self.letter.greeting,
                "intro": self.letter.intro,
                "closing": self.letter.closing,
                "signature": self.letter.signature,
            },
            "panels": [
                {"number": p.number, "title": p.title, **({"aliases": list(p.aliases)} if p.aliases else {})}
                for p in self.panels
            ],
            "recommendations": [
                {"id": r.id, "panel": r.panel, "text": r.text, "audience": r.audience.value}
                for r in self.recommendations
            ],
        }


# the keys a campaign file may hold, per table ("" is the top level); anything else is a typo to report
FIELDS: dict[str, frozenset[str]] = {
    "": frozenset({"slug", "title", "event_url", "letter", "panels", "recommendations"}),
    "letter": frozenset(Letter.__dataclass_fields__),
    "panels": frozenset({"number", "title", "aliases"}),
    "recommendations": frozenset({"id", "panel", "text", "audience"}),
}


def _unknown_field(data: dict[str, Any]) -> tuple[str, str] | None:
    """The first (table, key) no campaign has: `subjct = …` would otherwise give letters with no Subject."""
    tables: list[tuple[str, Any]] = [("", data)]
    tables += [("letter", data.get("letter"))]
    tables += [(name, entry) for name in ("panels", "recommendations") for entry in data.get(name) or ()]
    for table, values in tables:
        if isinstance(values, dict):
            for key in values:
                if key not in FIELDS[table]:
                    return table, key
    return None


def _line_of(text: str, table: str, key: str) -> int:
    """The 1-based line where `key` is set inside `table` (a `[table]` or `[[table]]`), 0 if not found."""
    current = ""
    setting = re.compile(rf"""^\s*["']?{re.escape(key)}["']?\s*=""")
    for number, line in enumerate(text.splitlines(), start=1):
        header = re.match(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?", line)
        if header:
            current = header.group(1)
        elif current == table and setting.match(line):
            return number
    return 0


def campaign_from_dict(data: dict[str, Any], source: str, *, text: str = "") -> Campaign:
    """Validate a campaign's plain data; every problem names the field so the secretary can fix the file,
    and with the file's `text` an unknown field names its line too."""
    unknown = _unknown_field(data)
    if unknown is not None:
        table, key = unknown
        line = _line_of(text, table, key)
        where = f"line {line}: " if line else ""
        raise CampaignError(source, f"{where}unknown field {f'{table}.' if table else ''}{key}")
    try:
        letter_data = data["letter"]
        letter = Letter(**{k: str(letter_data.get(k, "")) for k in Letter.__dataclass_fields__})
        panels = tuple(
            Panel(int(p["number"]), str(p["title"]), tuple(str(a) for a in p.get("aliases", ())))
            for p in data["panels"]
        )
        recs = tuple(
            Recommendation(
                id=str(r["id"]),
                panel=int(r["panel"]),
                text=str(r["text"]).strip(),
                audience=Audience(r.get("audience", "all")),
            )
            for r in data["recommendations"]
        )
        campaign = Campaign(
            slug=str(data["slug"]),
            title=str(data["title"]),
            letter=letter,
            panels=panels,
            recommendations=recs,
            event_url=str(data.get("event_url", "")),
        )
    except KeyError as exc:
        raise CampaignError(source, f"missing field {exc.args[0]!r}") from exc
    except (TypeError, ValueError) as exc:
        raise CampaignError(source, f"malformed field: {exc}") from exc
    _validate(campaign, source)
    return campaign


def _validate(campaign: Campaign, source: str) -> None:
    if not campaign.recommendations:
        raise CampaignError(source, "the campaign has no recommendations")
    panel_numbers = {p.number for p in campaign.panels}
    seen: set[str] = set()
    for rec in campaign.recommendations:
        if not ID_PATTERN.match(rec.id):
            raise CampaignError(source, f"recommendation ID {rec.id!r} is not of the form 1.3")
        if rec.id in seen:
            raise CampaignError(source, f"recommendation ID {rec.id} appears twice")
        if rec.panel not in panel_numbers or not rec.id.startswith(f"{rec.panel}."):
            raise CampaignError(source, f"recommendation {rec.id} names panel {rec.panel}, which is not listed")
        if not rec.text:
            raise CampaignError(source, f"recommendation {rec.id} has no text")
        seen.add(rec.id)


def load_campaign(path: Path) -> Campaign:
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except FileNotFoundError as exc:
        raise CampaignError(str(path), "no such campaign file") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CampaignError(str(path), f"not a readable TOML file: {exc}") from exc
    return campaign_from_dict(data, str(path), text=text)


def dump_campaign(campaign: Campaign) -> str:
    return tomli_w.dumps(campaign.to_dict(), multiline_strings=True)


def save_campaign(campaign: Campaign, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_campaign(campaign), encoding="utf-8")
