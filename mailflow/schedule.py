"""The worker's timetable (APScheduler): the appeal at its time, reminders, the weekly digest, the outbox.

Jobs live in the database (APScheduler's SQLAlchemy job store), so a restart neither forgets nor repeats
them, and only the worker holding the mailbox lease runs the scheduler: two workers, one timetable. Each
job builds its own `App` from the same config, so a job is a plain function of its name.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mailflow.app import App
from mailflow.campaign.letter import Campaign
from mailflow.committee.digest import build_digest, compose_digest, write_preview
from mailflow.committee.users import digest_readers
from mailflow.errors import ConfigError
from mailflow.lifecycle import LetterStatus
from mailflow.sending.compose import LetterKind
from mailflow.sending.outbox import queue_committee_letter, queue_letters
from mailflow.store.campaigns import sync_campaign
from mailflow.store.db import transaction
from mailflow.store.messages import complainers
from mailflow.store.models import LetterRow, ResponseRow
from mailflow.store.reports import utc

logger = logging.getLogger(__name__)

DAYS = {"mon": "mon", "tue": "tue", "wed": "wed", "thu": "thu", "fri": "fri", "sat": "sat", "sun": "sun"}
JOB_TABLE = "apscheduler_jobs"


@dataclass(frozen=True)
class Timetable:
    """When each job runs, from the `schedule` settings; pure, so a bad setting is caught at start-up."""

    appeal_at: datetime | None
    digest_day: str
    digest_hour: int
    digest_minute: int
    reminders_hour: int = 10


def timetable(timezone: str, appeal_at: str, digest: str) -> Timetable:
    zone = ZoneInfo(timezone)
    when = None
    if appeal_at.strip():
        try:
            when = datetime.fromisoformat(appeal_at.strip()).replace(tzinfo=zone)
        except ValueError as exc:
            raise ConfigError(
                "schedule.appeal_at", f"{appeal_at!r} is not a date and time like 2023-03-02 10:00"
            ) from exc
    try:
        day, clock = digest.split()
        hour, minute = (int(part) for part in clock.split(":"))
        if day.lower()[:3] not in DAYS or not (0 <= hour < 24 and 0 <= minute < 60):
            raise ValueError(digest)
    except ValueError as exc:
        raise ConfigError("schedule.digest", f"{digest!r} is not a day and time like 'mon 09:00'") from exc
    return Timetable(when, DAYS[day.lower()[:3]], hour, minute)


def due_for_reminder(
    session: Session, campaign_id: int, *, now: datetime, after_days: int, max_reminders: int
) -> list[str]:
    """Recipients sent the appeal at least `after_days` ago, with no answer, reminded fewer than K times.

    An organisation that marked the appeal as spam (a feedback report names it) is never reminded.
    """
    answered = select(ResponseRow.recipient_id).distinct()
    appeals = select(LetterRow.recipient_id, LetterRow.to_address, LetterRow.sent_at).where(
        LetterRow.campaign_id == campaign_id,
        LetterRow.kind == LetterKind.APPEAL.value,
        LetterRow.status == LetterStatus.SENT.value,
        LetterRow.recipient_id.not_in(answered),
        LetterRow.recipient_id.not_in(complainers()),
    )
    reminders = dict(
        session.execute(
            select(LetterRow.recipient_id, func.count())
            .where(LetterRow.campaign_id == campaign_id, LetterRow.kind == LetterKind.REMINDER.value)
            .group_by(LetterRow.recipient_id)
        ).all()
    )
    due = []
    for recipient_id, address, sent_at in session.execute(appeals):
        if sent_at is None:
            continue
        if reminders.get(recipient_id, 0) < max_reminders and now - utc(sent_at) >= timedelta(days=after_days):
            due.append(address)
    return due


# -- the jobs: plain functions of a config path, so the job store can keep them -----------------------------


def _app(config: str | None) -> App:
    return App.from_environment(Path(config) if config else None, os.environ)


def send_appeal(config: str | None) -> None:
    app = _app(config)
    campaign = app.campaign()
    with transaction(app.sessions()) as session:
        summary = queue_letters(
            session, app.templates(), campaign, LetterKind.APPEAL, app.settings.sender, now=_now(app), actor="schedule"
        )
    logger.info("appeal: %s queued, %s already had one", summary.queued, summary.skipped)
    app.send_due()
    app.close()


def send_reminders(config: str | None) -> None:
    app = _app(config)
    campaign = app.campaign()
    settings = app.settings.schedule
    with transaction(app.sessions()) as session:
        campaign_id = sync_campaign(session, campaign).id
        due = due_for_reminder(
            session,
            campaign_id,
            now=_now(app),
            after_days=settings.remind_after_days,
            max_reminders=settings.max_reminders,
        )
        if due:  # a reminder is the same kind again, on purpose: `again` with the limit checked above
            queue_letters(
                session, app.templates(), campaign, LetterKind.REMINDER, app.settings.sender,
                now=_now(app), emails=due, again=True, only_unanswered=True, actor="schedule",
            )  # fmt: skip
    logger.info("reminders: %s queued", len(due))
    app.send_due()
    app.close()


def queue_digest(app: App, campaign: Campaign, *, now: datetime) -> int:
    """The week's digest to every committee address, once per ISO week and address."""
    settings = app.settings
    templates = app.templates()
    with transaction(app.sessions()) as session:
        campaign_id = sync_campaign(session, campaign).id
        digest = build_digest(session, campaign.slug, end=now, web_url=settings.committee.web_url)
        year, week, _ = now.isocalendar()
        queued = 0
        for address, language in digest_readers(session, settings.committee.addresses):
            letter = compose_digest(
                templates, campaign, digest, to=address, sender=settings.sender,
                web_url=settings.committee.web_url, now=now, language=language,
            )  # fmt: skip
            queued += queue_committee_letter(
                session, campaign_id, letter, LetterKind.DIGEST, period=f"{year}-W{week:02d}", now=now
            )
    return queued


def preview_digest(app: App, campaign: Campaign, *, end: datetime, now: datetime) -> tuple[Path, Path]:
    """The digest of the week ending at `end` as the first committee address would get it, written to
    `storage/digests/` (.html and .eml) to look at; nothing is queued."""
    settings = app.settings
    with transaction(app.sessions()) as session:
        digest = build_digest(session, campaign.slug, end=end, web_url=settings.committee.web_url)
        readers = digest_readers(session, settings.committee.addresses) or [(settings.sender.address, "ru")]
    letter = compose_digest(
        app.templates(), campaign, digest, to=readers[0][0], sender=settings.sender,
        web_url=settings.committee.web_url, now=now, language=readers[0][1],
    )  # fmt: skip
    return write_preview(letter, settings.storage_dir / "digests", end)


def send_digest(config: str | None) -> None:
    app = _app(config)
    logger.info("digest: %s queued", queue_digest(app, app.campaign(), now=_now(app)))
    app.send_due()
    app.close()


def send_outbox(config: str | None) -> None:
    app = _app(config)
    app.send_due()
    app.close()


def _now(app: App) -> datetime:
    return datetime.now(ZoneInfo(app.settings.schedule.timezone))


def start_scheduler(app: App, campaign: Campaign, config: Path | None) -> BackgroundScheduler:
    """Start the timetable in this process; jobs already in the store keep their next run times."""
    settings = app.settings.schedule
    plan = timetable(settings.timezone, settings.appeal_at, settings.digest)
    zone = ZoneInfo(settings.timezone)
    scheduler = BackgroundScheduler(
        jobstores={"default": SQLAlchemyJobStore(engine=app.engine, tablename=JOB_TABLE)},
        timezone=zone,
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 6 * 3600},
    )
    args: Sequence[str | None] = [str(config) if config else None]
    if plan.appeal_at is not None:
        scheduler.add_job(
            send_appeal, DateTrigger(plan.appeal_at, timezone=zone), args=args, id="appeal", replace_existing=True
        )
    scheduler.add_job(
        send_reminders,
        CronTrigger(hour=plan.reminders_hour, timezone=zone),
        args=args,
        id="reminders",
        replace_existing=True,
    )
    digest = CronTrigger(day_of_week=plan.digest_day, hour=plan.digest_hour, minute=plan.digest_minute, timezone=zone)
    scheduler.add_job(send_digest, digest, args=args, id="digest", replace_existing=True)
    scheduler.add_job(
        send_outbox, IntervalTrigger(minutes=1, timezone=zone), args=args, id="outbox", replace_existing=True
    )
    scheduler.start()
    logger.info("scheduler started for %s: %s", campaign.slug, [job.id for job in scheduler.get_jobs()])
    return scheduler
