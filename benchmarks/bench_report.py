"""Seconds to write the consultation's report for a large consultation, per format.

Builds a SQLite database with N organisations (a third business associations) and the seed campaign's 19
recommendations with the project's own functions: appeals (3% bounced), replies from 60% of the rest with a
stance on every recommendation addressed to them and a reason for each objection or reservation, one reply in
ten flagged and decided by a reviewer (half of them corrected). Then, per round, the report is read from the
database and written as DOCX, HTML and PDF, each timed from the query to the file on disk. Target: < 10 s
for N = 500.

Run: python benchmarks/bench_report.py [--organisations 500] [--rounds 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from mailflow.campaign.letter import Audience, Campaign, load_campaign
from mailflow.campaign.recipients import RecipientEntry
from mailflow.committee.report_files import ReportFormat, load_report, report_name, write_report
from mailflow.reading.reply import ReviewReason, Stance, StanceFinding
from mailflow.store.campaigns import recommendation_rows, sync_campaign
from mailflow.store.db import make_engine, transaction, upgrade
from mailflow.store.decisions import apply_decision
from mailflow.store.inbound import store_message
from mailflow.store.models import InboundRow, LetterRow, RecipientRow, ReviewItemRow
from mailflow.store.recipients import import_recipients
from mailflow.store.responses import record_stances
from mailflow.store.reviews import open_review

ROOT = Path(__file__).resolve().parent.parent
CAMPAIGN = ROOT / "config" / "campaigns" / "appeal-2023.toml"
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
STANCES = (Stance.AGREE, Stance.AGREE, Stance.AGREE, Stance.PARTIAL, Stance.DISAGREE, Stance.ABSTAIN)
REASON = "Причина {n}: в нашем районе нет ресурсов и специалистов, предлагаем начать с пилотного проекта в 2024 году."


def build(url: str, organisations: int, seed: int = 17) -> None:
    rng = random.Random(seed)
    campaign = load_campaign(CAMPAIGN)
    engine = make_engine(url)
    upgrade(engine)
    sessions = sessionmaker(engine)
    with transaction(sessions) as session:
        row = sync_campaign(session, campaign)
        entries = [
            RecipientEntry(
                f"Организация №{n}",
                "",
                f"org{n}@example.kg",
                Audience.BUSINESS if n % 3 == 0 else Audience.CSO,
                "",
                "ru",
            )
            for n in range(organisations)
        ]
        import_recipients(session, row, entries)
        rec_ids = {rec_id: r.id for rec_id, r in recommendation_rows(session, row).items()}
        people = list(session.scalars(select(RecipientRow).where(RecipientRow.campaign_id == row.id)))
        for person in people:
            bounced = rng.random() < 0.03
            session.add(_letter(row.id, person, "bounced" if bounced else "sent"))
            if not bounced and rng.random() < 0.6:
                _reply(session, campaign, rng, person, row.id, rec_ids)
    engine.dispose()


def _letter(campaign_id: int, person: RecipientRow, status: str) -> LetterRow:
    return LetterRow(
        campaign_id=campaign_id, recipient_id=person.id, kind="appeal", sequence=1, to_address=person.email,
        message_id=f"<appeal.{person.token}@committee.example>", subject="appeal", raw=b"", status=status,
        attempts=1, created_at=START, sent_at=START,
    )  # fmt: skip


def _reply(
    session: Session, campaign: Campaign, rng: random.Random, person: RecipientRow, campaign_id: int,
    rec_ids: dict[str, int],
) -> None:  # fmt: skip
    at = START + timedelta(hours=rng.randrange(1, 24 * 30))
    stances = {}
    for rec in campaign.for_audience(Audience(person.sector)):
        stance = rng.choice(STANCES)
        reason = REASON.format(n=rng.randrange(10_000)) if stance in (Stance.PARTIAL, Stance.DISAGREE) else None
        stances[rec.id] = StanceFinding(rec.id, stance, reason)
    raw = f"From: {person.email}\r\nSubject: Re\r\n\r\n{person.token}".encode()
    stored = store_message(session, raw, mailbox="INBOX", uid=None, message_id=None)
    message = session.get(InboundRow, stored.inbound_id)
    assert message is not None
    message.status, message.kind, message.recipient_id, message.received_at = "recorded", "reply", person.id, at
    message.parsed = {"stances": {k: f.to_json() for k, f in stances.items()}}
    if rng.random() >= 0.1:
        record_stances(
            session, campaign_id=campaign_id, recipient_id=person.id, stances=stances, source_message_id=message.id,
            at=at, recommendation_ids=rec_ids,
        )  # fmt: skip
        return
    open_review(session, inbound_id=message.id, recipient_id=person.id, reasons=[ReviewReason("condition", "")], at=at)
    session.flush()
    item = session.scalars(select(ReviewItemRow.id).where(ReviewItemRow.inbound_id == message.id)).one()
    if rng.random() < 0.5:
        stances["1.1"] = StanceFinding("1.1", Stance.PARTIAL, "только при поддержке донора")
    apply_decision(
        session, item, recipient_id=person.id, stances=stances, cleared=(), user="bench", at=at + timedelta(days=1)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--organisations", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    campaign = load_campaign(CAMPAIGN)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        began = time.perf_counter()
        build(url, args.organisations)
        print(f"database: {args.organisations} organisations built in {time.perf_counter() - began:.1f} s")
        engine = make_engine(url)
        sessions = sessionmaker(engine)
        times: dict[ReportFormat, list[float]] = {fmt: [] for fmt in ReportFormat}
        sizes: dict[ReportFormat, int] = {}
        for _ in range(args.rounds):
            for fmt in ReportFormat:
                began = time.perf_counter()
                with transaction(sessions) as session:
                    report = load_report(session, campaign, language="ru", made=START.date())
                path = write_report(report, fmt, Path(folder) / report_name(campaign.slug, report, fmt))
                times[fmt].append(time.perf_counter() - began)
                sizes[fmt] = path.stat().st_size
        engine.dispose()
    quotes = sum(len(g.quotes) for p in report.panels for s in p.recs for g in s.quotes)
    print(f"report: {len(report.answered)} answered, {len(report.silent)} silent, {quotes} quoted reasons")
    for fmt, seconds in times.items():
        spread = f"min {min(seconds):.2f}, max {max(seconds):.2f}"
        print(
            f"{fmt.value:>4}: median {statistics.median(seconds):.2f} s ({spread}) over {args.rounds} rounds, "
            f"{sizes[fmt] / 1e6:.1f} MB; target < 10 s"
        )


if __name__ == "__main__":
    main()
