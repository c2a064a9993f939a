"""Packaging hook: put the tool's own files into the package when a wheel is built.

templates/, assets/, mkdocs.yml and docs/configuratie.md stay at the top of the
repository, where the developers' guide wants them; `pip install .` copies them
into meldcode/_data/, where meldcode/resources.py finds them. Everything else
about the package is in pyproject.toml.
"""

import runpy
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
SHIPPED = runpy.run_path(str(HERE / "meldcode" / "resources.py"))["SHIPPED"]


class BuildWithData(build_py):
    """build_py that also copies the shipped folders and files into meldcode/_data."""

    def run(self):
        super().run()
        target = Path(self.build_lib) / "meldcode" / "_data"
        for name in SHIPPED:
            source = HERE / name
            if source.is_dir():
                shutil.copytree(source, target / name, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                (target / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target / name)


setup(cmdclass={"build_py": BuildWithData})
