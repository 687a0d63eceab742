"""Mutated and truncated messages, and the hostile corpus: whatever the bytes, `parse_reply` returns and never
raises."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mailmaker import Attachment, make_reply

from mailflow.campaign.letter import Campaign, load_campaign
from mailflow.parse import parse_reply
from mailflow.reading.reply import ParsedReply
from tests.hostile.messages import READING

from .documents import make_docx, make_pdf
from .support import CORPUS, ROOT, SAMPLES

SEEDS = [p.read_bytes() for p in sorted(SAMPLES.glob("*.eml")) + sorted(CORPUS.glob("*.eml"))] + [
    make_reply("Ответ во вложении.", attachments=[Attachment("a.docx", "application/octet-stream", make_docx(["Да"]))]),
    make_reply("PDF.", body="both", attachments=[Attachment("a.pdf", "application/pdf", make_pdf("Yes"))]),
]
CAMPAIGN: Campaign = load_campaign(ROOT / "config" / "campaigns" / "appeal-2023.toml")
JUNK = st.sampled_from(
    [b"\r\n", b"\n\n", b"--", b"boundary=", b"=?utf-8?b?", b"?=", b"<", b">", b":", b"\x00", b"\xff\xfe",
     b"<blockquote>", b"Content-Type: multipart/mixed; boundary=x\r\n", b"Content-Transfer-Encoding: base64\r\n",
     b"charset=koi8-r"]
)  # fmt: skip


def _check(parsed: ParsedReply) -> None:
    assert isinstance(parsed, ParsedReply)
    # bad input may be unreadable, but never because reading itself broke (the last-resort catch)
    assert not (parsed.error or "").startswith("internal error"), parsed.error
    parsed.to_json()  # the CLI contract must always serialise


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.sampled_from(SEEDS), cut=st.floats(min_value=0.0, max_value=1.0))
def test_truncated_messages_never_raise(seed: bytes, cut: float) -> None:
    _check(parse_reply(seed[: int(len(seed) * cut)], CAMPAIGN))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.sampled_from(SEEDS),
    edits=st.lists(
        st.tuples(st.floats(0.0, 1.0), st.one_of(JUNK, st.binary(max_size=12)), st.integers(0, 8)), max_size=6
    ),
)
def test_mutated_messages_never_raise(seed: bytes, edits: list[tuple[float, bytes, int]]) -> None:
    data = bytearray(seed)
    for where, insert, delete in edits:
        at = int(len(data) * where)
        data[at : at + delete] = insert
    _check(parse_reply(bytes(data), CAMPAIGN))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2_000))
def test_random_bytes_never_raise(data: bytes) -> None:
    _check(parse_reply(data, CAMPAIGN))


def test_seeds_are_loaded() -> None:
    assert len(SEEDS) > 30 and all(isinstance(seed, bytes) for seed in SEEDS)
    assert Path(CORPUS).is_dir()


@pytest.mark.parametrize("name", sorted(READING))
def test_hostile_corpus_never_raises(name: str) -> None:
    _check(parse_reply(READING[name](), CAMPAIGN))
