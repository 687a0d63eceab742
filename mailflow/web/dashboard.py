"""The dashboard: response rate over time, the stances per recommendation by sector, and the organisations
with their status a page at a time; each recommendation opens the reasons given on it, also paged.

Every figure is counted by the database and every list is a page continued after its last row (`?after=`),
so the page costs the same for twelve organisations as for a hundred thousand.
"""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from mailflow.committee.tally import COLUMNS, RespondentStatus, response_rate, tally
from mailflow.store.reports import campaign_facts, reason_rank, reasons_page, respondent_page
from mailflow.web.context import unit_of_work, web

blueprint = Blueprint("dashboard", __name__)
PAGE = 50  # organisations per page
REASONS_PAGE = 100


def _int_arg(name: str) -> int | None:
    value = request.args.get(name, "")
    return int(value) if value.isdigit() else None


@blueprint.route("/dashboard")
def overview() -> str:
    context = web()
    status = request.args.get("status") or None
    if status is not None and status not in {s.value for s in RespondentStatus}:
        abort(404)
    with unit_of_work() as db:
        facts = campaign_facts(db, context.slug)
        rate = response_rate(db, facts, until=context.clock())
        tallies = tally(db, facts)
        people = (
            respondent_page(db, facts.id, after=_int_arg("after"), limit=PAGE + 1, status=status)
            if facts.id is not None
            else []
        )
    return render_template(
        "dashboard.html",
        facts=facts,
        rate=rate,
        tallies=tallies,
        people=people[:PAGE],
        more=people[PAGE - 1].recipient.id if len(people) > PAGE else None,
        status=status,
        statuses=[s.value for s in RespondentStatus],
        columns=COLUMNS,
    )


@blueprint.route("/dashboard/<rec_id>")
def rec_reasons(rec_id: str) -> str:
    context = web()
    with unit_of_work() as db:
        facts = campaign_facts(db, context.slug)
        rec = facts.rec(rec_id)
        if rec is None or facts.id is None:
            abort(404)
        after = None
        rank, organisation, recipient = _int_arg("rank"), request.args.get("org"), _int_arg("after")
        if rank is not None and organisation is not None and recipient is not None:
            after = (rank, organisation, recipient)
        entries = reasons_page(db, facts.id, rec_id, after=after, limit=REASONS_PAGE + 1)
    last = entries[REASONS_PAGE - 1] if len(entries) > REASONS_PAGE else None
    more = {"rank": reason_rank(last.stance), "org": last.organisation, "after": last.recipient_id} if last else None
    return render_template("reasons.html", rec=rec, entries=entries[:REASONS_PAGE], more=more)
