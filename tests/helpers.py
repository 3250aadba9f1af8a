"""Paths and helpers shared by the unit tests (imported as `helpers`; conftest.py holds only fixtures)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIRS = ("notebooks", "exercises")


def all_notebooks() -> list[Path]:
    """Every notebook the kit ships (lessons, exercises, solutions, the benchmark floor)."""
    found = []
    for folder in (*NOTEBOOK_DIRS, "benchmarks"):
        found.extend(p for p in (ROOT / folder).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    return sorted(found)
