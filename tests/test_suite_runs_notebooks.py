"""The suite's own configuration executes notebooks and fails when one raises.

Each test writes a notebook into a temporary folder and runs pytest on it with the project's
pyproject.toml as configuration, in a separate process, exactly as `python -m pytest` would.
"""

from __future__ import annotations

import subprocess
import sys

import nbformat
from helpers import ROOT


def write_notebook(path, *sources):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(src) for src in sources]
    nbformat.write(nb, path)
    return path


def run_suite_on(path):
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-c",
            str(ROOT / "pyproject.toml"),
            "--rootdir",
            str(path.parent),
            "-p",
            "no:cacheprovider",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=path.parent,
    )


def test_configuration_executes_notebooks_with_nbval():
    import tomllib

    options = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]
    for flag in ("--nbval-lax", "--nbval-current-env"):
        assert flag in options["addopts"]
    timeout = int(options["addopts"].split("--nbval-cell-timeout=")[1].split()[0])
    assert 0 < timeout <= 120
    assert {"notebooks", "exercises", "tests"} <= set(options["testpaths"])


def test_a_notebook_that_raises_fails_the_suite(tmp_path):
    path = write_notebook(tmp_path / "broken.ipynb", "x = 1", "x / 0")
    result = run_suite_on(path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "ZeroDivisionError" in result.stdout
    assert "1 failed" in result.stdout


def test_a_notebook_that_runs_passes_the_suite(tmp_path):
    path = write_notebook(tmp_path / "fine.ipynb", "import netgov", "total = sum(range(4))", "assert total == 6")
    result = run_suite_on(path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 passed" in result.stdout
