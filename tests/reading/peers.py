"""Other projects' public test suites (`../shared/peer2/<suite>/cases.json`) as cases we score our reading on.

The fixtures are their projects' data under their own licences: they are read from `../shared` and never
copied here. A case names its input (a message file, a bare body file, or an inline body), what its
project expects (a reply's own text, a bounce and its failed address, a feedback report, a delivered
notice...) and the test the expectation comes from. `judge` says whether our reading meets it.
"""

from __future__ import annotations

import ast
import json
import quopri
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from mailflow.parse import read_reply
from mailflow.reading.htmltext import html_to_text
from mailflow.reading.reply import Kind, ParsedReply

from .support import ROOT

PEER2 = ROOT.parent / "shared" / "peer2"
SKIP_REASON = f"{PEER2} is absent (a plain clone): the peer suites are not run"

# Issue 13's table: per suite and kind of expectation, the share of cases that must pass (at or above).
# Groups not listed (quotequail's forwards, flufl's delay warnings) are printed but not held to a bar.
TARGETS: dict[str, dict[str, float]] = {
    "talon": {"reply": 0.90},
    "email_reply_parser": {"reply": 0.90},
    "mail_parser_reply": {"reply": 0.90},
    "quotequail": {"reply": 1.0},
    "flufl_bounce": {"bounce": 0.97, "not_bounce": 1.0},
    "bounce_email": {"bounce": 0.97, "not_bounce": 1.0},
    "sisimai": {"bounce": 0.97, "feedback": 1.0, "delivered": 1.0, "auto_reply": 1.0, "not_bounce": 1.0},
}


@dataclass(frozen=True)
class PeerCase:
    """One expectation of another project's test suite, with the message it is about."""

    suite: str
    id: str
    expect: str
    category: str
    raw: bytes
    text: str = ""
    alts: tuple[str, ...] = ()
    signoff: str = ""
    html: bool = False
    nospace: bool = False
    addresses: tuple[str, ...] = ()

    @property
    def group(self) -> str:
        """The row of the issue's table the case counts in: replies, bounces, feedback, delivered..."""
        if self.suite == "quotequail" and self.category == "forward":
            return "forward"  # quotequail unwraps forwards; we keep a forward as the respondent's content
        return self.expect


def load_suite(suite: str) -> list[PeerCase]:
    """Every case of `../shared/peer2/<suite>/cases.json`, with its message as bytes."""
    folder = PEER2 / suite
    data: dict[str, Any] = json.loads((folder / "cases.json").read_text(encoding="utf-8"))
    return [_case(suite, folder, entry) for entry in data["cases"]]


def suites() -> list[str]:
    return sorted(TARGETS)


def _case(suite: str, folder: Path, entry: dict[str, Any]) -> PeerCase:
    body = entry["body"]
    content = entry["inline"].encode("utf-8") if "inline" in entry else (folder / entry["file"]).read_bytes()
    raw = content if body == "eml" else _message(content, html=body == "html", cte=entry.get("cte", "8bit"))
    return PeerCase(
        suite=suite,
        id=entry["id"],
        expect=entry["expect"],
        category=entry["category"],
        raw=raw,
        text=entry.get("text", ""),
        alts=tuple(_listed(entry.get("alts"))),
        signoff=entry.get("signoff", ""),
        html=body == "html",
        nospace=bool(entry.get("nospace")),
        addresses=tuple(a.lower() for a in _listed(entry.get("addresses"))),
    )


def _listed(value: object) -> list[str]:
    """The suites keep lists either as JSON lists or as their Python repr ("['a@b']")."""
    if value is None:
        return []
    if isinstance(value, str):
        value = ast.literal_eval(value) if value.startswith("[") else [value]
    return [str(v) for v in value] if isinstance(value, list) else []


def _message(body: bytes, *, html: bool, cte: str) -> bytes:
    """A bare body as the message a client would send.

    The reply suites test bodies without headers, so the subject says nothing either: not "Re:", which
    would tell the reader that a header block opening the body is the quoted original.
    """
    if cte == "quoted-printable":
        body = quopri.decodestring(body)
    subtype = "html" if html else "plain"
    head = "From: alex@example.com\r\nTo: bob@example.com\r\nSubject: Test\r\nMIME-Version: 1.0\r\n"
    head += f"Content-Type: text/{subtype}; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
    return head.encode("ascii") + body


def read(case: PeerCase) -> ParsedReply:
    return read_reply(case.raw)


def judge(case: PeerCase, parsed: ParsedReply) -> bool:
    """Whether our reading meets the suite's expectation for this case."""
    kind = parsed.kind.value
    match case.expect:
        case "reply":
            return kind == Kind.REPLY.value and _same_text(case, parsed.content.text)
        case "bounce":
            address = parsed.bounced_recipient
            return kind == Kind.BOUNCE.value and (not case.addresses or address in case.addresses)
        case "not_bounce":
            return kind != Kind.BOUNCE.value
        case "delay":  # a warning that delivery is still being tried: neither a reply nor a failure
            return kind not in (Kind.REPLY.value, Kind.BOUNCE.value)
        case "auto_reply":
            return kind == Kind.AUTO_REPLY.value
        case "feedback":
            return kind == "feedback_report"
        case "delivered":
            return kind == "receipt"
    raise ValueError(f"unknown expectation {case.expect!r} in {case.suite}/{case.id}")


def _same_text(case: PeerCase, ours: str) -> bool:
    """Our text equals the expected one, up to whitespace; signatures are ours to drop.

    The suites keep a sign-off ("-- rick", "Thanks,\\nJohn") in the reply text, our contract removes it, so
    the expected text with its sign-off (given, or the last short paragraph) taken away also counts.
    """
    wanted = [_rendered(case, t) for t in (case.text, *case.alts)]
    if case.signoff:
        wanted += [_rendered(case, f"{t}\n\n{case.signoff}") for t in (case.text, *case.alts)]
    wanted += [_without_signoff(t) for t in list(wanted)]
    got = _flat(ours, nospace=case.nospace)
    return any(got == _flat(t, nospace=case.nospace) for t in wanted)


def _rendered(case: PeerCase, text: str) -> str:
    return html_to_text(text) if case.html else text


def _without_signoff(text: str) -> str:
    """The text without a last paragraph of at most two short lines (a name, "Thanks, John"), or without a
    last line that is a sign-off ("Regards, Roman")."""
    paragraphs = text.strip().split("\n\n")
    last = paragraphs[-1].strip().splitlines()
    if len(paragraphs) > 1 and len(last) <= 2 and all(len(line) <= 40 for line in last):
        return "\n\n".join(paragraphs[:-1])
    if len(last) > 1 and len(last[-1]) <= 40 and _SIGNOFF.match(last[-1]):
        return text.strip().rsplit("\n", 1)[0]
    return text


_SIGNOFF = re.compile(r"^\s*(?:--|regards|best|thanks|thank you|cheers|sincerely|kind regards)\b", re.I)


def _flat(text: str, *, nospace: bool) -> str:
    return "".join(text.split()) if nospace else " ".join(text.split())


def params(suite: str, misses: frozenset[str]) -> list[Any]:
    """The suite's cases for `parametrize`; the known misses are strict xfails, so a fix must unlist them."""
    cases = load_suite(suite)
    unknown = misses - {case.id for case in cases}
    if unknown:
        raise ValueError(f"{suite}: listed misses that are not cases: {sorted(unknown)}")
    miss = pytest.mark.xfail(strict=True, reason="a known miss of ours")
    return [pytest.param(case, id=case.id, marks=[miss] if case.id in misses else []) for case in cases]


def misses_within_targets(suite: str, misses: frozenset[str]) -> dict[str, str]:
    """Per group with a target, a complaint when the listed misses leave it below its bar."""
    total: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    for case in load_suite(suite):
        total[case.group] += 1
        missed[case.group] += case.id in misses
    return {
        group: f"{total[group] - missed[group]}/{total[group]} is below {target:.0%}"
        for group, target in TARGETS[suite].items()
        if total[group] - missed[group] < target * total[group]
    }
