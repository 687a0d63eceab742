"""How well we read other projects' test suites: pass counts per suite and per kind of expectation.

Run from the project root:  python benchmarks/bench_peer.py [--misses] [--suite NAME]

The suites are `../shared/peer2/<suite>/cases.json` (talon, email_reply_parser, mail-parser-reply,
quotequail, flufl.bounce, bounce_email, sisimai); each case is read with `read_reply` and judged as
`tests/reading/peers.py` says. Every suite's target is printed beside its score; `--misses` lists the
cases that fail, with what we read.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

from tests.reading.peers import PEER2, SKIP_REASON, TARGETS, judge, load_suite, read, suites  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every failing case with what we read")
    parser.add_argument("--suite", choices=suites(), action="append", help="only this suite (repeatable)")
    args = parser.parse_args()
    if not PEER2.is_dir():
        print(f"skipped: {SKIP_REASON}")
        return
    logging.disable(logging.WARNING)  # mail-parser and flufl.bounce log every oddity of a real bounce
    slowest = (0.0, "")
    for suite in args.suite or suites():
        passed: Counter[str] = Counter()
        total: Counter[str] = Counter()
        not_reply: Counter[str] = Counter()
        misses: list[str] = []
        for case in load_suite(suite):
            start = time.perf_counter()
            parsed = read(case)
            slowest = max(slowest, (time.perf_counter() - start, f"{suite}/{case.id}"))
            ok = judge(case, parsed)
            total[case.group] += 1
            passed[case.group] += ok
            not_reply[case.group] += parsed.kind.value != "reply"
            if not ok:
                misses.append(f"    {case.id} [{case.expect}] got {parsed.kind.value} {_what(parsed)}")
        rows = []
        for group in sorted(total):
            row = f"{group} {passed[group]}/{total[group]}"
            if group in ("feedback", "delivered"):
                row += f" (not a reply {not_reply[group]})"
            target = TARGETS[suite].get(group)
            if target is not None:
                row += f" [target {target:.0%} {'ok' if passed[group] >= target * total[group] else 'BELOW'}]"
            rows.append(row)
        print(f"{suite:19} " + ", ".join(rows))
        if args.misses:
            print("\n".join(misses))
    print(f"slowest message {slowest[0] * 1000:.1f} ms ({slowest[1]}); groups without a target are not held to one")


def _what(parsed: object) -> str:
    text = getattr(getattr(parsed, "content", None), "text", "")
    recipient = getattr(parsed, "bounced_recipient", None)
    return f"recipient={recipient} " + repr(text[:160])


if __name__ == "__main__":
    main()
