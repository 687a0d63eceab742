"""`mailflow parse`: show what mailflow reads in reply messages, as JSON, without storing anything."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import click

from mailflow.cli.common import campaign_option, get_app
from mailflow.parse import parse_reply, unreadable_reply


@click.command("parse")
@campaign_option
@click.option("--jsonl", is_flag=True, help="One JSON object per line instead of pretty-printed JSON.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.pass_context
def parse(ctx: click.Context, campaign_file: Path | None, jsonl: bool, paths: tuple[Path, ...]) -> None:
    """Read message files (.eml, or folders of them) and print one JSON object per message.

    Each object is the documented contract: file, kind, message_id, in_reply_to, from, subject,
    language, text, attachments, bounced_recipient, needs_review, review_reasons, stances. A file that
    cannot be read gives kind "unreadable" with an error, and the next file is read.

    Example: mailflow parse --jsonl storage/inbox/*.eml
    """
    campaign = get_app(ctx).campaign(campaign_file)
    for path in _files(paths):
        try:
            parsed = parse_reply(path.read_bytes(), campaign)
        except OSError as exc:
            parsed = unreadable_reply(f"cannot read the file: {exc.strerror or exc}")
        data = {"file": str(path), **parsed.to_json()}
        click.echo(json.dumps(data, ensure_ascii=False, indent=None if jsonl else 2))


def _files(paths: tuple[Path, ...]) -> Iterator[Path]:
    """Files as given; a folder stands for the .eml files in it, in name order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.iterdir() if p.suffix.lower() == ".eml" and p.is_file())
        else:
            yield path
