"""`mailflow review list|show|decide`: the review queue from a terminal, through the same service as the web."""

from __future__ import annotations

import getpass
from datetime import UTC, datetime

import click

from mailflow.cli.common import get_app
from mailflow.committee.review import NO_ANSWER, Answer, Decision, OutboxClarifier, decide, review_queue, show_reply
from mailflow.settings import local_time
from mailflow.store.db import transaction


@click.group("review")
def review() -> None:
    """Replies the parser could not read with confidence, for a person to decide.

    Example: mailflow review list
    """


@review.command("list")
@click.pass_context
def list_command(ctx: click.Context) -> None:
    """List open review items, oldest first, with the reasons they were flagged.

    Example: mailflow review list
    """
    app = get_app(ctx)
    with transaction(app.sessions()) as session:
        entries = review_queue(session)
    if not entries:
        click.echo("no replies wait for review")
    for e in entries:
        who = e.recipient.organisation if e.recipient else f"(unknown) {e.from_address}"
        codes = ", ".join(r.code for r in e.reasons)
        click.echo(_printable(f"{e.item_id:>5}  {local_time(e.received_at, app.settings.zone)}  {who}  [{codes}]"))
    if entries:
        click.echo(f"(received, in {app.settings.zone.key})", err=True)


@review.command("show")
@click.argument("item_id", type=int)
@click.pass_context
def show_command(ctx: click.Context, item_id: int) -> None:
    """Show one item: sender, how it was matched, why it was flagged, the text and the parser's stances.

    Example: mailflow review show 12
    """
    app = get_app(ctx)
    with transaction(app.sessions()) as session:
        view = show_reply(session, item_id, slug=app.campaign().slug, limits=app.parse_limits())
    item = view.item
    who = f"{item.recipient.organisation} ({item.recipient.sector})" if item.recipient else "unknown organisation"
    click.echo(f"review {item.item_id} [{item.status}]  {who}")
    click.echo(_printable(f"from: {view.from_name} <{view.from_address}>  matched by: {item.match_method or '-'}"))
    click.echo(_printable(f"subject: {view.subject}"))
    for flagged in view.reasons:
        click.echo(_printable(f"  ! {flagged.code}: {flagged.message}"))
    click.echo("")
    marked = "".join(f"[{s.text}]{{{','.join(s.rec_ids)}}}" if s.rec_ids else s.text for s in view.own_text)
    click.echo(_printable(marked))
    for attachment in view.attachments:
        state = attachment.problem or f"{sum(len(s.text) for s in attachment.text)} characters of text"
        line = f"  attachment {attachment.index}: {attachment.filename} ({attachment.content_type}) — {state}"
        click.echo(_printable(line))
    click.echo("")
    for row in view.rows:
        stance = row.stance or "no answer"
        reason = f" — {row.reason}" if row.reason else ""
        click.echo(_printable(f"  {row.rec.rec_id:<5} {stance}{reason}"))


def _printable(text: str) -> str:
    """A stranger's text without control characters: an ESC sequence in a reply must not drive the terminal."""
    return "".join(c for c in text if c.isprintable() or c in "\n\t")


@review.command("decide")
@click.argument("item_id", type=int)
@click.option(
    "--set",
    "settings_",
    multiple=True,
    metavar="ID=STANCE[:REASON]",
    help="A stance (agree, disagree, partial, abstain, none) and optional reason; repeatable.",
)
@click.option("--recipient", type=int, help="The recipient's id, when the reply's organisation is unknown.")
@click.option("--question", default="", help="Queue a clarification letter asking this.")
@click.option("--note", default="", help="A note for colleagues, kept in the audit log.")
@click.option("--user", "user_name", default=None, help="Who decides (default: your login name).")
@click.pass_context
def decide_command(
    ctx: click.Context,
    item_id: int,
    settings_: tuple[str, ...],
    recipient: int | None,
    question: str,
    note: str,
    user_name: str | None,
) -> None:
    """Record stances for a flagged reply and close it; stances not named keep the parser's reading.

    Example: mailflow review decide 12 --set 1.1=agree --set "4.3=disagree:нет средств" --set 2.1=none
    """
    app = get_app(ctx)
    campaign = app.campaign()
    limits = app.parse_limits()
    answers: dict[str, Answer] = {}
    for given in settings_:
        rec_id, eq, rest = given.partition("=")
        stance, _, reason = rest.partition(":")
        if not eq or not rec_id.strip():
            raise click.BadParameter(f"{given!r}: expected ID=STANCE[:REASON]", param_hint="--set")
        answers[rec_id.strip()] = Answer(NO_ANSWER if stance.strip() == "none" else stance.strip(), reason.strip())
    clarify = OutboxClarifier(app.templates(), campaign, app.settings.sender)
    with transaction(app.sessions()) as session:
        view = show_reply(session, item_id, slug=campaign.slug, limits=limits)
        parsed = {row.rec.rec_id: Answer(row.stance, row.reason) for row in view.rows if row.stance}
        decision = Decision({**parsed, **answers}, recipient_id=recipient, question=question, note=note)
        result = decide(
            session,
            item_id,
            decision,
            user=user_name or getpass.getuser(),
            at=datetime.now(UTC),
            clarify=clarify,
        )
    click.echo(
        f"review {result.item_id} closed; changed: {', '.join(result.changed) or '-'}; "
        f"cleared: {', '.join(result.cleared) or '-'}"
        + ("; clarification queued" if result.clarification_queued else "")
    )
