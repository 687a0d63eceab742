"""Email_reply_parser's tests (github and zapier, MIT): the reply without its quotes and signature.

Read from `../shared/peer2/email_reply_parser/` (never copied here); skipped when that folder is absent. Each case must
read as its project expects, except the listed misses, which stay within the suite's target.
"""

from __future__ import annotations

import pytest

from .peers import PEER2, SKIP_REASON, PeerCase, judge, misses_within_targets, params, read

if not PEER2.is_dir():
    pytest.skip(SKIP_REASON, allow_module_level=True)

SUITE = "email_reply_parser"
MISSES: frozenset[str] = frozenset()


@pytest.mark.parametrize("case", params(SUITE, MISSES))
def test_email_reply_parser_case_reads_as_its_project_expects(case: PeerCase) -> None:
    assert judge(case, read(case))


def test_email_reply_parser_misses_stay_within_target() -> None:
    assert misses_within_targets(SUITE, MISSES) == {}
