"""`mailflow users add`: accounts for committee members to sign in to the web app."""

from __future__ import annotations

import sys
from datetime import UTC, datetime

import click
from argon2 import PasswordHasher

from mailflow.cli.common import get_app
from mailflow.committee.users import add_user
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
