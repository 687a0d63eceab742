"""Exports for the committee's report as CSV or XLSX, downloaded from one page."""

from __future__ import annotations

from flask import Blueprint, abort, render_template
from werkzeug.wrappers import Response

from mailflow.committee.export import reasons_table, stance_matrix, to_csv, to_xlsx
from mailflow.store.reports import load_facts
from mailflow.web.context import unit_of_work, web

blueprint = Blueprint("exports", __name__)
TABLES = {"stances": stance_matrix, "reasons": reasons_table}
FORMATS = {
    "csv": (to_csv, "text/csv"),  # Flask adds "; charset=utf-8" to text types itself
    "xlsx": (to_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


@blueprint.route("/exports")
def index() -> str:
    return render_template("exports.html", tables=TABLES, formats=FORMATS)


@blueprint.route("/exports/<name>.<fmt>")
def download(name: str, fmt: str) -> Response:
    if name not in TABLES or fmt not in FORMATS:
        abort(404)
    context = web()
    with unit_of_work() as db:
        table = TABLES[name](load_facts(db, context.slug))
    write, mimetype = FORMATS[fmt]
    response = Response(write(table), mimetype=mimetype)
    stamp = context.clock().strftime("%Y-%m-%d")
    response.headers.set("Content-Disposition", "attachment", filename=f"{context.slug}-{name}-{stamp}.{fmt}")
    return response
