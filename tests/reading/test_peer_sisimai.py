"""sisimai's set-of-emails, labelled by p5-sisimai's tests (BSD-2-Clause): failures are bounces.

Feedback reports (ARF) and delivered notices have kinds of their own; vacation notices are auto-replies.

Read from `../shared/peer2/sisimai/` (never copied here); skipped when that folder is absent. Each case must
read as its project expects, except the listed misses, which stay within the suite's target.
"""

from __future__ import annotations

import pytest

from .peers import PEER2, SKIP_REASON, PeerCase, judge, misses_within_targets, params, read

if not PEER2.is_dir():
    pytest.skip(SKIP_REASON, allow_module_level=True)

SUITE = "sisimai"
MISSES: frozenset[str] = frozenset(
    {
        "sisimai_lhost-apachejames-01",
        "sisimai_lhost-fml-03",
        "sisimai_lhost-messagingserver-07",
        "sisimai_lhost-outlook-06",
        "sisimai_lhost-sendmail-29",
        "sisimai_lhost-sendmail-55",
        "sisimai_lhost-verizon-02",
        "sisimai_rfc3464-07",
        "sisimai_rhost-gsuite-06",
    }
)


@pytest.mark.parametrize("case", params(SUITE, MISSES))
def test_sisimai_case_reads_as_its_project_expects(case: PeerCase) -> None:
    assert judge(case, read(case))


def test_sisimai_misses_stay_within_target() -> None:
    assert misses_within_targets(SUITE, MISSES) == {}
