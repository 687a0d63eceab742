"""Mail-parser-reply's tests (MIT): the reply in Danish, Dutch, German, Polish, Swedish, Japanese....

Read from `../shared/peer2/mail_parser_reply/` (never copied here); skipped when that folder is absent. Each case must
read as its project expects, except the listed misses, which stay within the suite's target.
"""

from __future__ import annotations

import pytest

from .peers import PEER2, SKIP_REASON, PeerCase, judge, misses_within_targets, params, read

if not PEER2.is_dir():
    pytest.skip(SKIP_REASON, allow_module_level=True)

SUITE = "mail_parser_reply"
MISSES: frozenset[str] = frozenset(
    {
        "mpr_email_3_1",
    }
)


@pytest.mark.parametrize("case", params(SUITE, MISSES))
def test_mail_parser_reply_case_reads_as_its_project_expects(case: PeerCase) -> None:
    assert judge(case, read(case))


def test_mail_parser_reply_misses_stay_within_target() -> None:
    assert misses_within_targets(SUITE, MISSES) == {}
