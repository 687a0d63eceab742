"""The dashboard: response rate over time, the stances per recommendation by sector, and every
organisation's status; each recommendation opens the list of reasons given on it."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from mailflow.committee.tally import COLUMNS, reasons, respondents, response_rate, tally
from mailflow.store.reports import load_facts
from mailflow.web.context import unit_of_work, web

blueprint = Blueprint("dashboard", __name__)


@blueprint.route("/dashboard")
def overview() -> str:
    context = web()
    with unit_of_work() as db:
        facts = load_facts(db, context.slug)
    rate = response_rate(facts, until=context.clock())
    return render_template(
        "dashboard.html",
        facts=facts,
        rate=rate,
        peak=max([p.total for p in rate] + [1]),
        tallies=tally(facts),
        people=respondents(facts),
        columns=COLUMNS,
    )


@blueprint.route("/dashboard/<rec_id>")
def rec_reasons(rec_id: str) -> str:
    context = web()
    with unit_of_work() as db:
        facts = load_facts(db, context.slug)
    rec = next((r for r in facts.recommendations if r.rec_id == rec_id), None)
    if rec is None:
        abort(404)
    return render_template("reasons.html", rec=rec, entries=reasons(facts, rec_id))
