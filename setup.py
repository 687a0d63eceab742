"""Build step: the wheel carries the repository's `templates/` (letters and report) and `config/` as package data.

The design card keeps the letters' templates and the default campaign in top-level folders a secretary
edits; an installed mailflow has no checkout around it, so the build copies them into
`mailflow/shipped/`, where `mailflow.settings.shipped` finds them. Everything else is in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
# what `mailflow.settings.shipped` may ask for, as repository paths
SHIPPED = (
    "templates/emails",
    "templates/reports",
    "config/mailflow.toml",
    "config/recipients-sample.csv",
    "config/campaigns",
)


class BuildWithShippedFiles(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "mailflow" / "shipped"
        for name in SHIPPED:
            source, copy = HERE / name, target / name
            copy.parent.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                shutil.copytree(source, copy, dirs_exist_ok=True)
            else:
                shutil.copy2(source, copy)


setup(cmdclass={"build_py": BuildWithShippedFiles})
