"""Exports for the committee's report as CSV or XLSX, downloaded from one page.

Both stream: CSV a few hundred rows at a time as the database hands them over, XLSX from a temporary file
that openpyxl's write-only mode filled, so a download of a hundred thousand organisations keeps the web
process's memory flat.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator

from flask import Blueprint, abort, render_template, stream_with_context
from werkzeug.wrappers import Response

from mailflow.committee.export import TABLES, Table, csv_chunks, write_xlsx
from mailflow.store.db import transaction
from mailflow.store.reports import campaign_facts
from mailflow.web.context import web

blueprint = Blueprint("exports", __name__)
FILE_CHUNK = 64 * 1024


def _xlsx_chunks(table: Table) -> Iterator[bytes]:
    with tempfile.TemporaryFile() as spool:
        write_xlsx(table, spool)
        spool.seek(0)
        yield from iter(lambda: spool.read(FILE_CHUNK), b"")


def _chunks(name: str, fmt: str) -> Iterator[bytes]:
    """The export read in one transaction that stays open while the response is written."""
    context = web()
    with transaction(context.app.sessions()) as session:
        if session.get_bind().dialect.name == "postgresql":
            # one snapshot for all the export's queries (the recommendations' codes are read before the rows that
            # name them): READ COMMITTED, PostgreSQL's default, takes one per statement
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        table = TABLES[name](session, campaign_facts(session, context.slug))
        yield from (csv_chunks(table) if fmt == "csv" else _xlsx_chunks(table))


FORMATS = {
    "csv": "text/csv",  # Flask adds "; charset=utf-8" to text types itself
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@blueprint.route("/exports")
def index() -> str:
    return render_template("exports.html", tables=TABLES, formats=FORMATS)


@blueprint.route("/exports/<name>.<fmt>")
def download(name: str, fmt: str) -> Response:
    if name not in TABLES or fmt not in FORMATS:
        abort(404)
    context = web()
    response = Response(stream_with_context(_chunks(name, fmt)), mimetype=FORMATS[fmt])
    stamp = context.clock().strftime("%Y-%m-%d")
    response.headers.set("Content-Disposition", "attachment", filename=f"{context.slug}-{name}-{stamp}.{fmt}")
    return response
