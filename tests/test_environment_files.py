"""environment.yml (Binder, conda) and pyproject.toml (pip) must pin the same versions."""

from __future__ import annotations

import re
import tomllib

import pytest
import yaml
from helpers import ROOT


def pyproject_pins(text: str) -> dict[str, str]:
    """Runtime and test pins of pyproject.toml as {normalised name: version}."""
    project = tomllib.loads(text)["project"]
    specs = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        specs.extend(extra)
    pins = {}
    for spec in specs:
        match = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*==\s*([^\s;,]+)\s*", spec)
        assert match, f"pyproject.toml: {spec!r} is not pinned with == (every dependency is pinned)"
        pins[match[1].lower().replace("_", "-")] = match[2]
    return pins


def runtime_names(text: str) -> set[str]:
    project = tomllib.loads(text)["project"]
    return {re.split(r"[=<>!~ ]", s, maxsplit=1)[0].lower().replace("_", "-") for s in project["dependencies"]}


def conda_pins(text: str) -> dict[str, str]:
    """Conda dependencies of environment.yml as {name: version}; entries without a version are kept as ''."""
    env = yaml.safe_load(text)
    pins = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            continue  # a pip: section, checked separately
        name, _, version = dep.partition("=")
        pins[name.strip().lower().replace("_", "-")] = version.strip().lstrip("=")
    return pins


def disagreements(pyproject_text: str, environment_text: str) -> list[str]:
    """Each package both files name, with different versions, described in one line."""
    pip, conda = pyproject_pins(pyproject_text), conda_pins(environment_text)
    return [
        f"{name}: pyproject.toml pins {pip[name]}, environment.yml pins {conda[name] or 'no version'}"
        for name in sorted(set(pip) & set(conda))
        if pip[name] != conda[name]
    ]


PYPROJECT = (ROOT / "pyproject.toml").read_text()
ENVIRONMENT = (ROOT / "environment.yml").read_text()


def test_shared_packages_have_the_same_pins():
    assert disagreements(PYPROJECT, ENVIRONMENT) == []


def test_every_runtime_dependency_is_in_the_conda_environment():
    missing = runtime_names(PYPROJECT) - set(conda_pins(ENVIRONMENT))
    assert not missing, f"environment.yml lacks runtime dependencies {sorted(missing)}"


def test_a_disagreement_is_detected():
    broken = ENVIRONMENT.replace("plotly=7.1.0", "plotly=6.5.0")
    assert broken != ENVIRONMENT
    assert disagreements(PYPROJECT, broken) == ["plotly: pyproject.toml pins 7.1.0, environment.yml pins 6.5.0"]


def test_an_unpinned_pyproject_dependency_is_rejected():
    loose = PYPROJECT.replace('"pandas==3.1.1"', '"pandas>=3"')
    with pytest.raises(AssertionError, match="not pinned"):
        pyproject_pins(loose)


def test_binder_environment_pins_python_and_ships_nbval():
    pins = conda_pins(ENVIRONMENT)
    assert pins["python"] == "3.12", "repo2docker falls back to Python 3.10 unless python is pinned"
    assert "nbval" in pins, "learners validate notebooks too"
    assert "conda-forge" in yaml.safe_load(ENVIRONMENT)["channels"]


def test_no_local_package_in_the_conda_pip_section():
    env = yaml.safe_load(ENVIRONMENT)
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            for item in dep.get("pip", []):
                assert not item.startswith((".", "-e", "-r", "-c")), (
                    f"environment.yml pip section has {item!r}: Binder would rebuild the environment on every commit"
                )


def test_postbuild_installs_the_kit_and_stops_on_errors():
    text = (ROOT / "postBuild").read_text()
    assert "set -euo pipefail" in text
    assert re.search(r"pip install --no-deps \.(\s|$)", text)
    assert "@jupyterlab/apputils-extension:announcements" in text
    assert (ROOT / "postBuild").stat().st_mode & 0o111, "postBuild must be executable"
