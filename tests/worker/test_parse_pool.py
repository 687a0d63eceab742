"""Reading ahead in processes must give exactly what reading in the worker gives, whatever happens to the pool."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from mailflow.campaign.letter import Campaign
from mailflow.parse import parse_reply
from mailflow.reading.classify import OwnIdentity
from mailflow.reading.mime import ParseLimits
from mailflow.receiving.ingest import Reading
from mailflow.receiving.parse_pool import Interrupted, Overran, ParsePool
from tests.mailmaker import CLIENTS, make_reply

DEMO_REPLIES = Path(__file__).resolve().parents[2] / "mailflow" / "demo" / "replies"
OWN = OwnIdentity(address="dialog@committee.example", domain="committee.example")
LIMITS = ParseLimits()
TEXTS = (
    "Согласны со всеми рекомендациями.",
    "По 1.2 не согласны: нужен переходный период. 2.1 поддерживаем.",
    "We support 1.1 and 1.3; 2.2 only partly, the deadline is too short.",
    "1.4 боюнча макулбуз, 2.3 боюнча каршыбыз.",
    "",
)


@pytest.fixture
def raws(campaign: Campaign) -> list[bytes]:
    """The demo's replies (an auto-reply and a bounce among them) and generated replies from every client."""
    generated = [
        make_reply(text, client=client, body="both" if n % 2 else "plain", campaign=campaign,
                   headers={"Message-ID": f"<pool-{n}@ngo.example>"})
        for n, (text, client) in enumerate((t, c) for t in TEXTS for c in CLIENTS)
    ]  # fmt: skip
    return [path.read_bytes() for path in sorted(DEMO_REPLIES.glob("*.eml"))] + generated


@pytest.fixture
def pool() -> Iterator[ParsePool]:
    pool = ParsePool(2, min_batch=4)
    yield pool
    pool.close()


def _inline(raws: list[bytes], campaign: Campaign) -> list[object]:
    return [parse_reply(raw, campaign, limits=LIMITS, own=OWN) for raw in raws]


def _reader_pids() -> list[int]:
    """The pool's reader processes: this test process starts no other multiprocessing children."""
    return [child.pid for child in multiprocessing.active_children() if child.pid is not None]


def test_a_batch_read_in_the_pool_equals_reading_it_in_the_worker(
    pool: ParsePool, raws: list[bytes], campaign: Campaign
) -> None:
    ahead = pool.read_ahead(dict(enumerate(raws)), campaign, LIMITS, OWN)
    readings = [ahead.get(position) for position in range(len(raws))]
    ahead.close()

    assert pool.started
    assert [r.raw if r else None for r in readings] == raws
    assert [r.parsed if r else None for r in readings] == _inline(raws, campaign)


def test_readers_killed_mid_batch_leave_the_rest_to_the_worker_and_the_next_batch_starts_new_ones(
    pool: ParsePool, raws: list[bytes], campaign: Campaign
) -> None:
    ahead = pool.read_ahead(dict(enumerate(raws)), campaign, LIMITS, OWN)
    for pid in _reader_pids():
        os.kill(pid, signal.SIGKILL)
    readings = [ahead.get(position) for position in range(len(raws))]

    assert [r.parsed if r else None for r in readings] == _inline(raws, campaign)
    assert not pool.started  # the broken pool was shut down
    again = pool.read_ahead(dict(enumerate(raws[:6])), campaign, LIMITS, OWN)
    assert [again.get(p) for p in range(6)] == readings[:6]
    assert pool.started


def test_a_small_batch_is_read_by_the_watchdogs_reader_without_starting_the_pool(
    pool: ParsePool, raws: list[bytes], campaign: Campaign
) -> None:
    ahead = pool.read_ahead(dict(enumerate(raws[:3])), campaign, LIMITS, OWN)
    readings = [ahead.get(p) for p in range(3)]

    assert [r.parsed if r else None for r in readings] == _inline(raws[:3], campaign)
    assert not pool.started


def test_positions_passed_over_are_kept_for_a_second_pass_over_the_batch(raws: list[bytes], campaign: Campaign) -> None:
    ahead = ParsePool(0).read_ahead({0: raws[0], 1: raws[1], 3: raws[3]}, campaign, LIMITS, OWN)

    third = ahead.get(3)
    assert third is not None and not isinstance(third, Overran | Interrupted) and third.raw == raws[3]
    again = ahead.get(1)  # passed over when 3 was asked for; a batch processed again asks for it
    assert isinstance(again, Reading) and again.parsed == _inline([raws[1]], campaign)[0]
    assert ahead.get(2) is None  # never read ahead (an oversized message has no bytes to read)
    ahead.close()


def test_a_changed_campaign_restarts_the_readers_with_it(
    pool: ParsePool, raws: list[bytes], campaign: Campaign
) -> None:
    pool.read_ahead(dict(enumerate(raws)), campaign, LIMITS, OWN).close()
    first = _reader_pids()
    smaller = ParseLimits(max_message_bytes=100)
    ahead = pool.read_ahead(dict(enumerate(raws)), campaign, smaller, OWN)
    reading = ahead.get(0)
    ahead.close()

    assert reading is not None and reading.parsed == parse_reply(raws[0], campaign, limits=smaller, own=OWN)
    assert reading.parsed.kind.value == "unreadable"  # read with the new limits, not the old ones
    assert first and set(_reader_pids()).isdisjoint(first)
