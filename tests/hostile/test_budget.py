"""The per-message budget: every message of the hostile corpus is read in ≤ 2 s and ≤ 200 MB, and reading time
grows linearly with the message up to the size limit."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mailflow.campaign.letter import Campaign
from mailflow.parse import parse_reply, read_reply
from tests.hostile.messages import READING, STANCES, plain

SECONDS = 2.0
MEGABYTES = 200


@pytest.mark.parametrize("name", sorted({*READING, *STANCES}))
def test_each_hostile_message_is_read_within_two_seconds(name: str) -> None:
    raw = {**READING, **STANCES}[name]()
    started = time.perf_counter()
    read_reply(raw)
    assert time.perf_counter() - started <= SECONDS


@pytest.mark.parametrize("name", sorted({*READING, *STANCES}))
def test_each_hostile_message_gets_its_stances_within_two_seconds(name: str, campaign: Campaign) -> None:
    raw = {**READING, **STANCES}[name]()
    started = time.perf_counter()
    parse_reply(raw, campaign)
    assert time.perf_counter() - started <= SECONDS


def test_the_whole_corpus_is_read_in_a_process_that_stays_under_200_mb(tmp_path: Path) -> None:
    """Peak resident memory of a fresh process (interpreter and libraries included) reading every message."""
    if not Path("/proc/self/status").is_file():
        pytest.skip("no /proc/self/status (not Linux): the peak memory cannot be read")
    for name, make in READING.items():
        (tmp_path / f"{name}.eml").write_bytes(make())
    # VmHWM, the peak of this process's own memory: ru_maxrss would count pytest's, inherited across exec
    child = (
        "import re, sys, pathlib\n"
        "from mailflow.parse import read_reply\n"
        "for path in sorted(pathlib.Path(sys.argv[1]).glob('*.eml')):\n"
        "    read_reply(path.read_bytes())\n"
        "status = pathlib.Path('/proc/self/status').read_text()\n"
        "print(int(re.search(r'VmHWM:\\s+(\\d+) kB', status).group(1)) // 1024)\n"
    )
    done = subprocess.run([sys.executable, "-c", child, str(tmp_path)], capture_output=True, text=True, check=True)
    assert int(done.stdout) <= MEGABYTES


def _seconds_per_byte(raw: bytes) -> float:
    started = time.perf_counter()
    read_reply(raw)
    return (time.perf_counter() - started) / len(raw)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    unit=st.sampled_from(["Согласны с 1.1. ", "<div>", "=?utf-8?b?0JA=?= ", "a", "> цитата\n", "--B\r\n", "x@y "]),
    html=st.booleans(),
)
def test_reading_time_grows_linearly_with_the_message(unit: str, html: bool) -> None:
    """A message 16 times longer takes at most ~16 times as long (with room for timer noise and the fixed cost
    of a small message): no stage is quadratic. `benchmarks/bench_hostile.py` goes up to the size limit."""
    size = len(unit.encode())
    small, big = 500_000 // size, 8_000_000 // size
    ratio = _seconds_per_byte(_message(unit * big, html)) / _seconds_per_byte(_message(unit * small, html))
    assert ratio < 3.0


def _message(text: str, html: bool) -> bytes:
    raw = plain(text)
    return raw.replace(b"text/plain", b"text/html", 1) if html else raw
