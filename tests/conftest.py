"""Shared fixtures for the unit tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIRS = ("notebooks", "exercises")


def all_notebooks() -> list[Path]:
    """Every notebook the kit ships (lessons, exercises, solutions, the benchmark floor)."""
    found = []
    for folder in (*NOTEBOOK_DIRS, "benchmarks"):
        found.extend(p for p in (ROOT / folder).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    return sorted(found)


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A private copy of the data package that a test may corrupt; the loader is pointed at it."""
    import netgov

    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target, ignore=shutil.ignore_patterns("staging", "*.md"))
    monkeypatch.setenv("NETGOV_DATA", str(target))
    netgov.data.clear_cache()
    yield target
    monkeypatch.delenv("NETGOV_DATA")
    netgov.data.clear_cache()
