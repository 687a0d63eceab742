"""`mailflow users add|list|disable|enable|password`: accounts for committee members to sign in to the web app."""

from __future__ import annotations

import sys
from datetime import UTC, datetime

import click
from argon2 import PasswordHasher

from mailflow.cli.common import get_app
from mailflow.committee.users import add_user, list_users, set_digest_reading, set_enabled, set_password
from mailflow.committee.words import LANGUAGES
from mailflow.settings import local_time
from mailflow.store.db import transaction


@click.group("users")
def users() -> None:
    """Committee members who may sign in to the web pages.

    Example: mailflow users add aigul
    """


@users.command("add")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of standard input.")
@click.pass_context
def add_command(ctx: click.Context, name: str, password_stdin: bool) -> None:
    """Add a member; the password is asked twice (never shown, never stored, only its Argon2 hash).

    Example: mailflow users add aigul
    """
    password = _password(password_stdin)
    with transaction(get_app(ctx).sessions()) as session:
        add_user(session, PasswordHasher(), name, password, at=datetime.now(UTC))
    click.echo(f"user {name} added")


@users.command("list")
@click.pass_context
def list_command(ctx: click.Context) -> None:
    """Every member: name, enabled or disabled, and the last sign-in in the configured time zone.

    Example: mailflow users list
    """
    app = get_app(ctx)
    zone = app.settings.zone
    with transaction(app.sessions()) as session:
        members = list_users(session)
    for member in members:
        state = "enabled" if member.active else "disabled"
        last = member.last_login_at
        seen = f"last signed in {local_time(last, zone)}" if last is not None else "never signed in"
        click.echo(f"{member.username:<20} {state:<9} {seen}")
    if not members:
        click.echo("no members yet: mailflow users add NAME", err=True)
    else:
        click.echo(f"(times in {zone.key})", err=True)


@users.command("disable")
@click.argument("name")
@click.pass_context
def disable_command(ctx: click.Context, name: str) -> None:
    """Stop a member signing in; their open sessions end at their next request.

    Example: mailflow users disable aigul
    """
    with transaction(get_app(ctx).sessions()) as session:
        ended = set_enabled(session, name, False, at=datetime.now(UTC))
    click.echo(f"user {name} disabled; {ended} open session(s) ended")


@users.command("enable")
@click.argument("name")
@click.pass_context
def enable_command(ctx: click.Context, name: str) -> None:
    """Let a disabled member sign in again (with their password; old sessions stay ended).

    Example: mailflow users enable aigul
    """
    with transaction(get_app(ctx).sessions()) as session:
        set_enabled(session, name, True, at=datetime.now(UTC))
    click.echo(f"user {name} enabled")


@users.command("password")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of standard input.")
@click.pass_context
def password_command(ctx: click.Context, name: str, password_stdin: bool) -> None:
    """Set a member's new password (asked twice); their open sessions end.

    Example: mailflow users password aigul
    """
    password = _password(password_stdin)
    with transaction(get_app(ctx).sessions()) as session:
        ended = set_password(session, PasswordHasher(), name, password, at=datetime.now(UTC))
    click.echo(f"user {name}: password changed; {ended} open session(s) ended")


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password: str = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    return password


@users.command("digest")
@click.argument("name")
@click.option("--email", help="The member's address for the weekly digest (an empty string stops it).")
@click.option("--language", type=click.Choice(LANGUAGES), help="The digest's language.")
@click.pass_context
def digest_command(ctx: click.Context, name: str, email: str | None, language: str | None) -> None:
    """Send a member the weekly digest at an address, in Russian, Kyrgyz or English.

    Addresses in committee.addresses get it too (in Russian unless a member gave that address).
    Example: mailflow users digest aigul --email aigul@committee.kg --language ky
    """
    with transaction(get_app(ctx).sessions()) as session:
        set_digest_reading(session, name, email=email, language=language)
    click.echo(f"user {name}: digest settings saved")
