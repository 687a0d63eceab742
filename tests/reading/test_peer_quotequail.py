"""quotequail's tests (closeio/quotequail, MIT): the reply without its quotes.

Its forwards are the respondent's content to us (we keep them); they are printed but not held to a bar.

Read from `../shared/peer2/quotequail/` (never copied here); skipped when that folder is absent. Each case must
read as its project expects, except the listed misses, which stay within the suite's target.
"""

from __future__ import annotations

import pytest

from .peers import PEER2, SKIP_REASON, PeerCase, judge, misses_within_targets, params, read

if not PEER2.is_dir():
    pytest.skip(SKIP_REASON, allow_module_level=True)

SUITE = "quotequail"
MISSES: frozenset[str] = frozenset(
    {
        "qq_unwrap_00",
        "qq_unwrap_01",
        "qq_unwrap_03",
        "qq_unwrap_04",
        "qq_unwrap_11",
        "qq_unwrap_12",
        "qq_unwrap_13",
        "qq_unwrap_16",
        "qq_unwrap_17",
        "qq_unwrap_18",
        "qq_unwrap_19",
        "qq_quote_03",
        "qq_quote_04",
        "qq_quote_html_01",
        "qq_file_apple_forward",
        "qq_file_gmail_forward",
        "qq_file_mailru_forward",
        "qq_file_thunderbird_forward",
    }
)


@pytest.mark.parametrize("case", params(SUITE, MISSES))
def test_quotequail_case_reads_as_its_project_expects(case: PeerCase) -> None:
    assert judge(case, read(case))


def test_quotequail_misses_stay_within_target() -> None:
    assert misses_within_targets(SUITE, MISSES) == {}
