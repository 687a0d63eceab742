"""Flufl.bounce's real bounces (Apache-2.0): kind `bounce` and the failed address; delay warnings are not replies.

Read from `../shared/peer2/flufl_bounce/` (never copied here); skipped when that folder is absent. Each case must
read as its project expects, except the listed misses, which stay within the suite's target.
"""

from __future__ import annotations

import pytest

from .peers import PEER2, SKIP_REASON, PeerCase, judge, misses_within_targets, params, read

if not PEER2.is_dir():
    pytest.skip(SKIP_REASON, allow_module_level=True)

SUITE = "flufl_bounce"
MISSES: frozenset[str] = frozenset(
    {
        "flufl_dsn_17",
        "flufl_simple_03",
        "flufl_simple_21",
        "flufl_simple_22",
        "flufl_simple_28",
        "flufl_simple_35",
        "flufl_simple_38",
        "flufl_simple_40",
    }
)


@pytest.mark.parametrize("case", params(SUITE, MISSES))
def test_flufl_bounce_case_reads_as_its_project_expects(case: PeerCase) -> None:
    assert judge(case, read(case))


def test_flufl_bounce_misses_stay_within_target() -> None:
    assert misses_within_targets(SUITE, MISSES) == {}
