"""The consultation's report as a download from the dashboard, in the page's language unless `?lang=` says.

DOCX and HTML only: WeasyPrint needs about a minute for the PDF of 500 organisations on a small server
(`benchmarks/bench_report.py`), longer than a web request may take; `mailflow report --format pdf` makes it.
"""

from __future__ import annotations

from flask import Blueprint, abort, g, request
from werkzeug.wrappers import Response

from mailflow.committee.report_files import ReportFormat, load_report, render_report, report_name
from mailflow.committee.words import LANGUAGES
from mailflow.web.context import unit_of_work, web

blueprint = Blueprint("report", __name__)
WEB_FORMATS = (ReportFormat.DOCX, ReportFormat.HTML)


@blueprint.route("/report.<fmt>")
def download(fmt: str) -> Response:
    if fmt not in WEB_FORMATS:
        abort(404)
    language = request.args.get("lang") or g.get("lang", "ru")
    if language not in LANGUAGES:
        abort(404)
    context = web()
    with unit_of_work() as db:
        report = load_report(db, context.app.campaign(), language=language, made=context.clock().date())
    chosen = ReportFormat(fmt)
    response = Response(render_report(report, chosen), mimetype=chosen.mimetype)
    response.headers.set("Content-Disposition", "attachment", filename=report_name(context.slug, report, chosen))
    return response
