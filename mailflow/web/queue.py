"""The review queue: flagged replies, oldest first, each with why the parser stopped, in words."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from werkzeug.wrappers import Response

from mailflow.committee.review import review_queue
from mailflow.web.context import unit_of_work

blueprint = Blueprint("queue", __name__)


@blueprint.route("/")
def index() -> Response:
    return redirect(url_for("queue.items"))


@blueprint.route("/review")
def items() -> str:
    with unit_of_work() as db:
        entries = review_queue(db)
    return render_template("queue.html", entries=entries)
