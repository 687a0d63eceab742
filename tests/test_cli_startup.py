"""`mailflow status` starts in a fraction of a second (issue 15: ≤ 1 s, start-up included): a command imports
what it uses, not the web app, the worker's readers, the report writers or Alembic."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, Cli

HEAVY = ("alembic", "flask", "openpyxl", "docx", "weasyprint", "imapclient", "mailparser", "mailflow.receiving.ingest")
PROBE = """
import json, sys
from mailflow.cli import main
try:
    main(["status"])
except SystemExit as exit:
    assert exit.code == 0, exit.code
print(json.dumps(sorted(sys.modules)))
"""


def test_status_loads_none_of_the_heavy_modules(project: Path) -> None:
    database_url = f"sqlite:///{project / 'mailflow.db'}"
    cli = Cli(project, database_url)
    assert cli("db", "upgrade").exit_code == 0
    env = {**os.environ, **cli.env, "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-c", PROBE], env=env, cwd=project, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    loaded = json.loads(run.stdout.strip().splitlines()[-1])
    assert "replies: 0 of 0 organisations" in run.stdout
    assert [m for m in loaded if m.split(".")[0] in HEAVY or m in HEAVY] == []
