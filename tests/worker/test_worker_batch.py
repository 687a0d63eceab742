"""A worker cycle takes its batch whole: stored together, processed together in one transaction, filed together,
its messages read ahead in processes when it is large.

The batch changes how many statements, commits and server commands a message costs, not what it records nor what
a failure costs: one message that cannot be processed is quarantined and the rest of the batch is recorded and
filed as usual; a stop in the middle commits what was done and leaves the rest for the next cycle.
"""

from __future__ import annotations

import mailbox
import threading
from collections.abc import Generator, Iterator, Mapping
from dataclasses import replace
from pathlib import Path

import jinja2
import pytest
from sqlalchemy import func, select

from mailflow.app import App
from mailflow.campaign.letter import Campaign
from mailflow.campaign.recipients import read_recipients_file
from mailflow.lifecycle import MessageStatus
from mailflow.parse import parse_reply
from mailflow.reading.classify import OwnIdentity
from mailflow.reading.mime import ParseLimits
from mailflow.reading.reply import ParsedReply
from mailflow.receiving.parse_pool import ParsePool, ReadAhead
from mailflow.sending.compose import LetterKind
from mailflow.store.db import transaction
from mailflow.store.models import (
    InboundRow,
    LetterRow,
    RawMessageRow,
    RecipientRow,
    RecommendationRow,
    ResponseHistoryRow,
    ResponseRow,
    ReviewItemRow,
)
from tests.appeal import SAMPLE_RECIPIENTS
from tests.mailmaker import CLIENTS, make_reply

AUTO_REPLY = (
    b"From: aida@policy-lab.example\r\nTo: dialog@committee.example\r\nSubject: Automatic reply\r\n"
    b"Message-ID: <auto-1@policy-lab.example>\r\nAuto-Submitted: auto-replied\r\n\r\nOut of office.\r\n"
)


def test_a_message_that_fails_is_quarantined_and_the_rest_of_its_batch_is_recorded_and_filed(
    app: App, tmp_path: Path
) -> None:
    inbox = mailbox.Maildir(tmp_path / "maildir", create=True)
    for raw in (
        make_reply("Согласны со всеми рекомендациями.", from_address="umut@umut-fund.example",
                   headers={"Message-ID": "<accepted-1@umut-fund.example>"}),
        AUTO_REPLY,
        make_reply("Согласны со всеми рекомендациями.", from_address="eco@eco-talas.example",
                   headers={"Message-ID": "<accepted-2@eco-talas.example>"}),
    ):  # fmt: skip
        inbox.add(raw)
    campaign = app.campaign()
    worker = app.worker(campaign)
    # no acknowledgement template: queueing one fails, as a template broken on the server would
    broken = jinja2.Environment(loader=jinja2.DictLoader({}))
    worker = replace(worker, context=lambda s: replace(app.processing_context(s, campaign), templates=broken))

    summary = worker.cycle()

    assert (summary.fetched, summary.recorded, summary.failed) == (3, 1, 2)
    with transaction(app.sessions()) as session:
        statuses = {key: status for key, status in session.execute(select(InboundRow.dedupe_key, InboundRow.status))}
        reasons = [item.reasons[0]["code"] for item in session.scalars(select(ReviewItemRow))]
    assert statuses == {
        "<accepted-1@umut-fund.example>": MessageStatus.FAILED.value,
        "<auto-1@policy-lab.example>": MessageStatus.RECORDED.value,
        "<accepted-2@eco-talas.example>": MessageStatus.FAILED.value,
    }
    assert reasons == ["processing_failed", "processing_failed"]
    assert len(inbox) == 0  # every message filed, the failed ones for review
    assert len(inbox.get_folder("mailflow.review")) == 2 and len(inbox.get_folder("mailflow.automatic")) == 1


def _deliver_replies(tmp_path: Path, count: int) -> None:
    """`count` replies from the sample organisations in turn, from every client, some to review."""
    inbox = mailbox.Maildir(tmp_path / "maildir", create=True)
    senders = [entry.email for entry in read_recipients_file(SAMPLE_RECIPIENTS)]
    texts = ("Согласны со всеми рекомендациями.", "По 1.2 не согласны: нужен переходный период.",
             "We support 1.1; 2.2 only partly, the deadline is too short.", "Мы подумаем.")  # fmt: skip
    for n in range(count):
        headers = {"Message-ID": f"<r{n}@sample.example>"}
        client, sender = CLIENTS[n % len(CLIENTS)], senders[n % len(senders)]
        inbox.add(make_reply(texts[n % len(texts)], client=client, from_address=sender, headers=headers))


def test_a_batch_read_ahead_in_processes_records_what_reading_in_the_worker_records(app: App, tmp_path: Path) -> None:
    _deliver_replies(tmp_path, 24)
    campaign = app.campaign()
    worker = replace(app.worker(campaign), pool=ParsePool(2, min_batch=4))

    summary = worker.cycle()
    started = worker.pool.started
    worker.close()

    assert started and summary.fetched == 24 and summary.recorded + summary.flagged == 24
    own = app.own_identity()
    with transaction(app.sessions()) as session:
        stored = session.execute(select(InboundRow.status, InboundRow.parsed, RawMessageRow.data).join(RawMessageRow))
        for status, parsed, raw in stored:  # every message read as the worker itself would read it
            assert status in (MessageStatus.RECORDED.value, MessageStatus.FLAGGED.value)
            assert parsed == parse_reply(raw, campaign, limits=app.parse_limits(), own=own).to_json()
        assert (session.scalar(select(func.count()).select_from(ResponseRow)) or 0) > 0
        acknowledged = session.execute(
            select(LetterRow.recipient_id, func.count())
            .where(LetterRow.kind == LetterKind.ACKNOWLEDGEMENT.value)
            .group_by(LetterRow.recipient_id)
        ).all()
    # several replies of one organisation in the batch, one acknowledgement each
    assert acknowledged and all(count == 1 for _, count in acknowledged)


def test_two_replies_of_one_organisation_in_one_batch_leave_the_later_stance_and_the_earlier_in_history(
    app: App, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    inbox = mailbox.Maildir(tmp_path / "maildir", create=True)
    first, then = "По 1.1 согласны, по 1.2 согласны.", "По 1.2 не согласны, нужен переходный период."
    for n, text in enumerate((first, then)):
        headers = {"Message-ID": f"<umut-{n}@umut-fund.example>"}
        inbox.add(make_reply(text, from_address="umut@umut-fund.example", headers=headers))
    campaign = app.campaign()
    # no acknowledgements: queueing one writes out everything pending, which would hide a missing write
    quiet = replace(
        app.worker(campaign), context=lambda s: replace(app.processing_context(s, campaign), templates=None)
    )

    summary = quiet.cycle()
    quiet.close()

    assert summary.recorded == 2
    assert not caplog.records  # in one transaction: no failure made the worker redo the batch message by message
    with transaction(app.sessions()) as session:
        umut = session.scalars(select(RecipientRow.id).where(RecipientRow.email == "umut@umut-fund.example")).one()
        current = _stances(session.execute(_by_rec(ResponseRow, umut)))
        history = _stances(session.execute(_by_rec(ResponseHistoryRow, umut)))
    assert current == {"1.1": "agree", "1.2": "disagree"}
    assert history == {"1.2": "agree"}  # the first reply's stance, replaced by the second within the batch


def _by_rec(model: type[ResponseRow] | type[ResponseHistoryRow], recipient_id: int):  # type: ignore[no-untyped-def]
    return (
        select(RecommendationRow.rec_id, model.stance)
        .join(RecommendationRow, RecommendationRow.id == model.recommendation_id)
        .where(model.recipient_id == recipient_id)
    )


def _stances(rows: Iterator[tuple[str, str]]) -> dict[str, str]:
    return {rec_id: stance for rec_id, stance in rows}


class _StopWhileReading(ParsePool):
    """Reads in the worker, and sets `stop` (as SIGTERM does) once, while message number `at` is being read."""

    def __init__(self, stop: threading.Event, at: int | None) -> None:
        super().__init__(0)
        self.stop, self.at = stop, at

    def read_ahead(
        self, raws: Mapping[int, bytes], campaign: Campaign, limits: ParseLimits, own: OwnIdentity
    ) -> ReadAhead:
        def reading() -> Generator[ParsedReply | None, None, None]:
            for n, raw in enumerate(raws.values()):
                if n == self.at:
                    self.stop.set()
                    self.at = None
                yield parse_reply(raw, campaign, limits=limits, own=own)

        return ReadAhead(raws, reading())


def test_a_stop_in_the_middle_of_a_batch_commits_the_message_in_hand_and_leaves_the_rest_for_later(
    app: App, tmp_path: Path
) -> None:
    _deliver_replies(tmp_path, 5)
    worker = app.worker(app.campaign())
    worker = replace(worker, pool=_StopWhileReading(worker.stop, at=1))

    stopped = worker.cycle()
    with transaction(app.sessions()) as session:
        statuses = sorted(session.scalars(select(InboundRow.status)))
    worker.stop.clear()
    rest = worker.cycle()
    worker.close()

    assert (stopped.recorded + stopped.flagged, stopped.more) == (2, True)
    assert statuses.count(MessageStatus.STORED.value) == 3  # stored, not processed: nothing is lost
    assert (rest.fetched, rest.recorded + rest.flagged, rest.more) == (3, 3, False)
    assert len(mailbox.Maildir(tmp_path / "maildir", create=False)) == 0


def test_a_closed_worker_gives_its_lease_back_so_the_next_one_starts_at_once(app: App) -> None:
    campaign = app.campaign()
    first = app.worker(campaign)
    assert first.cycle().leased
    first.close()  # as `mailflow demo` and `mailflow worker --once` end

    second = replace(app.worker(campaign), holder="another-host:1")  # could not judge the first one abandoned
    leased = second.cycle().leased
    second.close()

    assert leased


def test_a_different_reply_reusing_a_message_id_is_stored_too_and_flagged(app: App, tmp_path: Path) -> None:
    inbox = mailbox.Maildir(tmp_path / "maildir", create=True)
    headers = {"Message-ID": "<reused-1@umut-fund.example>"}
    inbox.add(make_reply("Согласны со всеми рекомендациями.", from_address="umut@umut-fund.example", headers=headers))
    worker = app.worker(app.campaign())
    worker.cycle()
    inbox.add(make_reply("Не согласны ни с чем.", from_address="eco@eco-talas.example", headers=headers))
    summary = worker.cycle()
    worker.close()

    assert (summary.fetched, summary.duplicates, summary.flagged) == (1, 0, 1)
    with transaction(app.sessions()) as session:
        assert session.scalar(select(func.count()).select_from(InboundRow)) == 2
        item = session.scalars(select(ReviewItemRow)).one()
    assert "reused_message_id" in [reason["code"] for reason in item.reasons]
