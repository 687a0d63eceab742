"""The per-message budget against hostile mail: each message of the hostile corpus (tests/hostile/messages.py)
read and its stances taken, and reading time for messages of growing size up to the 25 MB limit.

Run from the project root:  python benchmarks/bench_hostile.py [--max-mb 24]

Targets: every corpus message read in <= 2 s (the worker's watchdog stops a reading at worker.read_seconds,
10 s); reading time per megabyte about the same at every size (linear, no quadratic stage).
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

from mailflow.campaign.letter import load_campaign  # noqa: E402
from mailflow.parse import parse_reply, read_reply  # noqa: E402
from tests.hostile.messages import READING, STANCES, plain  # noqa: E402


def _seconds(read: object, raw: bytes) -> float:
    started = time.perf_counter()
    read(raw)  # type: ignore[operator]
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--max-mb", type=int, default=24, help="the largest message of the size series (MB)")
    parser.add_argument("--stances", action="store_true", help="also the stance stage's own findings (1, 2)")
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)
    campaign = load_campaign(ROOT / "config" / "campaigns" / "appeal-2023.toml")
    corpus = {**READING, **(STANCES if args.stances else {})}
    print(f"{'hostile message':28} {'bytes':>10} {'read_reply':>11} {'parse_reply':>12}")
    for name, make in corpus.items():
        raw = make()
        read = _seconds(read_reply, raw)
        parsed = _seconds(lambda r: parse_reply(r, campaign), raw)
        print(f"{name:28} {len(raw):>10} {read:>10.2f}s {parsed:>11.2f}s", flush=True)
    print(f"\n{'unit repeated':24} " + " ".join(f"{mb:>6} MB" for mb in _sizes(args.max_mb)) + "   (s per MB)")
    for unit in ("Согласны с 1.1. ", "a", "<div>", "--B\r\n", "=?utf-8?b?0JA=?= "):
        per_mb = []
        for mb in _sizes(args.max_mb):
            raw = plain(unit * (mb * 1_000_000 // len(unit.encode())))
            per_mb.append(_seconds(read_reply, raw) / mb)
        print(f"{unit.strip()!r:24} " + " ".join(f"{s:>9.3f}" for s in per_mb), flush=True)


def _sizes(largest: int) -> list[int]:
    return [mb for mb in (1, 3, 6, 12, 24) if mb <= largest]


if __name__ == "__main__":
    main()
