"""The reasons given on one recommendation, a page at a time (`/dashboard/<rec>`): objections first, then by
organisation's name and id, continued after the last row shown. Read a stance at a time through an index
instead of sorting the recommendation's responses (issue 15), the pages must list exactly what one sorted
query lists, whichever way each stance is read."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import case, insert, select, text
from sqlalchemy.orm import Session, sessionmaker

from mailflow.campaign.letter import Audience, Campaign
from mailflow.campaign.recipients import RecipientEntry
from mailflow.store.campaigns import sync_campaign
from mailflow.store.db import make_engine, transaction, upgrade
from mailflow.store.models import RecipientRow, RecommendationRow, ResponseRow
from mailflow.store.recipients import import_recipients
from mailflow.store.reports import REASON_ORDER, ReasonRow, _stance_page, reason_rank, reasons_page, reasons_query

AT = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
# names repeat (the id orders them) and differ in case and script
NAMES = ("Фонд «Развитие»", "Ассоциация бизнеса", "фонд «развитие»", "Центр", "Zeta", "Ассоциация бизнеса", "Ёлка")
ORGANISATIONS = 70


def stance_of(number: int) -> str | None:
    """Most agree, a few object, abstain or agree in part, two gave what is not a `Stance`, some none."""
    if number in (11, 12):
        return "withdrawn"
    if number % 20 in (7, 13, 19) and number < 60:
        return "partial"
    return {6: "disagree", 8: "abstain", 9: None}.get(number % 10, "agree")


@pytest.fixture
def consultation(database_url: str, campaign: Campaign) -> Iterator[tuple[sessionmaker[Session], int]]:
    engine = make_engine(database_url)
    upgrade(engine)
    sessions = sessionmaker(engine, expire_on_commit=False)
    entries = [
        RecipientEntry(
            NAMES[n % len(NAMES)], "", f"org{n}@scale.example", Audience.CSO if n % 3 else Audience.BUSINESS, "", "ru"
        )
        for n in range(ORGANISATIONS)
    ]
    with transaction(sessions) as session:
        campaign_row = sync_campaign(session, campaign)
        import_recipients(session, campaign_row, entries)
        rec = session.scalar(select(RecommendationRow.id).where(RecommendationRow.rec_id == "4.3"))
        recipients = session.scalars(select(RecipientRow.id).order_by(RecipientRow.email)).all()
        rows = [
            {
                "recipient_id": recipient,
                "recommendation_id": rec,
                "stance": stance,
                "reason": None if n % 4 == 0 else "" if n % 4 == 1 else f"причина {n}",
                "evidence": "",
                "confidence": 1.0,
                "set_by": "parser",
                "updated_at": AT,
            }
            for n, recipient in enumerate(recipients)
            if (stance := stance_of(n)) is not None
        ]
        session.execute(insert(ResponseRow), rows)
        campaign_id = campaign_row.id
    yield sessions, campaign_id
    engine.dispose()


def one_sorted_query(session: Session, campaign_id: int) -> list[ReasonRow]:
    """What the page listed before issue 15: the recommendation's responses, sorted."""
    rank = case({stance: i for i, stance in enumerate(REASON_ORDER)}, value=ResponseRow.stance, else_=9)
    query = (
        select(RecipientRow.id, RecipientRow.organisation, RecipientRow.sector, ResponseRow.stance, ResponseRow.reason)
        .join(RecipientRow, RecipientRow.id == ResponseRow.recipient_id)
        .join(RecommendationRow, RecommendationRow.id == ResponseRow.recommendation_id)
        .where(RecommendationRow.campaign_id == campaign_id, RecommendationRow.rec_id == "4.3")
        .order_by(rank, RecipientRow.organisation, RecipientRow.id)
    )
    return [
        ReasonRow(i, org, sector, stance, reason or "") for i, org, sector, stance, reason in session.execute(query)
    ]


def every_page(session: Session, campaign_id: int, size: int) -> list[ReasonRow]:
    """Page after page as the dashboard asks for them: one row more than it shows, continued after the last."""
    shown: list[ReasonRow] = []
    after = None
    while True:
        page = reasons_page(session, campaign_id, "4.3", after=after, limit=size + 1)
        shown += page[:size]
        if len(page) <= size:
            return shown
        last = page[size - 1]
        after = (reason_rank(last.stance), last.organisation, last.recipient_id)


@pytest.mark.parametrize("size", [1, 3, 7, 100])
def test_pages_of_reasons_list_what_one_sorted_query_lists(
    consultation: tuple[sessionmaker[Session], int], size: int
) -> None:
    # at 3 a page the agreements (41 of 70 organisations) are read walking the organisations by name, the
    # rest from the responses; at 100 a page all from the responses
    sessions, campaign_id = consultation
    with transaction(sessions) as session:
        expected = one_sorted_query(session, campaign_id)
        assert [row.stance for row in expected][:7] == ["disagree"] * 7
        assert expected[-1].stance == "withdrawn" and len(expected) == 66
        assert every_page(session, campaign_id, size) == expected


def test_a_page_starting_inside_a_stance_continues_after_the_organisation_shown_last(
    consultation: tuple[sessionmaker[Session], int],
) -> None:
    sessions, campaign_id = consultation
    with transaction(sessions) as session:
        expected = one_sorted_query(session, campaign_id)
        middle = next(i for i, row in enumerate(expected) if row.stance == "agree") + 5
        last = expected[middle]
        page = reasons_page(
            session, campaign_id, "4.3", after=(reason_rank("agree"), last.organisation, last.recipient_id)
        )
        assert page == expected[middle + 1 :]
        assert reasons_page(session, campaign_id, "9.9") == []


@pytest.mark.parametrize(
    ("walk", "index"),
    [(True, "ix_recipients_campaign_organisation"), (False, "ix_responses_recommendation_stance_updated")],
)
def test_a_stance_is_read_through_an_index_and_a_walk_sorts_nothing(
    consultation: tuple[sessionmaker[Session], int], walk: bool, index: str
) -> None:
    sessions, campaign_id = consultation
    with transaction(sessions) as session:
        if session.get_bind().dialect.name != "sqlite":
            pytest.skip("SQLite's plan; PostgreSQL's at N = 100,000 is in the README (it picks by statistics)")
        rec = session.scalar(select(RecommendationRow.id).where(RecommendationRow.rec_id == "4.3"))
        assert rec is not None
        query = reasons_query(campaign_id, rec, ("agree",), after=("Центр", 5), limit=4, walk=walk)
        sql = query.compile(session.get_bind(), compile_kwargs={"literal_binds": True})
        plan = " ".join(row[-1] for row in session.execute(text(f"EXPLAIN QUERY PLAN {sql}")))
        assert index in plan
        assert ("TEMP B-TREE" in plan) is not walk


def test_a_walk_that_finds_too_few_within_its_budget_reads_the_rest_from_the_responses(
    consultation: tuple[sessionmaker[Session], int],
) -> None:
    """Should a stance be given mostly by organisations late in the alphabet, walking the names would read
    nearly all of them: the walk stops at its budget and the page is completed the other way."""
    sessions, campaign_id = consultation
    with transaction(sessions) as session:
        agreements = [row for row in one_sorted_query(session, campaign_id) if row.stance == "agree"]
        rec = session.scalar(select(RecommendationRow.id).where(RecommendationRow.rec_id == "4.3"))
        assert rec is not None
        # a scale that small makes the walk look cheap and its budget the page itself: 20 organisations walked, of
        # whom about 12 agree, and the other 8 rows read from the responses
        page = _stance_page(session, campaign_id, rec, ("agree",), None, 20, scale=3 * 41, size=41)
        assert page == agreements[:20]
        start = (agreements[29].organisation, agreements[29].recipient_id)
        assert _stance_page(session, campaign_id, rec, ("agree",), start, 20, scale=3 * 41, size=41) == agreements[30:]
