"""`mailflow users add`: accounts for committee members to sign in to the web app."""

from __future__ import annotations

import sys
from datetime import UTC, datetime

import click
from argon2 import PasswordHasher

from mailflow.cli.common import get_app
from mailflow.committee.users import add_user, set_digest_reading
from mailflow.committee.words import LANGUAGES
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
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    with transaction(get_app(ctx).sessions()) as session:
        add_user(session, PasswordHasher(), name, password, at=datetime.now(UTC))
    click.echo(f"user {name} added")


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
