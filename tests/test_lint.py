"""The code follows pyproject.toml's ruff settings ([tool.ruff]): its lint rules and its formatting.

ruff is in the test extra, at the version constraints.txt locks; the pre-commit hooks run the same checks
on the same folders before each commit.
"""

from __future__ import annotations

import re
import subprocess
import sys

from helpers import ROOT

#: The kit's Python; the lesson and exercise notebooks are laid out for reading and stay out of it.
FOLDERS = ("src", "tests", "benchmarks")


def ruff(*args: str) -> subprocess.CompletedProcess:
    # The interpreter's own ruff: one on PATH may be another version, with other rules and formatting.
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )


def test_ruff_check_finds_nothing():
    result = ruff("check", "--no-fix", *FOLDERS)
    assert result.returncode == 0, f"ruff check {' '.join(FOLDERS)}:\n{result.stdout}{result.stderr}"


def test_ruff_format_would_change_nothing():
    result = ruff("format", "--check", *FOLDERS)
    assert result.returncode == 0, (
        f"run `ruff format {' '.join(FOLDERS)}`; it would reformat:\n{result.stdout}{result.stderr}"
    )
    # A pass over no file would prove nothing: ruff must have seen at least every Python file in the folders.
    python_files = [
        p for folder in FOLDERS for p in (ROOT / folder).rglob("*.py") if ".ipynb_checkpoints" not in p.parts
    ]
    checked = re.search(r"(\d+) files? already formatted", result.stdout)
    assert checked and int(checked[1]) >= len(python_files), f"ruff checked too few files:\n{result.stdout}"
