"""One flagged reply: who sent it, what they wrote (evidence marked), the original, attachments, and the
form that records the reviewer's decision."""

from __future__ import annotations

import io

from flask import Blueprint, flash, redirect, render_template, request, send_file, url_for
from werkzeug.wrappers import Response

from mailflow.committee.review import Answer, Decision, attachment_file, decide, show_reply
from mailflow.errors import ReviewError
from mailflow.web.context import unit_of_work, user, web

blueprint = Blueprint("reply", __name__)


@blueprint.route("/review/<int:item_id>")
def show(item_id: int) -> str:
    context = web()
    with unit_of_work() as db:
        view = show_reply(db, item_id, slug=context.slug, limits=context.limits, search=request.args.get("org", ""))
    return render_template("reply.html", view=view)


@blueprint.route("/review/<int:item_id>", methods=["POST"])
def save(item_id: int) -> Response:
    context = web()
    form = request.form
    answers = {
        key.removeprefix("stance-"): Answer(value, form.get(f"reason-{key.removeprefix('stance-')}", ""))
        for key, value in form.items()
        if key.startswith("stance-")
    }
    recipient = form.get("recipient", "")
    if recipient and not recipient.isdigit():
        raise ReviewError(str(item_id), "the organisation chosen is not valid")
    decision = Decision(
        answers=answers,
        recipient_id=int(recipient) if recipient else None,
        question=form.get("question", "")[:2000],
        note=form.get("note", "")[:2000],
    )
    with unit_of_work() as db:
        result = decide(db, item_id, decision, user=user(), at=context.clock(), clarify=context.clarify)
    flash("reply.saved")
    if result.clarification_queued:
        flash("reply.clarification")
    return redirect(url_for("queue.items"))


@blueprint.route("/review/<int:item_id>/attachments/<int:index>")
def attachment(item_id: int, index: int) -> Response:
    """The file as received, always as a download: a browser must never render a stranger's HTML or PDF here."""
    context = web()
    with unit_of_work() as db:
        found = attachment_file(db, item_id, index, limits=context.limits)
    # send_file writes a non-ASCII name as RFC 6266 `filename*=UTF-8''…` with an ASCII fallback
    safe_name = "".join(c for c in found.filename if c.isprintable() and c not in '/\\"') or f"attachment-{index}"
    return send_file(
        io.BytesIO(found.data), mimetype="application/octet-stream", as_attachment=True, download_name=safe_name
    )
