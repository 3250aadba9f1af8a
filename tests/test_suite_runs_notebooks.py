"""The suite's own configuration: it executes notebooks and fails when one raises, it sorts every test into
one tier, and the unit tier starts without nbval.

The notebook tests write a notebook into a temporary folder and run pytest on it with the project's
pyproject.toml as configuration, in a separate process, exactly as `python -m pytest` would.
"""

from __future__ import annotations

import os
import subprocess
import sys

import nbformat
import pytest
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


def test_configuration_executes_notebooks_with_nbval_and_knows_the_tiers():
    import tomllib

    options = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]
    for flag in ("--nbval-lax", "--nbval-current-env", "--strict-markers"):
        assert flag in options["addopts"]
    timeout = int(options["addopts"].split("--nbval-cell-timeout=")[1].split()[0])
    assert 0 < timeout <= 120
    assert {"notebooks", "exercises", "tests"} <= set(options["testpaths"])
    assert [marker.split(":")[0] for marker in options["markers"]] == ["unit", "notebooks", "browser"]


TIER_REPORT = """
def pytest_collection_finish(session):
    for item in session.items:
        tiers = sorted(m.name for m in item.iter_markers() if m.name in ("unit", "notebooks", "browser"))
        print("TIER", item.nodeid, ",".join(tiers))
"""


def tiers_of(tmp_path, *args):
    """{test id: its tier markers, joined by commas} for what pytest collects with ``args`` in this repository."""
    (tmp_path / "tier_report.py").write_text(TIER_REPORT)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([os.environ.get("PYTHONPATH", ""), str(tmp_path)])}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "-p", "tier_report", *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # A test id may hold spaces (nbval's "Cell 3"); the tiers never do.
    return dict(line[5:].rsplit(" ", 1) for line in result.stdout.splitlines() if line.startswith("TIER "))


def test_every_test_is_in_one_tier_by_what_it_runs(tmp_path):
    files = ["tests/test_export.py", "tests/browser/test_quickstart.py", "notebooks/00-start-here.ipynb"]
    tiers = tiers_of(tmp_path, *files)
    assert set(tiers.values()) == {"unit", "notebooks", "browser"}
    # nbval's cells; the tests of the exported site (a fixture that runs notebooks); a test marked by hand.
    code_cells = [c for c in nbformat.read(ROOT / files[2], as_version=4).cells if c.cell_type == "code"]
    cells = [t for t in tiers if t.startswith("notebooks/")]
    assert len(cells) == len(code_cells) > 0
    site_tests = [t for t in tiers if "static_site" in t or "every_notebook_has_a_page" in t or "index_lists" in t]
    assert len(site_tests) > 2
    by_hand = "tests/test_export.py::test_a_failing_notebook_is_named_and_nothing_half_done_is_passed_off"
    assert {tiers[t] for t in [*cells, *site_tests, by_hand]} == {"notebooks"}
    assert {tiers[t] for t in tiers if t.startswith("tests/browser/")} == {"browser"}
    assert tiers["tests/test_export.py::test_controls_show_their_starting_settings_on_one_line"] == "unit"


def test_unit_tests_start_without_nbval():
    """nbval's options are in addopts; without nbval installed (here: not loaded) pytest must still start."""
    test = "tests/test_checks.py"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:nbval", "-p", "no:cacheprovider", "-q", test],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert " passed" in result.stdout


@pytest.mark.notebooks
def test_a_notebook_that_raises_fails_the_suite(tmp_path):
    path = write_notebook(tmp_path / "broken.ipynb", "x = 1", "x / 0")
    result = run_suite_on(path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "ZeroDivisionError" in result.stdout
    assert "1 failed" in result.stdout


@pytest.mark.notebooks
def test_a_notebook_that_runs_passes_the_suite(tmp_path):
    path = write_notebook(tmp_path / "fine.ipynb", "import netgov", "total = sum(range(4))", "assert total == 6")
    result = run_suite_on(path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 passed" in result.stdout


def test_a_unit_test_that_starts_a_kernel_or_a_server_fails_and_says_how_to_mark_it(tmp_path):
    from netgov._notebooks import execute
    from netgov._servers import voila_server

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
    with pytest.raises(RuntimeError, match=r"in the unit tier\. Mark it @pytest\.mark\.notebooks"):
        execute(nb, cwd=tmp_path)
    with pytest.raises(RuntimeError, match=r"in the unit tier\. Mark it @pytest\.mark\.notebooks"):
        with voila_server(tmp_path):
            pass
