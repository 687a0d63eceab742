"""The bounce_email gem's messages (MIT): kind `bounce` and the failed address.

An ARF report and plain mail are not bounces.

Read from `../shared/peer2/bounce_email/` (never copied here); skipped when that folder is absent. Each case must
read as its project expects, except the listed misses, which stay within the suite's target.
"""

from __future__ import annotations

import pytest

from .peers import PEER2, SKIP_REASON, PeerCase, judge, misses_within_targets, params, read

if not PEER2.is_dir():
    pytest.skip(SKIP_REASON, allow_module_level=True)

SUITE = "bounce_email"
MISSES: frozenset[str] = frozenset(
    {
        "be_tt_bounce_16",
    }
)


@pytest.mark.parametrize("case", params(SUITE, MISSES))
def test_bounce_email_case_reads_as_its_project_expects(case: PeerCase) -> None:
    assert judge(case, read(case))


def test_bounce_email_misses_stay_within_target() -> None:
    assert misses_within_targets(SUITE, MISSES) == {}
