"""Talon's quotation tests (mailgun/talon, Apache-2.0): the reply without its quotes, plain and HTML.

Read from `../shared/peer2/talon/` (never copied here); skipped when that folder is absent. Each case must
read as its project expects, except the listed misses, which stay within the suite's target.
"""

from __future__ import annotations

import pytest

from .peers import PEER2, SKIP_REASON, PeerCase, judge, misses_within_targets, params, read

if not PEER2.is_dir():
    pytest.skip(SKIP_REASON, allow_module_level=True)

SUITE = "talon"
MISSES: frozenset[str] = frozenset(
    {
        "talon_pattern_on_date_polymail",
        "talon_from_block_and_quotations_in_separate_divs",
        "talon_gmail_quote_blockquote",
        "talon_readable_html_empty",
        "talon_reply_separated_by_hr",
    }
)


@pytest.mark.parametrize("case", params(SUITE, MISSES))
def test_talon_case_reads_as_its_project_expects(case: PeerCase) -> None:
    assert judge(case, read(case))


def test_talon_misses_stay_within_target() -> None:
    assert misses_within_targets(SUITE, MISSES) == {}
