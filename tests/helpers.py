"""Paths and helpers shared by the tests (imported as `helpers`; conftest.py holds the fixtures and the hooks)."""

from __future__ import annotations

from pathlib import Path

from netgov._notebooks import notebooks

# Re-exported: the benchmarks start their servers with the same helpers, so they live in the package.
from netgov._servers import free_port, running_server, voila_server, wait_for  # noqa: F401
from netgov.lessons import LESSONS

ROOT = Path(__file__).resolve().parents[1]
#: Where the kit keeps notebooks: lessons, exercises, their solutions, the masters both come from, the benchmark's floor.
ALL_FOLDERS = ("notebooks", "exercises", "exercises/solutions", "assignments", "benchmarks")
#: First on the PYTHONPATH of every process a test session starts (tests/conftest.py): its sitecustomize.py
#: refuses connections to other machines.
OFFLINE_GUARD = ROOT / "tests" / "offline"
NOTEBOOK_DIRS = ("notebooks", "exercises")
#: Plotly figures each lesson shows once it has run (the browser, Voila and static-edition tests count them),
#: from the lesson registry: one per activity that draws.
LESSON_FIGURES = {Path(lesson.notebook).name: lesson.figures for lesson in LESSONS}


def all_notebooks() -> list[Path]:
    """Every notebook the kit ships (lessons, exercises, solutions, the benchmark floor)."""
    return notebooks(ROOT, ALL_FOLDERS)


def displayed_widgets(notebook: Path) -> int:
    """Code cells whose result is a widget: an activity (``x.widget``) or a quiz (``quiz(...)``)."""
    import re

    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    last_lines = [c.source.strip().splitlines()[-1] for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    return sum(bool(re.search(r"\.widget$|\bquiz\(", line)) for line in last_lines)


def lab_test_flags(port: int) -> list[str]:
    """What a test adds to `jupyter lab`: no browser of its own, loopback on a fixed port, no token, root allowed,
    and the app exposed as ``window.jupyterapp`` for the browser tests."""
    return [
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--ServerApp.allow_root=True",
        "--IdentityProvider.token=",
        "--ServerApp.disable_check_xsrf=True",
        "--LabApp.expose_app_in_browser=True",
    ]


#: Class-pack definitions for the tests (tests/fixtures/packs): a small valid plan for Lessons 1 to 4, a role-play
#: and a participation rubric, so that the pack tests run before and beside the kit's own definitions.
PACK_FIXTURES = ROOT / "tests" / "fixtures" / "packs"


def fixture_pack_files(number: int) -> dict:
    """The keyword arguments of ``netgov.packs.build`` that make Lesson ``number``'s pack from the fixtures."""
    files = {"plan": PACK_FIXTURES / f"lesson{number}-plan.toml", "participation": PACK_FIXTURES / "participation.toml"}
    if number == 2:
        files["roleplay"] = PACK_FIXTURES / "roleplay.toml"
    return files


def pack_cases() -> list[tuple[str, int, dict]]:
    """``(name, lesson number, definition files)`` for every pack the tests make: each registered lesson that has
    a plan.toml, from the kit's own definitions, and Lessons 1 to 4 from the fixtures."""
    from netgov.packs import lessons_with_plans

    real = [(f"lesson{entry.number}", entry.number, {}) for entry in lessons_with_plans()]
    return real + [(f"fixture-lesson{n}", n, fixture_pack_files(n)) for n in (1, 2, 3, 4)]


def key_answer(text: str) -> object:
    """An answer read back from an answer key's ``data-answer`` (JSON; a chart is plotly's JSON of a figure)."""
    import json

    import plotly.io

    value = json.loads(text)
    return plotly.io.from_json(text) if isinstance(value, dict) and {"data", "layout"} <= set(value) else value


def same_answer(value: object, right: object) -> bool:
    """Whether an answer read back from a key is the key's answer (a chart: the same traces and titles)."""
    if hasattr(right, "to_plotly_json"):
        return value.to_plotly_json()["data"] == right.to_plotly_json()["data"] and (
            value.layout.title.text == right.layout.title.text
        )
    return value == right
