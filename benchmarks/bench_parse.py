"""How fast reading is: `parse_reply` against bare `mailparser.parse_from_bytes` on the same messages.

Run from the project root:  python benchmarks/bench_parse.py [--rounds N] [--shared DIR]

The messages are the shared samples, talon's fixtures, our corpus, and long quoted threads made here
(a reply on top of 10 or 40 replies, each quoting all before it, in plain text and in nested HTML
blockquotes), since those are where a backtracking regex or a quadratic walk would show. The readers
take turns on each message, so a busy machine slows them alike. Targets: the reading stage at least half
mail-parser's rate, and no message over 50 ms.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path

import mailparser

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from mailmaker import make_reply  # noqa: E402

from mailflow.campaign.letter import load_campaign  # noqa: E402
from mailflow.parse import parse_reply, read_reply  # noqa: E402

SHARED = ROOT.parent / "shared"


def messages(shared: Path = SHARED) -> list[tuple[str, bytes]]:
    found = [
        *sorted((shared / "samples" / "replies").glob("*.eml")),
        *sorted((shared / "peer" / "talon" / "standard_replies").glob("*.eml")),
        *sorted((ROOT / "tests" / "reading" / "corpus").glob("*.eml")),
    ]
    out = [(path.name, path.read_bytes()) for path in found]
    for depth in (10, 40):
        for body in ("plain", "html"):
            out.append((f"thread-{depth}-{body}", _thread(depth, body)))
    return out


def _thread(depth: int, body: str) -> bytes:
    """A reply on top of `depth` earlier replies, each quoting all before it, over our whole letter."""
    letter = make_reply("", client="gmail", body="plain" if body == "plain" else "html")
    text = letter.split(b"\r\n\r\n", 1)[1].decode("utf-8")
    attribution = "On Thu, Mar 2, 2023 at 10:{:02d} AM X <x@y.example> wrote:"
    for level in range(depth):
        if body == "plain":
            quoted = "\n".join(f"> {line}" for line in text.splitlines())
            text = f"Ответ {level}: согласны.\n\n{attribution.format(level)}\n\n{quoted}"
        else:
            text = (
                f'<div dir="ltr">Ответ {level}: согласны.</div><div class="gmail_quote">'
                f'<div class="gmail_attr">{attribution.format(level).replace("<", "&lt;")}</div>'
                f'<blockquote class="gmail_quote">{text}</blockquote></div>'
            )
    if body == "plain":
        return make_reply(text, client="thunderbird", body="plain")
    head = "From: x@y.example\r\nSubject: Re: thread\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
    return head.encode("ascii") + text.encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10, help="passes over all messages (default 10)")
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared samples (default ../shared)")
    args = parser.parse_args()
    rounds = args.rounds
    logging.disable(logging.WARNING)  # mail-parser logs every part type it does not handle
    campaign = load_campaign(ROOT / "config" / "campaigns" / "appeal-2023.toml")
    corpus = messages(args.shared)
    readers: dict[str, Callable[[bytes], object]] = {
        "mailparser.parse_from_bytes": mailparser.parse_from_bytes,
        "read_reply (reading stage)": read_reply,
        "parse_reply (reading + stances)": lambda raw: parse_reply(raw, campaign),
    }
    totals = dict.fromkeys(readers, 0.0)
    best: dict[str, dict[str, float]] = {name: {} for name in readers}
    for _ in range(rounds):
        for message, raw in corpus:
            for name, read in readers.items():
                start = time.perf_counter()
                read(raw)
                elapsed = time.perf_counter() - start
                totals[name] += elapsed
                best[name][message] = min(best[name].get(message, elapsed), elapsed)
    count = rounds * len(corpus)
    bare = totals["mailparser.parse_from_bytes"]
    size = sum(len(raw) for _message, raw in corpus) / 1e6
    print(f"{len(corpus)} messages ({size:.1f} MB) x {rounds} rounds; slowest = a message's best time over rounds")
    for name, total in totals.items():
        worst = max(best[name], key=lambda message: best[name][message])
        print(
            f"{name:32} {count / total:6.0f} msg/s  ratio {bare / total:4.2f}"
            f"  slowest {best[name][worst] * 1000:5.1f} ms ({worst})"
        )
    print("targets: read_reply ratio >= 0.5, slowest < 50 ms")


if __name__ == "__main__":
    main()
