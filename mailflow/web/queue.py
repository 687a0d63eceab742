"""The review queue: flagged replies, oldest first, each with why the parser stopped, in words; a page at a
time, continued after the last item shown (`?after=ID`), however long the queue."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from mailflow.committee.review import review_queue
from mailflow.store.reviews import open_count
from mailflow.web.context import unit_of_work

blueprint = Blueprint("queue", __name__)
PAGE = 50


@blueprint.route("/")
def index() -> Response:
    return redirect(url_for("queue.items"))


@blueprint.route("/review")
def items() -> str:
    after = request.args.get("after", "")
    with unit_of_work() as db:
        entries = review_queue(db, after=int(after) if after.isdigit() else None, limit=PAGE + 1)
        total = open_count(db)
    more = entries[PAGE - 1].item_id if len(entries) > PAGE else None
    return render_template("queue.html", entries=entries[:PAGE], total=total, more=more)
