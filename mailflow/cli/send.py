"""`mailflow preview`, `mailflow send` and `mailflow outbox`: look at the letters, send them, see what happened."""

from __future__ import annotations

import email
import logging
import sys
from email import policy
from email.message import EmailMessage
from pathlib import Path

import click

from mailflow.app import App
from mailflow.campaign.letter import Audience
from mailflow.cli.common import campaign_option, get_app
from mailflow.errors import StorageError
from mailflow.lifecycle import LetterStatus
from mailflow.sending.compose import (
    LANGUAGES,
    Addressee,
    LetterKind,
    compose_letter,
    new_message_id,
    sample_context,
)
from mailflow.sending.outbox import (
    SystemClock,
    addressee,
    due_count,
    list_letters,
    queue_letters,
    resolve_letter,
)
from mailflow.settings import local_time
from mailflow.store.campaigns import sync_campaign
from mailflow.store.db import transaction
from mailflow.store.recipients import list_recipients

SENDABLE = (LetterKind.APPEAL.value, LetterKind.REMINDER.value)


def _samples() -> list[Addressee]:
    """One made-up recipient per sector and language, for previews before any list is imported."""
    return [
        Addressee(f"sample-{sector.value}-{lang}@example.org", "(пример) Организация", "", sector, lang, "sample00")
        for sector in (Audience.BUSINESS, Audience.CSO)
        for lang in LANGUAGES
    ]


def _html_part(raw: bytes) -> str:
    body = email.message_from_bytes(raw, policy=policy.default).get_body(("html",))
    return body.get_content() if isinstance(body, EmailMessage) else ""


def _preview_addressees(app: App, kind: LetterKind, campaign_file: Path | None) -> list[Addressee]:
    settings = app.settings
    if kind is LetterKind.DIGEST:
        return [Addressee(a) for a in settings.committee.addresses or (settings.sender.address,)]
    try:
        with transaction(app.sessions()) as session:
            rows = list_recipients(session, sync_campaign(session, app.campaign(campaign_file)))
            return [addressee(r) for r in rows]
    except StorageError as exc:
        click.echo(f"note: no recipients to read ({exc}); showing sample recipients", err=True)
        return []


@click.command("preview")
@click.option("--recipient", "emails", multiple=True, metavar="EMAIL", help="Only this recipient (repeatable).")
@click.option("--kind", type=click.Choice([k.value for k in LetterKind]), default="appeal", show_default=True)
@campaign_option
@click.pass_context
def preview(ctx: click.Context, emails: tuple[str, ...], kind: str, campaign_file: Path | None) -> None:
    """Render letters as .eml and .html files in storage/outbox/ to look at before sending.

    Every template is rendered, so a mistake in one shows here, not halfway through sending. Without an
    imported recipient list, one sample letter per sector and language is written.
    Example: mailflow preview --recipient info@biz-alliance-osh.example --kind appeal
    """
    app = get_app(ctx)
    settings = app.settings
    letter_kind = LetterKind(kind)
    current = app.campaign(campaign_file)
    env = app.templates()
    people = _preview_addressees(app, letter_kind, campaign_file)
    if emails:
        wanted = {e.lower() for e in emails}
        people = [p for p in people if p.email in wanted]
        missing = wanted - {p.email for p in people}
        if missing:
            raise click.UsageError(f"not a recipient of {current.slug}: {', '.join(sorted(missing))}")
    if not people:
        people = _samples()
    folder = settings.storage_dir / "outbox"
    folder.mkdir(parents=True, exist_ok=True)
    now = SystemClock().now()
    context = sample_context(letter_kind, current)
    for person in people:
        letter = compose_letter(
            env,
            letter_kind,
            current,
            person,
            settings.sender,
            context,
            message_id=new_message_id(letter_kind, person.token, settings.sender.address),
            now=now,
        )
        html = _html_part(letter.raw)
        eml = folder / f"preview-{kind}-{person.email}.eml"
        eml.write_bytes(letter.raw)
        eml.with_suffix(".html").write_text(html, encoding="utf-8")
        click.echo(f"{eml}  {eml.with_suffix('.html')}")


@click.command("send")
@click.option("--kind", type=click.Choice(SENDABLE), default="appeal", show_default=True)
@click.option("--recipient", "emails", multiple=True, metavar="EMAIL", help="Only this recipient (repeatable).")
@click.option("--again", is_flag=True, help="Also to those who already had this kind of letter: a new copy.")
@click.option("--dry-run", is_flag=True, help="Render and count, queue and send nothing.")
@campaign_option
@click.pass_context
def send(
    ctx: click.Context,
    kind: str,
    emails: tuple[str, ...],
    again: bool,
    dry_run: bool,
    campaign_file: Path | None,
) -> None:
    """Queue the letter for every recipient who has not had it yet, then send everything due.

    A recipient never gets the same kind of letter twice for a campaign unless you say --again.
    Reminders go only to recipients with no recorded answer. Without smtp.host the letters are
    written to storage/outbox/ instead of being sent.
    Example: mailflow send --kind appeal --dry-run
    """
    app = get_app(ctx)
    settings = app.settings
    clock = SystemClock()
    factory = app.sessions()
    letter_kind = LetterKind(kind)
    env = app.templates()
    session = factory()
    try:
        queued = queue_letters(
            session,
            env,
            app.campaign(campaign_file),
            letter_kind,
            settings.sender,
            now=clock.now(),
            emails=emails or None,
            again=again,
            only_unanswered=letter_kind is LetterKind.REMINDER,
            actor="cli",
        )
        if dry_run:
            session.rollback()
        else:
            session.commit()
    finally:
        session.close()
    verb = "would queue" if dry_run else "queued"
    click.echo(f"{verb} {queued.queued} {kind} letter(s); {queued.skipped} recipient(s) already had one")
    if queued.unknown:
        click.echo(f"not recipients of this campaign: {', '.join(queued.unknown)}", err=True)
    if dry_run:
        return

    with transaction(factory) as session:
        due = due_count(session, clock.now())
    where = settings.smtp.host or str(settings.storage_dir / "outbox")
    # this command reports every letter itself: the outbox's log lines (meant for the worker's log) would say
    # each problem a second time
    outbox_log = logging.getLogger(list_letters.__module__)
    level = outbox_log.level
    outbox_log.setLevel(logging.ERROR)
    try:
        with click.progressbar(length=due, label=f"sending to {where}", file=sys.stderr) as bar:
            summary = app.send_due(on_outcome=lambda _: bar.update(1))
    finally:
        outbox_log.setLevel(level)
    with transaction(factory) as session:
        waiting = len(list_letters(session, LetterStatus.QUEUED))
    click.echo(
        f"sent {summary.count(LetterStatus.SENT)}, failed {summary.count(LetterStatus.FAILED)}, "
        f"uncertain {summary.count(LetterStatus.UNCERTAIN)}"
        + (f"; {waiting} still queued, sent by the worker or the next `mailflow send`" if waiting else "")
    )
    for outcome in summary.outcomes:
        if outcome.status is LetterStatus.QUEUED:
            click.echo(f"  #{outcome.letter_id} {outcome.to_address}: not sent yet, tried again later: {outcome.error}")
        elif outcome.status is not LetterStatus.SENT:
            click.echo(f"  #{outcome.letter_id} {outcome.to_address}: {outcome.status.value}: {outcome.error}")
    for view in summary.uncertain_found:
        click.echo(f"  #{view.id} {view.to_address}: uncertain (an earlier run was interrupted mid-send)")
    if summary.uncertain_found or summary.count(LetterStatus.UNCERTAIN):
        click.echo("uncertain letters may have arrived; see `mailflow outbox --status uncertain`")
    if summary.stopped:
        click.echo(f"sending stopped: {summary.stopped}", err=True)
        ctx.exit(1)


@click.command("outbox")
@click.option("--status", type=click.Choice([s.value for s in LetterStatus]), help="Only letters in this status.")
@click.option("--mark-sent", type=int, metavar="ID", help="An uncertain letter did arrive: record it as sent.")
@click.option("--requeue", type=int, metavar="ID", help="Send an uncertain or failed letter again.")
@click.pass_context
def outbox(ctx: click.Context, status: str | None, mark_sent: int | None, requeue: int | None) -> None:
    """List the letters: queued, sent, failed, and uncertain ones that need a person's decision.

    An `uncertain` letter was cut off after the server may have accepted it; it is never resent by
    itself. Ask the recipient, then --mark-sent ID or --requeue ID.
    Example: mailflow outbox --status uncertain
    """
    app = get_app(ctx)
    with transaction(app.sessions()) as session:
        for letter_id, target in ((mark_sent, LetterStatus.SENT), (requeue, LetterStatus.QUEUED)):
            if letter_id is not None:
                view = resolve_letter(session, letter_id, target, actor="cli")
                click.echo(f"#{view.id} {view.to_address}: now {view.status.value}")
        letters = list_letters(session, LetterStatus(status) if status else None)
    for v in letters:
        when = v.sent_at or v.next_attempt_at or v.created_at
        at = local_time(when, app.settings.zone)
        line = f"#{v.id:<5} {v.status.value:<9} {v.kind}/{v.sequence:<2} {v.to_address:<36} {at}"
        if v.attempts:
            line += f"  attempts {v.attempts}"
        if v.last_error and v.status is not LetterStatus.SENT:
            line += f"  {v.last_error[:80]}"
        click.echo(line)
    counts: dict[str, int] = {}
    for v in letters:
        counts[v.status.value] = counts.get(v.status.value, 0) + 1
    summary = ", ".join(f"{n} {s}" for s, n in sorted(counts.items())) or "no letters"
    click.echo(f"{summary}; times in {app.settings.zone.key}" if letters else summary, err=True)
