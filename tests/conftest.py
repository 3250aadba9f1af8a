"""Fixtures shared by the unit tests."""

from __future__ import annotations

import shutil

import pytest
from helpers import ROOT


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


@pytest.fixture(scope="session")
def static_site(tmp_path_factory):
    """The static edition of the kit, exported once per test session: (site folder, {page: figures})."""
    from netgov.export import export

    out = tmp_path_factory.mktemp("static") / "site"
    pages = export(ROOT, out, log=lambda message: None)
    return out, pages
