"""The labelled corpus: its make-up, and the scorer's four figures held at the issue's targets."""

from __future__ import annotations

from collections import Counter
from types import ModuleType
from typing import Any

import pytest

from mailflow.campaign.letter import Campaign

from .support import load_scorer


@pytest.fixture(scope="module")
def scorer() -> ModuleType:
    return load_scorer()


@pytest.fixture(scope="module")
def corpus(scorer: ModuleType) -> list[Any]:
    cases: list[Any] = scorer.load_corpus()
    return cases


def test_the_corpus_is_large_varied_and_at_least_a_quarter_unclear(corpus: list[Any]) -> None:
    assert len(corpus) >= 300
    assert sum(c.unclear for c in corpus) >= len(corpus) / 4
    languages = Counter(c.language for c in corpus)
    assert {"ru", "ky", "en", "mixed"} <= set(languages)
    assert {c.client for c in corpus} == {"gmail", "outlook", "thunderbird", "yandex", "mailru", "apple", "android"}


def test_every_unclear_case_names_known_review_codes(corpus: list[Any]) -> None:
    from mailflow.stances.extract import MESSAGES

    assert {code for c in corpus for code in c.review_codes} <= set(MESSAGES)


# The blind batches (written by people who never read the code) do not meet the targets after tuning; these
# are the figures reached on them, held as floors so that no change makes them worse. The project's own
# replies are held at the goals. Since 2026-12-04 `exact` counts stances only and `reasons` counts a reason
# found on its recommendation (see score_stances.reason_found). Sending more to a person lowered some
# `accepted` floors on purpose: the accounting of every scope word (blind-4's b4-048, b4-063, b4-094 had
# been accepted misread) and sentences nobody read that speak of later or of others (extract._free_sentence).
BLIND_FLOORS = {
    "blind-1.txt": {"exact": 1.0, "accepted": 0.62, "flagged": 1.0, "reasons": 0.50},
    "blind-2.txt": {"exact": 1.0, "accepted": 0.77, "flagged": 1.0, "reasons": 0.58},
    "blind-3.txt": {"exact": 1.0, "accepted": 0.55, "flagged": 1.0, "reasons": 0.79},
    "blind-4.txt": {"exact": 1.0, "accepted": 0.59, "flagged": 1.0, "reasons": 0.60},
    "blind-5.txt": {"exact": 1.0, "accepted": 0.67, "flagged": 1.0, "reasons": 0.85},
    "blind-6.txt": {"exact": 1.0, "accepted": 0.36, "flagged": 1.0, "reasons": 0.46},
    "blind-7.txt": {"exact": 1.0, "accepted": 0.45, "flagged": 1.0, "reasons": 0.80},
    "blind-8.txt": {"exact": 1.0, "accepted": 0.44, "flagged": 1.0, "reasons": 0.59},
    "blind-9.txt": {"exact": 0.96, "accepted": 0.39, "flagged": 0.97, "reasons": 0.58},
    "blind-10.txt": {"exact": 0.95, "accepted": 0.33, "flagged": 1.0, "reasons": 0.36},
    # b11-029 goes to review since "приветствуем" is read: "… мы приветствуем, однако …" under a partial answer
    "blind-11.txt": {"exact": 1.0, "accepted": 0.34, "flagged": 1.0, "reasons": 0.55},
    "blind-12.txt": {"exact": 0.95, "accepted": 0.66, "flagged": 0.95, "reasons": 0.77},
    "blind-13.txt": {"exact": 1.0, "accepted": 0.78, "flagged": 1.0, "reasons": 0.83},
    "blind-14.txt": {"exact": 0.98, "accepted": 0.81, "flagged": 0.97, "reasons": 0.79},
    "blind-15.txt": {"exact": 1.0, "accepted": 0.67, "flagged": 1.0, "reasons": 0.90},
    "blind-16.txt": {"exact": 1.0, "accepted": 0.70, "flagged": 1.0, "reasons": 0.79},
    # b17's and b10's "остальные нас не касаются" go to review: abstention, or no answer? (labellers differ)
    "blind-17.txt": {"exact": 1.0, "accepted": 0.74, "flagged": 1.0, "reasons": 0.61},
    "blind-18.txt": {"exact": 1.0, "accepted": 0.76, "flagged": 1.0, "reasons": 0.91},
    "blind-19.txt": {"exact": 1.0, "accepted": 0.79, "flagged": 1.0, "reasons": 0.79},
    "blind-20.txt": {"exact": 1.0, "accepted": 0.76, "flagged": 1.0, "reasons": 0.87},
    "blind-21.txt": {"exact": 1.0, "accepted": 0.62, "flagged": 1.0, "reasons": 0.87},
    "blind-22.txt": {"exact": 1.0, "accepted": 0.49, "flagged": 1.0, "reasons": 0.70},
    # scored last, at 600ad0f; what they taught since lifted exact and flagged
    "blind-23.txt": {"exact": 0.97, "accepted": 0.73, "flagged": 1.0, "reasons": 0.83},
    "blind-24.txt": {"exact": 1.0, "accepted": 0.72, "flagged": 1.0, "reasons": 0.73},
    # scored last, on the stance code that lands, and not fixed: their floors are their first sight
    "blind-25.txt": {"exact": 0.97, "accepted": 0.69, "flagged": 0.97, "reasons": 0.76},
    "blind-26.txt": {"exact": 0.91, "accepted": 0.68, "flagged": 0.91, "reasons": 0.88},
    "blind-27.txt": {"exact": 0.98, "accepted": 0.75, "flagged": 0.97, "reasons": 0.91},
    "blind-28.txt": {"exact": 0.97, "accepted": 0.60, "flagged": 0.97, "reasons": 0.78},
    "blind-29.txt": {"exact": 0.94, "accepted": 0.79, "flagged": 0.93, "reasons": 0.83},
    "blind-30.txt": {"exact": 0.97, "accepted": 0.60, "flagged": 0.97, "reasons": 0.67},
    "blind-31.txt": {"exact": 0.91, "accepted": 0.85, "flagged": 0.88, "reasons": 0.59},
    "blind-32.txt": {"exact": 0.91, "accepted": 0.65, "flagged": 0.91, "reasons": 0.71},
    "blind-33.txt": {"exact": 0.95, "accepted": 0.70, "flagged": 0.95, "reasons": 0.75},
    "blind-34.txt": {"exact": 0.92, "accepted": 0.72, "flagged": 0.95, "reasons": 0.81},
    "blind-35.txt": {"exact": 0.95, "accepted": 0.73, "flagged": 0.95, "reasons": 0.72},
    "blind-36.txt": {"exact": 1.0, "accepted": 0.76, "flagged": 1.0, "reasons": 0.73},
    "blind-37.txt": {"exact": 0.88, "accepted": 0.60, "flagged": 0.91, "reasons": 0.74},
    "blind-38.txt": {"exact": 0.98, "accepted": 0.75, "flagged": 0.97, "reasons": 0.94},
    "blind-39.txt": {"exact": 0.95, "accepted": 0.67, "flagged": 0.97, "reasons": 0.84},
    "blind-40.txt": {"exact": 0.95, "accepted": 0.70, "flagged": 0.97, "reasons": 0.66},
    "blind-41.txt": {"exact": 0.93, "accepted": 0.70, "flagged": 0.93, "reasons": 0.80},
    "blind-42.txt": {"exact": 0.90, "accepted": 0.76, "flagged": 0.95, "reasons": 0.78},
    "blind-43.txt": {"exact": 0.90, "accepted": 0.74, "flagged": 0.95, "reasons": 0.73},
    "blind-44.txt": {"exact": 0.98, "accepted": 0.74, "flagged": 0.97, "reasons": 0.74},
    "blind-45.txt": {"exact": 0.95, "accepted": 0.66, "flagged": 1.0, "reasons": 0.87},
    "blind-46.txt": {"exact": 0.95, "accepted": 0.71, "flagged": 0.95, "reasons": 0.72},
    "blind-47.txt": {"exact": 0.93, "accepted": 0.69, "flagged": 0.93, "reasons": 0.63},
    "blind-48.txt": {"exact": 0.93, "accepted": 0.71, "flagged": 0.93, "reasons": 0.63},
    "blind-49.txt": {"exact": 0.95, "accepted": 0.71, "flagged": 0.97, "reasons": 0.95},
    "blind-50.txt": {"exact": 0.98, "accepted": 0.80, "flagged": 0.97, "reasons": 0.79},
    "blind-51.txt": {"exact": 0.98, "accepted": 0.75, "flagged": 0.97, "reasons": 0.85},
    "blind-52.txt": {"exact": 0.94, "accepted": 0.78, "flagged": 0.95, "reasons": 0.88},
    "blind-53.txt": {"exact": 0.90, "accepted": 0.75, "flagged": 0.90, "reasons": 0.82},
    "blind-54.txt": {
        "exact": 0.96,
        "accepted": 0.79,  # 0.80 on first sight: b54-084 was accepted wrong
        "flagged": 0.97,
        "reasons": 0.86,
    },
    "blind-55.txt": {"exact": 0.90, "accepted": 0.77, "flagged": 0.93, "reasons": 0.88},
    "blind-56.txt": {"exact": 0.89, "accepted": 0.69, "flagged": 0.93, "reasons": 0.80},
    "blind-57.txt": {"exact": 0.95, "accepted": 0.69, "flagged": 1.00, "reasons": 0.76},
    "blind-58.txt": {"exact": 0.97, "accepted": 0.70, "flagged": 1.00, "reasons": 0.82},
    "blind-59.txt": {"exact": 0.90, "accepted": 0.64, "flagged": 0.95, "reasons": 0.88},
    "blind-60.txt": {"exact": 0.94, "accepted": 0.82, "flagged": 1.00, "reasons": 0.81},
    "blind-61.txt": {"exact": 0.91, "accepted": 0.64, "flagged": 0.92, "reasons": 0.78},
    # accepted 0.74 on first sight, 0.71 since "the other items/panels" is a quantifier like "the remaining" (de74515
    # and after): b62-052's "no comments on the other items" and b62-065's "we leave the other panels to …" go to a
    # person, as the same words with "remaining" always did
    "blind-62.txt": {"exact": 0.90, "accepted": 0.71, "flagged": 0.88, "reasons": 0.89},
    "blind-63.txt": {"exact": 0.90, "accepted": 0.79, "flagged": 0.95, "reasons": 0.80},
    "blind-64.txt": {"exact": 0.84, "accepted": 0.76, "flagged": 0.93, "reasons": 0.78},
    "blind-65.txt": {"exact": 0.89, "accepted": 0.67, "flagged": 0.97, "reasons": 0.84},
    "blind-66.txt": {
        "exact": 0.84,
        "accepted": 0.73,  # 0.746 on first sight: b66-062 was accepted wrong (19 rejections for panel 3's 8)
        "flagged": 0.95,
        "reasons": 0.91,
    },
    "blind-67.txt": {"exact": 0.90, "accepted": 0.72, "flagged": 0.91, "reasons": 0.82},
    "blind-68.txt": {"exact": 0.95, "accepted": 0.68, "flagged": 0.97, "reasons": 0.80},
    "blind-69.txt": {"exact": 0.98, "accepted": 0.77, "flagged": 1.0, "reasons": 0.57},
    "blind-70.txt": {"exact": 0.94, "accepted": 0.73, "flagged": 0.92, "reasons": 0.69},
    "blind-71.txt": {"exact": 0.94, "accepted": 0.76, "flagged": 0.95, "reasons": 0.83},
    "blind-72.txt": {"exact": 0.96, "accepted": 0.70, "flagged": 0.95, "reasons": 0.61},
    "blind-73.txt": {
        "exact": 0.89,
        "accepted": 0.80,  # 0.821 on first sight: b73-051 was accepted wrong (the rest "не наш профиль" as abstention)
        "flagged": 0.90,
        "reasons": 0.95,
    },
    "blind-74.txt": {"exact": 1.0, "accepted": 0.75, "flagged": 1.0, "reasons": 0.93},
    "blind-75.txt": {"exact": 0.95, "accepted": 0.75, "flagged": 0.97, "reasons": 0.82},
    "blind-76.txt": {"exact": 0.93, "accepted": 0.61, "flagged": 0.95, "reasons": 0.73},
    "blind-77.txt": {
        "exact": 0.88,
        "accepted": 0.73,  # 0.754 on first sight: b77-084 was accepted wrong (3.4, named in 3.5's comment, "partly")
        "flagged": 0.91,
        "reasons": 0.84,
    },
    "blind-78.txt": {
        "exact": 0.96,
        "accepted": 0.83,  # 0.846 on first sight: b78-098 was accepted wrong (a Kyrgyz panel title made all 19)
        "flagged": 0.97,
        "reasons": 0.92,
    },
    "blind-79.txt": {"exact": 0.94, "accepted": 0.77, "flagged": 0.97, "reasons": 0.83},
    "blind-80.txt": {"exact": 1.0, "accepted": 0.81, "flagged": 1.0, "reasons": 0.80},
    "blind-81.txt": {"exact": 0.96, "accepted": 0.74, "flagged": 0.97, "reasons": 0.52},
    "blind-82.txt": {"exact": 0.96, "accepted": 0.83, "flagged": 0.95, "reasons": 0.66},
    "blind-83.txt": {"exact": 0.96, "accepted": 0.75, "flagged": 0.97, "reasons": 0.60},
    "blind-84.txt": {"exact": 0.94, "accepted": 0.78, "flagged": 0.95, "reasons": 0.87},
    "blind-85.txt": {"exact": 0.94, "accepted": 0.84, "flagged": 0.95, "reasons": 0.84},
    "blind-86.txt": {"exact": 0.96, "accepted": 0.82, "flagged": 0.95, "reasons": 0.87},
    "blind-87.txt": {"exact": 0.89, "accepted": 0.80, "flagged": 0.86, "reasons": 0.82},
    "blind-88.txt": {"exact": 0.92, "accepted": 0.79, "flagged": 0.90, "reasons": 0.68},
    "blind-89.txt": {"exact": 0.96, "accepted": 0.81, "flagged": 0.97, "reasons": 0.81},
    "blind-90.txt": {"exact": 0.91, "accepted": 0.82, "flagged": 0.89, "reasons": 0.95},
    "blind-91.txt": {"exact": 0.96, "accepted": 0.82, "flagged": 0.97, "reasons": 0.86},
    "blind-92.txt": {"exact": 0.98, "accepted": 0.83, "flagged": 0.97, "reasons": 0.87},
    "blind-93.txt": {"exact": 0.96, "accepted": 0.82, "flagged": 0.95, "reasons": 0.71},
    "blind-94.txt": {"exact": 0.96, "accepted": 0.81, "flagged": 0.97, "reasons": 0.67},
    "blind-95.txt": {"exact": 1.0, "accepted": 0.78, "flagged": 1.0, "reasons": 0.71},
    "blind-96.txt": {"exact": 0.94, "accepted": 0.80, "flagged": 0.93, "reasons": 0.97},
    "blind-97.txt": {"exact": 1.0, "accepted": 0.86, "flagged": 1.0, "reasons": 0.96},
    "blind-98.txt": {"exact": 0.96, "accepted": 0.76, "flagged": 0.97, "reasons": 0.69},
    "blind-99.txt": {"exact": 0.98, "accepted": 0.87, "flagged": 0.97, "reasons": 0.81},
    "blind-100.txt": {"exact": 0.98, "accepted": 0.87, "flagged": 1.0, "reasons": 0.87},
    "blind-101.txt": {"exact": 0.98, "accepted": 0.92, "flagged": 0.97, "reasons": 0.78},
    "blind-102.txt": {"exact": 0.98, "accepted": 0.84, "flagged": 0.97, "reasons": 0.77},
    # accepted 0.78 on first sight, 0.77 since b103-077, accepted wrong then ("the rest" of a panel's line read as
    # the rest of the letter), goes to review
    "blind-103.txt": {"exact": 0.92, "accepted": 0.77, "flagged": 0.93, "reasons": 0.79},
    "blind-104.txt": {"exact": 1.0, "accepted": 0.80, "flagged": 1.0, "reasons": 0.84},
    "blind-105.txt": {"exact": 0.94, "accepted": 0.81, "flagged": 0.93, "reasons": 0.81},
    "blind-106.txt": {"exact": 1.0, "accepted": 0.89, "flagged": 1.0, "reasons": 0.94},
    "blind-107.txt": {"exact": 0.96, "accepted": 0.88, "flagged": 0.97, "reasons": 0.91},
    "blind-108.txt": {"exact": 0.98, "accepted": 0.80, "flagged": 0.97, "reasons": 0.87},
    "blind-109.txt": {"exact": 0.98, "accepted": 0.79, "flagged": 0.97, "reasons": 0.69},
    "blind-110.txt": {"exact": 0.96, "accepted": 0.83, "flagged": 0.95, "reasons": 0.90},
    "blind-111.txt": {"exact": 0.96, "accepted": 0.79, "flagged": 0.97, "reasons": 0.79},
    "blind-112.txt": {"exact": 0.94, "accepted": 0.85, "flagged": 0.95, "reasons": 0.68},
    "blind-113.txt": {"exact": 1.0, "accepted": 0.80, "flagged": 1.0, "reasons": 0.70},
    "blind-114.txt": {"exact": 0.98, "accepted": 0.83, "flagged": 1.0, "reasons": 0.86},
    "blind-115.txt": {"exact": 0.98, "accepted": 0.76, "flagged": 0.97, "reasons": 0.94},
    "blind-116.txt": {"exact": 0.98, "accepted": 0.89, "flagged": 0.97, "reasons": 0.85},
    "blind-117.txt": {"exact": 0.98, "accepted": 0.89, "flagged": 0.97, "reasons": 0.92},
    "blind-118.txt": {"exact": 0.93, "accepted": 0.84, "flagged": 0.93, "reasons": 0.89},
    "blind-119.txt": {"exact": 1.0, "accepted": 0.84, "flagged": 1.0, "reasons": 0.72},
    "blind-120.txt": {"exact": 0.98, "accepted": 0.87, "flagged": 1.0, "reasons": 0.76},
    "blind-121.txt": {"exact": 0.92, "accepted": 0.91, "flagged": 0.92, "reasons": 0.80},
    "blind-122.txt": {"exact": 0.98, "accepted": 0.89, "flagged": 0.97, "reasons": 0.93},
    "blind-123.txt": {"exact": 1.0, "accepted": 0.8, "flagged": 1.0, "reasons": 0.9},
    "blind-124.txt": {"exact": 1.0, "accepted": 0.72, "flagged": 1.0, "reasons": 0.75},
    "blind-125.txt": {"exact": 0.98, "accepted": 0.84, "flagged": 1.0, "reasons": 0.78},
    "blind-126.txt": {"exact": 0.96, "accepted": 0.8, "flagged": 0.97, "reasons": 0.87},
    "blind-127.txt": {"exact": 0.92, "accepted": 0.8, "flagged": 0.95, "reasons": 0.89},
    "blind-128.txt": {"exact": 0.98, "accepted": 0.86, "flagged": 0.97, "reasons": 0.79},
    "blind-129.txt": {"exact": 0.96, "accepted": 0.75, "flagged": 0.95, "reasons": 0.88},
    "blind-130.txt": {"exact": 0.96, "accepted": 0.8, "flagged": 0.95, "reasons": 0.7},
    "blind-131.txt": {"exact": 1.0, "accepted": 0.83, "flagged": 1.0, "reasons": 0.93},
    "blind-132.txt": {"exact": 1.0, "accepted": 0.84, "flagged": 1.0, "reasons": 0.92},
    "blind-133.txt": {"exact": 0.96, "accepted": 0.81, "flagged": 0.95, "reasons": 0.95},
    "blind-134.txt": {"exact": 0.96, "accepted": 0.81, "flagged": 0.95, "reasons": 0.88},
    "blind-135.txt": {"exact": 0.96, "accepted": 0.75, "flagged": 0.97, "reasons": 0.92},
    "blind-136.txt": {"exact": 0.98, "accepted": 0.8, "flagged": 0.97, "reasons": 0.82},
    "blind-137.txt": {"exact": 0.98, "accepted": 0.81, "flagged": 0.97, "reasons": 0.84},
    "blind-138.txt": {"exact": 0.97, "accepted": 0.71, "flagged": 0.97, "reasons": 0.89},
    "blind-139.txt": {"exact": 0.96, "accepted": 0.92, "flagged": 0.95, "reasons": 0.87},
    "blind-140.txt": {"exact": 0.98, "accepted": 0.92, "flagged": 0.97, "reasons": 0.98},
    "blind-141.txt": {"exact": 0.95, "accepted": 0.89, "flagged": 0.93, "reasons": 0.95},
    "blind-142.txt": {"exact": 1.00, "accepted": 0.89, "flagged": 1.00, "reasons": 0.93},
    "blind-143.txt": {"exact": 1.00, "accepted": 0.93, "flagged": 1.00, "reasons": 0.92},
    "blind-144.txt": {"exact": 0.98, "accepted": 0.85, "flagged": 1.00, "reasons": 0.95},
    "blind-145.txt": {"exact": 0.93, "accepted": 0.86, "flagged": 0.90, "reasons": 0.86},
    "blind-146.txt": {"exact": 0.98, "accepted": 0.89, "flagged": 0.97, "reasons": 0.96},
    "blind-147.txt": {"exact": 0.95, "accepted": 0.87, "flagged": 0.93, "reasons": 0.95},
    "blind-148.txt": {"exact": 0.98, "accepted": 0.92, "flagged": 0.97, "reasons": 0.96},
    "blind-149.txt": {"exact": 0.98, "accepted": 0.90, "flagged": 0.97, "reasons": 0.93},
    "blind-150.txt": {"exact": 1.00, "accepted": 0.87, "flagged": 1.00, "reasons": 0.89},
    "blind-151.txt": {"exact": 1.00, "accepted": 0.89, "flagged": 1.00, "reasons": 0.88},
    "blind-152.txt": {"exact": 0.93, "accepted": 0.90, "flagged": 0.93, "reasons": 0.97},
    "blind-153.txt": {"exact": 0.96, "accepted": 0.87, "flagged": 0.97, "reasons": 0.96},
    "blind-154.txt": {"exact": 1.00, "accepted": 0.83, "flagged": 1.00, "reasons": 0.86},
    "blind-155.txt": {"exact": 0.98, "accepted": 0.84, "flagged": 0.97, "reasons": 0.75},
    "blind-156.txt": {"exact": 0.98, "accepted": 0.89, "flagged": 0.97, "reasons": 0.80},
    "blind-157.txt": {"exact": 0.96, "accepted": 0.80, "flagged": 0.97, "reasons": 0.92},
    "blind-158.txt": {"exact": 1.00, "accepted": 0.92, "flagged": 1.00, "reasons": 0.97},
    "blind-159.txt": {"exact": 0.98, "accepted": 0.90, "flagged": 0.97, "reasons": 0.88},
    "blind-160.txt": {"exact": 0.96, "accepted": 0.86, "flagged": 1.00, "reasons": 0.90},
    "blind-161.txt": {"exact": 0.96, "accepted": 0.92, "flagged": 0.95, "reasons": 0.91},
    "blind-162.txt": {"exact": 0.98, "accepted": 0.89, "flagged": 1.00, "reasons": 0.98},
    "blind-163.txt": {"exact": 0.94, "accepted": 0.87, "flagged": 0.93, "reasons": 0.96},
    "blind-164.txt": {"exact": 0.96, "accepted": 0.87, "flagged": 0.95, "reasons": 0.93},
    # b165-076 ("accepts them, and 1.4 and 4.2 are especially relevant") was accepted misread; it goes to review
    "blind-165.txt": {"exact": 0.95, "accepted": 0.89, "flagged": 0.97, "reasons": 0.90},
    "blind-166.txt": {"exact": 0.93, "accepted": 0.84, "flagged": 0.93, "reasons": 0.92},
    "blind-167.txt": {"exact": 0.94, "accepted": 0.87, "flagged": 0.95, "reasons": 0.86},
    "blind-168.txt": {"exact": 0.95, "accepted": 0.89, "flagged": 0.97, "reasons": 0.94},
    "blind-169.txt": {"exact": 0.98, "accepted": 0.87, "flagged": 0.97, "reasons": 0.65},
    "blind-170.txt": {"exact": 1.00, "accepted": 0.83, "flagged": 1.00, "reasons": 0.89},
    # b171-066 ("Замечаний к другим рекомендациям тоже нет" read as 18 disagreements) was accepted misread
    "blind-171.txt": {"exact": 0.92, "accepted": 0.84, "flagged": 0.95, "reasons": 0.82},
    "blind-172.txt": {"exact": 0.95, "accepted": 0.88, "flagged": 0.95, "reasons": 0.84},
    "blind-173.txt": {"exact": 0.94, "accepted": 0.86, "flagged": 0.97, "reasons": 0.92},
    "blind-174.txt": {"exact": 1.00, "accepted": 0.81, "flagged": 1.00, "reasons": 0.85},
    "blind-175.txt": {"exact": 0.98, "accepted": 0.84, "flagged": 1.00, "reasons": 0.91},
    "blind-176.txt": {"exact": 1.00, "accepted": 0.75, "flagged": 1.00, "reasons": 0.68},
    "blind-177.txt": {"exact": 0.98, "accepted": 0.82, "flagged": 0.97, "reasons": 0.88},
    "blind-178.txt": {"exact": 0.98, "accepted": 0.82, "flagged": 0.97, "reasons": 0.97},
    "blind-179.txt": {"exact": 0.94, "accepted": 0.86, "flagged": 0.95, "reasons": 0.96},
    "blind-180.txt": {"exact": 0.96, "accepted": 0.89, "flagged": 0.95, "reasons": 0.97},
    "blind-181.txt": {"exact": 0.94, "accepted": 0.80, "flagged": 0.93, "reasons": 0.85},
    "blind-182.txt": {
        "exact": 1.00,
        "accepted": 0.92,
        "flagged": 1.00,
        "reasons": 0.93,
    },  # an 'all' then a rejection in its own sentence, now asked about (twentieth session)
    "blind-183.txt": {"exact": 0.96, "accepted": 0.93, "flagged": 0.95, "reasons": 0.89},
    "blind-184.txt": {"exact": 0.93, "accepted": 0.90, "flagged": 0.95, "reasons": 0.96},
    "blind-185.txt": {"exact": 0.96, "accepted": 0.89, "flagged": 0.97, "reasons": 0.92},
    "blind-186.txt": {"exact": 0.97, "accepted": 0.98, "flagged": 0.95, "reasons": 0.98},
    "blind-187.txt": {"exact": 1.00, "accepted": 0.84, "flagged": 1.00, "reasons": 0.93},
    "blind-188.txt": {"exact": 0.98, "accepted": 0.89, "flagged": 0.97, "reasons": 0.96},
    "blind-189.txt": {"exact": 0.95, "accepted": 0.93, "flagged": 0.93, "reasons": 0.98},
    "blind-190.txt": {"exact": 0.98, "accepted": 0.86, "flagged": 0.97, "reasons": 0.96},
    "blind-191.txt": {"exact": 1.00, "accepted": 0.84, "flagged": 1.00, "reasons": 0.90},
    "blind-192.txt": {"exact": 0.98, "accepted": 0.86, "flagged": 0.97, "reasons": 0.81},
    "blind-193.txt": {"exact": 1.00, "accepted": 0.86, "flagged": 1.00, "reasons": 0.78},
    "blind-194.txt": {"exact": 0.98, "accepted": 0.80, "flagged": 0.97, "reasons": 0.87},
    "blind-195.txt": {"exact": 1.00, "accepted": 0.87, "flagged": 1.00, "reasons": 0.93},
    "blind-196.txt": {"exact": 1.00, "accepted": 0.84, "flagged": 1.00, "reasons": 0.91},
    "blind-197.txt": {"exact": 0.96, "accepted": 0.92, "flagged": 0.95, "reasons": 0.94},
    "blind-198.txt": {"exact": 0.98, "accepted": 0.86, "flagged": 0.97, "reasons": 0.93},
    "blind-199.txt": {"exact": 0.98, "accepted": 0.84, "flagged": 1.00, "reasons": 0.86},
    "blind-200.txt": {"exact": 0.98, "accepted": 0.92, "flagged": 0.97, "reasons": 0.90},
    "blind-201.txt": {"exact": 0.96, "accepted": 0.84, "flagged": 0.95, "reasons": 0.82},
    "blind-202.txt": {"exact": 0.95, "accepted": 0.95, "flagged": 0.95, "reasons": 0.92},
    "blind-203.txt": {"exact": 0.93, "accepted": 0.90, "flagged": 0.91, "reasons": 0.95},
    "blind-204.txt": {"exact": 0.96, "accepted": 0.92, "flagged": 0.97, "reasons": 0.88},
    "blind-205.txt": {"exact": 0.96, "accepted": 0.86, "flagged": 0.95, "reasons": 0.97},
    "blind-206.txt": {"exact": 1.00, "accepted": 0.84, "flagged": 1.00, "reasons": 0.93},
    "blind-207.txt": {"exact": 0.98, "accepted": 0.90, "flagged": 0.97, "reasons": 0.84},
    "blind-208.txt": {"exact": 0.98, "accepted": 0.87, "flagged": 1.00, "reasons": 0.86},
    "blind-209.txt": {"exact": 0.94, "accepted": 0.84, "flagged": 0.93, "reasons": 0.87},
    "blind-210.txt": {"exact": 0.94, "accepted": 0.76, "flagged": 0.93, "reasons": 0.83},
    "blind-211.txt": {"exact": 0.98, "accepted": 0.86, "flagged": 1.00, "reasons": 0.74},
    "blind-212.txt": {"exact": 0.98, "accepted": 0.90, "flagged": 0.97, "reasons": 0.83},
    "blind-213.txt": {"exact": 0.96, "accepted": 0.95, "flagged": 0.97, "reasons": 0.99},
    "blind-214.txt": {"exact": 1.00, "accepted": 0.83, "flagged": 1.00, "reasons": 0.97},
    "blind-215.txt": {"exact": 0.98, "accepted": 0.86, "flagged": 0.97, "reasons": 0.96},
    "blind-216.txt": {"exact": 0.94, "accepted": 0.84, "flagged": 0.93, "reasons": 0.93},
    "blind-217.txt": {"exact": 0.96, "accepted": 0.86, "flagged": 0.95, "reasons": 0.94},
    "blind-218.txt": {"exact": 1.00, "accepted": 0.89, "flagged": 1.00, "reasons": 0.88},
    "blind-219.txt": {"exact": 0.98, "accepted": 0.96, "flagged": 1.00, "reasons": 0.92},  # b219-086 flagged
    "blind-220.txt": {"exact": 0.98, "accepted": 0.87, "flagged": 0.97, "reasons": 0.91},
    "blind-221.txt": {"exact": 1.00, "accepted": 0.87, "flagged": 1.00, "reasons": 0.91},
    "blind-222.txt": {"exact": 0.94, "accepted": 0.81, "flagged": 0.95, "reasons": 0.91},
    "blind-223.txt": {"exact": 0.96, "accepted": 0.93, "flagged": 0.95, "reasons": 0.84},
    "blind-224.txt": {"exact": 1.00, "accepted": 0.79, "flagged": 1.00, "reasons": 0.99},
    "blind-225.txt": {"exact": 1.00, "accepted": 0.95, "flagged": 1.00, "reasons": 0.94},
    "blind-226.txt": {"exact": 0.98, "accepted": 0.86, "flagged": 0.97, "reasons": 0.94},
    "blind-227.txt": {
        "exact": 1.00,
        "accepted": 0.86,
        "flagged": 1.00,
        "reasons": 0.81,
    },  # an 'all' then a rejection in its own sentence, now asked about (twentieth session)
    "blind-228.txt": {"exact": 1.00, "accepted": 0.89, "flagged": 1.00, "reasons": 0.83},
    "blind-229.txt": {"exact": 0.98, "accepted": 0.85, "flagged": 0.97, "reasons": 0.89},
    "blind-230.txt": {"exact": 0.96, "accepted": 0.90, "flagged": 0.97, "reasons": 0.95},  # b230-087 flagged
    "blind-231.txt": {"exact": 1.00, "accepted": 0.91, "flagged": 1.00, "reasons": 0.96},
    "blind-232.txt": {"exact": 0.98, "accepted": 0.92, "flagged": 0.97, "reasons": 0.78},
    "blind-233.txt": {"exact": 0.96, "accepted": 0.85, "flagged": 0.97, "reasons": 0.84},
    "blind-234.txt": {"exact": 1.00, "accepted": 0.89, "flagged": 1.00, "reasons": 0.95},
    "blind-235.txt": {"exact": 0.94, "accepted": 0.82, "flagged": 0.93, "reasons": 0.84},
    "blind-236.txt": {"exact": 1.00, "accepted": 0.87, "flagged": 1.00, "reasons": 0.82},
    "blind-237.txt": {"exact": 1.00, "accepted": 0.91, "flagged": 1.00, "reasons": 0.95},
    "blind-238.txt": {"exact": 0.98, "accepted": 0.92, "flagged": 0.97, "reasons": 0.93},
    "blind-239.txt": {"exact": 0.96, "accepted": 0.84, "flagged": 0.95, "reasons": 0.75},
    "blind-240.txt": {"exact": 0.98, "accepted": 0.87, "flagged": 0.97, "reasons": 0.93},
    "blind-241.txt": {"exact": 0.96, "accepted": 0.90, "flagged": 0.95, "reasons": 0.97},
    "blind-242.txt": {"exact": 1.00, "accepted": 0.92, "flagged": 1.00, "reasons": 0.96},
    "blind-243.txt": {"exact": 1.00, "accepted": 0.93, "flagged": 1.00, "reasons": 0.98},
    "blind-244.txt": {"exact": 0.96, "accepted": 0.89, "flagged": 0.95, "reasons": 0.91},
    "blind-245.txt": {"exact": 1.00, "accepted": 0.90, "flagged": 1.00, "reasons": 0.94},
    "blind-246.txt": {"exact": 0.98, "accepted": 0.89, "flagged": 0.97, "reasons": 1.00},
    "blind-247.txt": {
        "exact": 0.98,
        "accepted": 0.90,
        "flagged": 0.97,
        "reasons": 0.93,
    },  # an 'all' then a rejection in its own sentence, now asked about (twentieth session)
    "blind-248.txt": {"exact": 0.96, "accepted": 0.89, "flagged": 0.95, "reasons": 0.94},
    "blind-249.txt": {"exact": 0.98, "accepted": 0.83, "flagged": 0.97, "reasons": 0.86},
    "blind-250.txt": {"exact": 0.96, "accepted": 0.93, "flagged": 0.97, "reasons": 0.94},
    "blind-251.txt": {"exact": 0.98, "accepted": 0.80, "flagged": 0.97, "reasons": 0.91},
    "blind-252.txt": {"exact": 0.94, "accepted": 0.87, "flagged": 0.93, "reasons": 0.80},
    "blind-253.txt": {"exact": 0.96, "accepted": 0.93, "flagged": 0.97, "reasons": 0.96},
    "blind-254.txt": {"exact": 1.00, "accepted": 0.90, "flagged": 1.00, "reasons": 0.82},
    "blind-255.txt": {"exact": 0.96, "accepted": 0.87, "flagged": 0.97, "reasons": 0.90},
    "blind-256.txt": {"exact": 0.98, "accepted": 0.85, "flagged": 0.97, "reasons": 0.76},
    "blind-257.txt": {"exact": 1.00, "accepted": 0.96, "flagged": 1.00, "reasons": 0.98},
    "blind-258.txt": {"exact": 0.94, "accepted": 0.86, "flagged": 0.95, "reasons": 0.96},
    "blind-259.txt": {"exact": 1.00, "accepted": 0.76, "flagged": 1.00, "reasons": 0.91},
    "blind-260.txt": {"exact": 0.95, "accepted": 0.88, "flagged": 0.93, "reasons": 0.80},
    "blind-261.txt": {"exact": 1.00, "accepted": 0.89, "flagged": 1.00, "reasons": 0.97},
    "blind-262.txt": {"exact": 0.96, "accepted": 0.81, "flagged": 0.97, "reasons": 0.94},
    "blind-263.txt": {"exact": 0.95, "accepted": 0.95, "flagged": 0.97, "reasons": 0.98},
    "blind-264.txt": {"exact": 1.00, "accepted": 0.95, "flagged": 1.00, "reasons": 0.97},
    "blind-265.txt": {"exact": 1.00, "accepted": 0.83, "flagged": 1.00, "reasons": 0.86},
    "blind-266.txt": {"exact": 0.98, "accepted": 0.89, "flagged": 0.97, "reasons": 0.95},
    "blind-267.txt": {"exact": 1.00, "accepted": 0.87, "flagged": 1.00, "reasons": 0.96},
    "blind-268.txt": {"exact": 1.00, "accepted": 0.84, "flagged": 1.00, "reasons": 0.94},
    "blind-269.txt": {"exact": 0.96, "accepted": 0.78, "flagged": 0.97, "reasons": 0.85},
    "blind-270.txt": {"exact": 0.95, "accepted": 0.92, "flagged": 0.95, "reasons": 0.95},  # b270-024 flagged, was wrong
    "blind-271.txt": {"exact": 0.98, "accepted": 0.95, "flagged": 0.97, "reasons": 0.80},
    "blind-272.txt": {"exact": 0.98, "accepted": 0.89, "flagged": 1.00, "reasons": 0.82},  # b272-079, b272-012
    "blind-273.txt": {"exact": 0.95, "accepted": 0.92, "flagged": 0.95, "reasons": 0.95},
    "blind-274.txt": {"exact": 0.96, "accepted": 0.91, "flagged": 0.95, "reasons": 0.93},  # b274-104 flagged again
    "blind-275.txt": {"exact": 0.96, "accepted": 0.86, "flagged": 0.95, "reasons": 0.69},
    "blind-276.txt": {"exact": 0.98, "accepted": 0.85, "flagged": 0.97, "reasons": 0.94},
    "blind-277.txt": {"exact": 0.96, "accepted": 0.95, "flagged": 0.97, "reasons": 0.95},
    "blind-278.txt": {"exact": 1.00, "accepted": 0.95, "flagged": 1.00, "reasons": 0.94},
    "blind-279.txt": {"exact": 0.96, "accepted": 0.89, "flagged": 0.95, "reasons": 0.79},
    "blind-280.txt": {"exact": 0.98, "accepted": 0.93, "flagged": 0.97, "reasons": 0.90},
    "blind-281.txt": {"exact": 1.00, "accepted": 0.89, "flagged": 1.00, "reasons": 0.95},
    "blind-282.txt": {"exact": 1.00, "accepted": 0.89, "flagged": 1.00, "reasons": 0.89},
    "blind-283.txt": {"exact": 0.98, "accepted": 0.97, "flagged": 0.97, "reasons": 1.00},
    "blind-284.txt": {"exact": 0.96, "accepted": 0.89, "flagged": 0.97, "reasons": 1.00},
    "blind-285.txt": {"exact": 0.94, "accepted": 0.87, "flagged": 0.95, "reasons": 0.81},
    "blind-286.txt": {"exact": 0.93, "accepted": 0.89, "flagged": 0.93, "reasons": 0.83},
    "blind-287.txt": {"exact": 0.98, "accepted": 0.94, "flagged": 0.97, "reasons": 0.95},
    "blind-288.txt": {"exact": 0.98, "accepted": 0.92, "flagged": 0.97, "reasons": 0.96},
    "blind-289.txt": {"exact": 0.98, "accepted": 0.90, "flagged": 0.97, "reasons": 0.99},
    "blind-290.txt": {"exact": 1.00, "accepted": 0.87, "flagged": 1.00, "reasons": 0.85},
    "blind-291.txt": {"exact": 1.00, "accepted": 0.90, "flagged": 1.00, "reasons": 0.87},
    "blind-292.txt": {"exact": 1.00, "accepted": 0.89, "flagged": 1.00, "reasons": 0.65},
    "blind-293.txt": {"exact": 1.00, "accepted": 0.89, "flagged": 1.00, "reasons": 0.77},
    "blind-294.txt": {"exact": 0.98, "accepted": 0.86, "flagged": 0.97, "reasons": 0.96},
    "blind-295.txt": {"exact": 0.98, "accepted": 0.89, "flagged": 0.97, "reasons": 0.89},
    "blind-296.txt": {"exact": 0.96, "accepted": 0.95, "flagged": 0.97, "reasons": 0.96},
    "blind-297.txt": {"exact": 0.98, "accepted": 0.92, "flagged": 0.97, "reasons": 0.81},
    "blind-298.txt": {"exact": 1.00, "accepted": 0.92, "flagged": 1.00, "reasons": 0.96},
    "blind-299.txt": {"exact": 0.98, "accepted": 0.95, "flagged": 0.97, "reasons": 0.96},
    "blind-300.txt": {"exact": 0.98, "accepted": 0.92, "flagged": 0.97, "reasons": 0.91},
    "blind-301.txt": {"exact": 1.00, "accepted": 0.89, "flagged": 1.00, "reasons": 0.97},
    "blind-302.txt": {"exact": 1.00, "accepted": 0.92, "flagged": 1.00, "reasons": 0.85},
    "blind-303.txt": {"exact": 1.00, "accepted": 0.90, "flagged": 1.00, "reasons": 0.95},
    "blind-304.txt": {"exact": 0.96, "accepted": 0.84, "flagged": 0.95, "reasons": 0.77},
    "blind-305.txt": {"exact": 0.95, "accepted": 0.91, "flagged": 0.93, "reasons": 0.99},
    "blind-306.txt": {"exact": 1.00, "accepted": 0.88, "flagged": 1.00, "reasons": 0.92},
    "blind-307.txt": {"exact": 0.94, "accepted": 0.85, "flagged": 0.95, "reasons": 0.98},  # b307-092 flagged, was wrong
    "blind-308.txt": {"exact": 0.98, "accepted": 0.82, "flagged": 0.97, "reasons": 0.72},
    "blind-309.txt": {"exact": 0.96, "accepted": 0.80, "flagged": 0.97, "reasons": 0.92},  # b309-071 flagged, was wrong
    "blind-310.txt": {"exact": 1.00, "accepted": 0.89, "flagged": 1.00, "reasons": 0.98},
    "blind-311.txt": {"exact": 0.93, "accepted": 0.87, "flagged": 0.93, "reasons": 0.93},
    "blind-312.txt": {"exact": 0.98, "accepted": 0.89, "flagged": 0.97, "reasons": 0.92},
    "blind-313.txt": {"exact": 0.94, "accepted": 0.83, "flagged": 0.93, "reasons": 0.96},
    "blind-314.txt": {"exact": 0.98, "accepted": 0.84, "flagged": 0.97, "reasons": 0.97},
    "blind-315.txt": {"exact": 1.00, "accepted": 0.93, "flagged": 1.00, "reasons": 0.91},
    "blind-316.txt": {"exact": 1.00, "accepted": 0.90, "flagged": 1.00, "reasons": 0.95},
    "blind-317.txt": {"exact": 1.00, "accepted": 0.86, "flagged": 1.00, "reasons": 0.94},
    "blind-318.txt": {"exact": 0.98, "accepted": 0.89, "flagged": 0.97, "reasons": 0.91},
    "blind-319.txt": {"exact": 1.00, "accepted": 0.96, "flagged": 1.00, "reasons": 1.00},
    "blind-320.txt": {"exact": 1.00, "accepted": 0.96, "flagged": 1.00, "reasons": 0.93},
    "blind-321.txt": {"exact": 1.00, "accepted": 0.84, "flagged": 1.00, "reasons": 0.96},
    "blind-322.txt": {"exact": 0.98, "accepted": 0.78, "flagged": 0.97, "reasons": 0.96},
    "blind-323.txt": {"exact": 1.00, "accepted": 0.83, "flagged": 1.00, "reasons": 0.84},
    "blind-324.txt": {"exact": 1.00, "accepted": 0.89, "flagged": 1.00, "reasons": 0.94},
    "blind-325.txt": {"exact": 0.98, "accepted": 0.85, "flagged": 0.97, "reasons": 0.88},
    "blind-326.txt": {"exact": 1.00, "accepted": 0.92, "flagged": 1.00, "reasons": 0.89},
    "blind-327.txt": {"exact": 0.98, "accepted": 0.84, "flagged": 0.97, "reasons": 0.91},
    "blind-328.txt": {"exact": 0.98, "accepted": 0.86, "flagged": 1.00, "reasons": 0.95},
    "blind-329.txt": {"exact": 0.96, "accepted": 0.90, "flagged": 0.97, "reasons": 0.96},
    "blind-330.txt": {"exact": 1.00, "accepted": 0.92, "flagged": 1.00, "reasons": 0.87},
    "blind-331.txt": {"exact": 0.98, "accepted": 0.87, "flagged": 1.00, "reasons": 0.94},
    "blind-332.txt": {"exact": 0.98, "accepted": 0.89, "flagged": 0.97, "reasons": 0.93},
    "blind-333.txt": {"exact": 1.00, "accepted": 0.90, "flagged": 1.00, "reasons": 0.98},
    "blind-334.txt": {"exact": 0.96, "accepted": 0.86, "flagged": 0.97, "reasons": 0.88},
    "blind-335.txt": {"exact": 0.98, "accepted": 0.87, "flagged": 0.97, "reasons": 0.96},
    "blind-336.txt": {"exact": 0.98, "accepted": 0.95, "flagged": 0.97, "reasons": 0.98},
    "blind-337.txt": {"exact": 0.98, "accepted": 0.85, "flagged": 0.97, "reasons": 0.78},
    "blind-338.txt": {"exact": 1.00, "accepted": 0.88, "flagged": 1.00, "reasons": 0.83},
    "blind-339.txt": {"exact": 0.96, "accepted": 0.90, "flagged": 0.97, "reasons": 0.92},
    "blind-340.txt": {"exact": 1.00, "accepted": 0.91, "flagged": 1.00, "reasons": 0.95},
    "blind-341.txt": {"exact": 0.98, "accepted": 0.86, "flagged": 1.00, "reasons": 0.85},  # b341-051 now flagged
    "blind-342.txt": {"exact": 0.95, "accepted": 0.89, "flagged": 0.95, "reasons": 0.74},
    "blind-343.txt": {"exact": 1.00, "accepted": 0.84, "flagged": 1.00, "reasons": 0.88},
    "blind-344.txt": {"exact": 1.00, "accepted": 0.92, "flagged": 1.00, "reasons": 0.94},
}


def own(corpus: list[Any]) -> list[Any]:
    return [c for c in corpus if not c.source.startswith("blind-")]


def test_the_direct_scores_meet_the_targets(scorer: ModuleType, corpus: list[Any], campaign: Campaign) -> None:
    score = scorer.score(own(corpus), scorer.run_direct, campaign)
    assert score.below_target(scorer.GOALS) == {}, score.misses
    assert score.unclear_coded == score.unclear, score.misses


def test_the_end_to_end_scores_meet_the_targets(scorer: ModuleType, corpus: list[Any], campaign: Campaign) -> None:
    score = scorer.score(own(corpus), scorer.run_eml, campaign)
    assert score.below_target(scorer.GOALS) == {}, score.misses


@pytest.mark.parametrize("source", sorted(BLIND_FLOORS))
def test_each_blind_batch_keeps_the_figures_reached_on_it(
    source: str, scorer: ModuleType, corpus: list[Any], campaign: Campaign
) -> None:
    score = scorer.score([c for c in corpus if c.source == source], scorer.run_eml, campaign)
    below = {k: v for k, v in score.figures().items() if v < BLIND_FLOORS[source][k]}
    assert below == {}, score.misses


def test_every_blind_batch_has_its_first_sight_figures_recorded(scorer: ModuleType, corpus: list[Any]) -> None:
    blind = {c.source for c in corpus if c.source.startswith("blind-")}
    assert blind == set(scorer.first_sight()) == set(BLIND_FLOORS)


def test_reasons_are_compared_forgiving_typography_not_words(scorer: ModuleType) -> None:
    assert scorer.normalise_reason("Создание мест — задача «государства».") == "создание мест задача государства"
    assert scorer.normalise_reason("создание мест задача") != scorer.normalise_reason(
        "создание мест задача государства"
    )


def test_the_scorer_catches_a_stage_that_records_everything_silently(
    scorer: ModuleType, corpus: list[Any], campaign: Campaign
) -> None:
    def agree_to_everything(case: Any, campaign: Campaign) -> Any:
        return scorer.Outcome({rec_id: scorer.Expected("agree", None) for rec_id in campaign.ids}, ())

    below = scorer.score(corpus, agree_to_everything, campaign).below_target()
    assert {"exact", "flagged", "reasons"} <= set(below)


def test_an_out_of_office_is_set_aside_by_the_scorer_not_counted_as_accepted(
    scorer: ModuleType, campaign: Campaign
) -> None:
    text = "Thank you for your email. I am out of the office until 27 March with limited access to email."
    case = scorer.Case("ooo", "en", "gmail", text, {}, ("no_stance",), subject="Automatic reply: Рекомендации")
    assert scorer.run_eml(case, campaign).review_codes == ("kind_auto_reply",)
