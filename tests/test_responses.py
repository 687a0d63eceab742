"""Recording stances: updates with history, idempotent repeats, and reviewers' decisions kept."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from mailflow.campaign.letter import Audience, Campaign
from mailflow.campaign.recipients import RecipientEntry
from mailflow.reading.reply import Stance, StanceFinding
from mailflow.store.campaigns import sync_campaign
from mailflow.store.db import make_engine, transaction, upgrade
from mailflow.store.models import RecommendationRow, ResponseHistoryRow, ResponseRow, SetBy
from mailflow.store.recipients import import_recipients, list_recipients
from mailflow.store.responses import StanceChange, record_stances

T1 = datetime(2023, 3, 2, 10, 0, tzinfo=UTC)
T2 = datetime(2023, 3, 9, 10, 0, tzinfo=UTC)


@pytest.fixture
def setup(database_url: str, campaign: Campaign) -> Iterator[tuple[sessionmaker[Session], int, int]]:
    engine = make_engine(database_url)
    upgrade(engine)
    factory = sessionmaker(engine, expire_on_commit=False)
    entry = RecipientEntry("ОФ «Умут»", "Назгуль", "umut@umut-fund.example", Audience.CSO, "Чуй", "ru")
    with transaction(factory) as session:
        row = sync_campaign(session, campaign)
        import_recipients(session, row, [entry])
        recipient = list_recipients(session, row)[0]
        ids = (row.id, recipient.id)
    yield factory, *ids
    engine.dispose()


def finding(rec_id: str, stance: Stance, reason: str | None = None) -> StanceFinding:
    return StanceFinding(rec_id, stance, reason, evidence="…", confidence=0.9)


def current(session: Session) -> dict[str, tuple[str, str | None, str]]:
    rows = session.execute(
        select(RecommendationRow.rec_id, ResponseRow.stance, ResponseRow.reason, ResponseRow.set_by).join(
            RecommendationRow, RecommendationRow.id == ResponseRow.recommendation_id
        )
    )
    return {rec_id: (stance, reason, set_by) for rec_id, stance, reason, set_by in rows}


def test_later_reply_updates_only_what_it_addresses_and_keeps_history(
    setup: tuple[sessionmaker[Session], int, int],
) -> None:
    factory, campaign_id, recipient_id = setup
    first = {"1.1": finding("1.1", Stance.AGREE), "1.2": finding("1.2", Stance.AGREE)}
    with transaction(factory) as session:
        summary = record_stances(
            session, campaign_id=campaign_id, recipient_id=recipient_id, stances=first, source_message_id=None, at=T1
        )
    assert summary.changed == (StanceChange("1.1", None, "agree"), StanceChange("1.2", None, "agree"))
    second = {"1.2": finding("1.2", Stance.DISAGREE, "нет партнёров")}
    with transaction(factory) as session:
        summary = record_stances(
            session, campaign_id=campaign_id, recipient_id=recipient_id, stances=second, source_message_id=None, at=T2
        )
        assert summary.changed == (StanceChange("1.2", "agree", "disagree"),)
        assert current(session) == {
            "1.1": ("agree", None, "parser"),
            "1.2": ("disagree", "нет партнёров", "parser"),
        }
        history = session.scalars(select(ResponseHistoryRow)).all()
        assert [(h.stance, h.replaced_at.replace(tzinfo=UTC)) for h in history] == [("agree", T2)]


def test_the_same_stances_twice_change_nothing(setup: tuple[sessionmaker[Session], int, int]) -> None:
    factory, campaign_id, recipient_id = setup
    stances = {"4.3": finding("4.3", Stance.PARTIAL, "только обмен опытом")}
    for _ in range(2):
        with transaction(factory) as session:
            summary = record_stances(
                session,
                campaign_id=campaign_id,
                recipient_id=recipient_id,
                stances=stances,
                source_message_id=None,
                at=T1,
            )
    assert summary.changed == () and summary.unchanged == ("4.3",)
    with transaction(factory) as session:
        assert session.scalars(select(ResponseHistoryRow)).all() == []


def test_parser_never_overwrites_a_reviewers_decision(setup: tuple[sessionmaker[Session], int, int]) -> None:
    factory, campaign_id, recipient_id = setup
    with transaction(factory) as session:
        record_stances(
            session,
            campaign_id=campaign_id,
            recipient_id=recipient_id,
            stances={"2.1": finding("2.1", Stance.ABSTAIN)},
            source_message_id=None,
            at=T1,
            set_by=SetBy.REVIEWER,
            user="aigul",
        )
    with transaction(factory) as session:
        summary = record_stances(
            session,
            campaign_id=campaign_id,
            recipient_id=recipient_id,
            stances={"2.1": finding("2.1", Stance.AGREE), "9.9": finding("9.9", Stance.AGREE)},
            source_message_id=None,
            at=T2,
        )
        assert summary.kept_reviewer == ("2.1",) and summary.unknown == ("9.9",)
        assert current(session) == {"2.1": ("abstain", None, "reviewer")}
