"""pyproject.toml's ranges, the lock (constraints.txt) and Binder's environment.yml must tell one story.

pyproject.toml declares what the ``netgov`` package needs as ranges (a JupyterHub installs with them),
constraints.txt pins the exact set the suite passes with (CI, the README), and environment.yml repeats those
pins for Binder. The runtime dependencies must be what ``src/netgov`` imports: no more, no less.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import PackageNotFoundError, distribution, packages_distributions
from pathlib import Path

import pytest
import yaml
from helpers import ROOT
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

#: Import names whose distribution is named differently, for modules that may not be installed here
#: (an installed module is also looked up in importlib.metadata.packages_distributions()).
DISTRIBUTION_OF = {
    "IPython": "ipython",
    "yaml": "pyyaml",
    "zmq": "pyzmq",
    "bs4": "beautifulsoup4",
    "PIL": "pillow",
    "sklearn": "scikit-learn",
    "dateutil": "python-dateutil",
    "otter": "otter-grader",
}
#: Runtime dependencies that no module imports, and why each is there all the same.
USED_WITHOUT_IMPORT = {
    # netgov.export runs every notebook with nbclient in the "python3" kernel, which ipykernel provides.
    "ipykernel",
    # A constraint on ipywidgets' own dependency: keeps the widget manager that breaks Voila 0.5.13 out.
    "jupyterlab-widgets",
}
#: Distributions a module imports only inside the function that needs them, from an optional extra (the
#: function says which extra to install when the import fails): {distribution: extra}.
IMPORTED_FROM_AN_EXTRA = {
    # netgov.assign: `python -m netgov assign` runs Otter Assign, which only an instructor needs.
    "otter-grader": "instructor",
}
#: Applications a learner opens the lessons in: a hub brings its own, so only the `app` extra names them.
APPLICATIONS = {"jupyterlab", "voila", "notebook", "jupyter"}
#: conda-forge packages that hold a pip distribution under another name.
PIP_NAME_OF_CONDA = {"nbconvert-core": "nbconvert"}
SELF = "netgov"


def name_of(text: str) -> str:
    """A package name compared as pip compares it: case, ``_``, ``-`` and ``.`` do not matter."""
    return canonicalize_name(text.strip())


def requirements(pyproject_text: str) -> dict[str, list[Requirement]]:
    """{"runtime": [...], extra: [...]} from pyproject.toml; an extra that names the kit itself is left out."""
    project = tomllib.loads(pyproject_text)["project"]
    groups = {"runtime": project["dependencies"], **project.get("optional-dependencies", {})}
    parsed = {group: [Requirement(spec) for spec in specs] for group, specs in groups.items()}
    return {group: [r for r in reqs if name_of(r.name) != SELF] for group, reqs in parsed.items()}


def runtime_names(pyproject_text: str) -> set[str]:
    return {name_of(r.name) for r in requirements(pyproject_text)["runtime"]}


def lock_pins(text: str) -> dict[str, str]:
    """constraints.txt as {name: version}; every line that is not a comment must be ``name==version``."""
    pins = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9_.\-]*)==([^\s;,]+)", line)
        assert match, f"constraints.txt: {line!r} is not an exact pin (name==version)"
        pins[name_of(match[1])] = match[2]
    return pins


def unlocked_dependencies(lock_text: str) -> list[str]:
    """Each dependency of a locked package that the lock does not pin, read from the packages installed here at
    their locked version (on this platform). Requirements that only an extra brings in are left out: which
    extras were asked for is not recorded.
    """
    locked = lock_pins(lock_text)
    problems = []
    for name in sorted(locked):
        try:
            installed = distribution(name)
        except PackageNotFoundError:
            continue
        if installed.version != locked[name]:
            continue  # another release may need other packages
        for spec in installed.requires or []:
            req = Requirement(spec)
            if (req.marker is None or req.marker.evaluate({"extra": ""})) and name_of(req.name) not in locked:
                problems.append(f"{name_of(req.name)}, needed by {name}")
    return problems


def conda_pins(text: str) -> dict[str, str]:
    """Conda dependencies of environment.yml as {name: version}; entries without a version are kept as ''."""
    env = yaml.safe_load(text)
    pins = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            continue  # a pip: section, checked separately
        name, _, version = dep.partition("=")
        name = name_of(name)
        pins[PIP_NAME_OF_CONDA.get(name, name)] = version.strip().lstrip("=")
    return pins


def ranges_that_miss_the_lock(pyproject_text: str, lock_text: str) -> list[str]:
    """Each dependency of pyproject.toml (runtime and extras) that is not locked, or whose range excludes its lock."""
    locked = lock_pins(lock_text)
    problems = []
    for group, reqs in requirements(pyproject_text).items():
        for req in reqs:
            name = name_of(req.name)
            if name not in locked:
                problems.append(f"{req.name} ({group}): not in constraints.txt")
            elif not req.specifier.contains(Version(locked[name]), prereleases=True):
                problems.append(
                    f"{req.name} ({group}): pyproject.toml asks for {req.specifier}, the lock has {locked[name]}"
                )
    return problems


def ranges_without_bounds(pyproject_text: str) -> list[str]:
    """Each runtime dependency that is pinned, or lacks a lower or an upper bound."""
    problems = []
    for req in requirements(pyproject_text)["runtime"]:
        operators = {spec.operator for spec in req.specifier}
        if operators & {"==", "==="}:
            problems.append(f"{req}: pinned (a hub could not keep its own version)")
        elif not operators & {">=", ">", "~="} or not operators & {"<", "<=", "~="}:
            problems.append(f"{req}: needs a lower and an upper bound")
    return problems


def disagreements(lock_text: str, environment_text: str) -> list[str]:
    """Each package both the lock and environment.yml name, with different versions, described in one line."""
    pip, conda = lock_pins(lock_text), conda_pins(environment_text)
    return [
        f"{name}: constraints.txt pins {pip[name]}, environment.yml pins {conda[name] or 'no version'}"
        for name in sorted(set(pip) & set(conda))
        if pip[name] != conda[name]
    ]


def imported_modules(package: Path) -> dict[str, set[str]]:
    """{top-level module: {files importing it}} for every absolute import in every module of ``package``."""
    found: dict[str, set[str]] = {}
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], set()).add(path.relative_to(package.parent).as_posix())
    return found


def third_party(modules: dict[str, set[str]]) -> dict[str, tuple[list[str], set[str]]]:
    """The modules that are neither the standard library nor the kit, as {module: ([distributions], {files})}.

    A module can come from several distributions (a namespace package): any one of them provides it.
    """
    installed = packages_distributions()
    found = {}
    for module, files in modules.items():
        if module in sys.stdlib_module_names or module == "__future__" or name_of(module) == SELF:
            continue
        dists = [DISTRIBUTION_OF[module]] if module in DISTRIBUTION_OF else installed.get(module, [module])
        found[module] = (sorted({name_of(dist) for dist in dists}), files)
    return found


def undeclared_imports(package: Path, declared: set[str]) -> list[str]:
    """Third-party distributions the package imports that the runtime dependencies do not name."""
    return [
        f"{' or '.join(dists)}, imported by {', '.join(sorted(files))}"
        for dists, files in sorted(third_party(imported_modules(package)).values(), key=lambda found: found[0])
        if not declared.intersection(dists)
    ]


def unused_dependencies(package: Path, declared: set[str]) -> list[str]:
    """Runtime dependencies that nothing in the package imports and USED_WITHOUT_IMPORT does not explain."""
    imported = {dist for dists, _ in third_party(imported_modules(package)).values() for dist in dists}
    return sorted(declared - imported - USED_WITHOUT_IMPORT)


PYPROJECT = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
LOCK = (ROOT / "constraints.txt").read_text(encoding="utf-8")
ENVIRONMENT = (ROOT / "environment.yml").read_text(encoding="utf-8")
PACKAGE = ROOT / "src" / "netgov"


# pyproject.toml against the lock


def test_every_range_admits_the_locked_version():
    problems = ranges_that_miss_the_lock(PYPROJECT, LOCK)
    assert not problems, "\n".join(problems)


def test_runtime_dependencies_are_ranges_with_both_bounds():
    problems = ranges_without_bounds(PYPROJECT)
    assert not problems, "\n".join(problems)


def test_the_lock_pins_every_line_exactly():
    assert SELF not in lock_pins(LOCK), "the kit itself is installed from the checkout, never from the lock"


def test_the_lock_holds_the_dependencies_of_what_it_locks():
    problems = unlocked_dependencies(LOCK)
    assert not problems, "constraints.txt lacks:\n" + "\n".join(problems)


def test_an_unlocked_dependency_is_detected():
    assert "tornado, needed by jupyter-server" in unlocked_dependencies(LOCK.replace("\ntornado==", "\n# tornado=="))


def test_a_range_that_excludes_the_lock_is_detected():
    narrowed = PYPROJECT.replace('"pandas>=3.0.0,<4"', '"pandas>=3.0.0,<3.1"')
    assert narrowed != PYPROJECT
    assert ranges_that_miss_the_lock(narrowed, LOCK) == [
        "pandas (runtime): pyproject.toml asks for <3.1,>=3.0.0, the lock has 3.1.1"
    ]
    unlocked = LOCK.replace("\nnetworkx==", "\n# networkx==")
    assert ranges_that_miss_the_lock(PYPROJECT, unlocked) == ["networkx (runtime): not in constraints.txt"]


def test_a_pin_or_an_open_range_is_detected():
    pinned = PYPROJECT.replace('"networkx>=3.3,<4"', '"networkx==3.6.1"')
    open_ended = PYPROJECT.replace('"networkx>=3.3,<4"', '"networkx>=3.3"')
    assert ranges_without_bounds(pinned) == ["networkx==3.6.1: pinned (a hub could not keep its own version)"]
    assert ranges_without_bounds(open_ended) == ["networkx>=3.3: needs a lower and an upper bound"]
    with pytest.raises(AssertionError, match="not an exact pin"):
        lock_pins(LOCK + "pandas>=3\n")


# The lock against environment.yml (Binder)


def test_the_lock_and_the_binder_environment_agree():
    problems = disagreements(LOCK, ENVIRONMENT)
    assert not problems, "\n".join(problems)


def test_binder_has_every_runtime_and_app_dependency():
    groups = requirements(PYPROJECT)
    needed = {name_of(r.name) for r in groups["runtime"] + groups["app"]}
    missing = needed - set(conda_pins(ENVIRONMENT))
    assert not missing, f"environment.yml lacks {sorted(missing)}: Binder could not run the lessons"


def test_a_disagreement_is_detected():
    broken = ENVIRONMENT.replace("plotly=7.1.0", "plotly=6.5.0")
    assert broken != ENVIRONMENT
    assert disagreements(LOCK, broken) == ["plotly: constraints.txt pins 7.1.0, environment.yml pins 6.5.0"]


def test_names_are_compared_as_pip_compares_them():
    assert name_of("jupyterlab_widgets") == name_of("JupyterLab-Widgets") == "jupyterlab-widgets"
    broken = ENVIRONMENT.replace("jupyterlab_widgets=3.0.16", "jupyterlab_widgets=3.0.17")
    assert broken != ENVIRONMENT
    assert disagreements(LOCK, broken) == [
        "jupyterlab-widgets: constraints.txt pins 3.0.16, environment.yml pins 3.0.17"
    ]


# The runtime dependencies against what the package imports


def extra_names(pyproject_text: str) -> set[str]:
    """The distributions of IMPORTED_FROM_AN_EXTRA that their extra does declare."""
    groups = requirements(pyproject_text)
    return {
        name
        for name, extra in IMPORTED_FROM_AN_EXTRA.items()
        if name in {name_of(r.name) for r in groups.get(extra, [])}
    }


def test_every_third_party_import_is_declared():
    undeclared = undeclared_imports(PACKAGE, runtime_names(PYPROJECT) | extra_names(PYPROJECT))
    assert not undeclared, "not in pyproject.toml's dependencies:\n" + "\n".join(undeclared)


def test_every_runtime_dependency_is_used():
    unused = unused_dependencies(PACKAGE, runtime_names(PYPROJECT))
    assert not unused, (
        f"runtime dependencies that src/netgov never imports: {unused} (an extra, or USED_WITHOUT_IMPORT?)"
    )


def test_what_is_imported_from_an_extra_is_declared_there_and_not_at_run_time():
    assert extra_names(PYPROJECT) == set(IMPORTED_FROM_AN_EXTRA)
    assert not set(IMPORTED_FROM_AN_EXTRA) & runtime_names(PYPROJECT)


def test_what_is_used_without_an_import_is_declared():
    assert USED_WITHOUT_IMPORT <= runtime_names(PYPROJECT)


def test_the_applications_are_an_extra_not_a_runtime_need():
    assert runtime_names(PYPROJECT) & APPLICATIONS == set()
    assert {"jupyterlab", "voila"} <= {name_of(r.name) for r in requirements(PYPROJECT)["app"]}
    # The browser tests open the lessons in both applications.
    test_extra = [Requirement(spec) for spec in tomllib.loads(PYPROJECT)["project"]["optional-dependencies"]["test"]]
    assert any(name_of(r.name) == SELF and "app" in r.extras for r in test_extra)


def test_an_application_among_the_runtime_dependencies_is_detected():
    hub_breaking = PYPROJECT.replace("dependencies = [\n", 'dependencies = [\n    "jupyterlab>=4.6.6,<5",\n', 1)
    assert runtime_names(hub_breaking) & APPLICATIONS == {"jupyterlab"}


def test_an_undeclared_or_unused_dependency_is_detected(tmp_path):
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("from __future__ import annotations\nimport json\nfrom . import sub\n")
    (package / "sub" / "__init__.py").write_text(
        "def f():\n    import yaml\n    from IPython.display import HTML\n    import pandas.api.types\n"
    )
    assert undeclared_imports(package, {"pandas"}) == [
        "ipython, imported by pkg/sub/__init__.py",
        "pyyaml, imported by pkg/sub/__init__.py",
    ]
    assert undeclared_imports(package, {"pandas", "pyyaml", "ipython"}) == []
    assert unused_dependencies(package, {"pandas", "pyyaml", "ipython", "anywidget"}) == ["anywidget"]


# Binder, CI and pre-commit


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


def readme_test_command() -> str:
    """The README Quickstart's line that runs the tests."""
    quickstart = (ROOT / "README.md").read_text(encoding="utf-8").split("## Quickstart", 1)[1]
    block = re.search(r"```bash\n(.*?)```", quickstart, re.S).group(1)
    (line,) = [line.strip() for line in block.splitlines() if "pytest" in line]
    return line


def test_ci_runs_the_readme_test_command_with_the_lock():
    command = readme_test_command()
    assert re.search(r"pip install (.* )?-c constraints\.txt (.* )?\"\.\[test\]\"", command), command
    ci_lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert command in ci_lines, f".ci/run does not run the README's test command {command!r}"


def precommit_repos() -> dict[str, dict]:
    """.pre-commit-config.yaml's repositories by their last path part (``ruff-pre-commit``, ``nbstripout``)."""
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    return {repo["repo"].rstrip("/").rsplit("/", 1)[1]: repo for repo in config["repos"]}


def test_precommit_hooks_run_the_locked_versions():
    repos, pins = precommit_repos(), lock_pins(LOCK)
    assert "ruff-pre-commit" in repos, ".pre-commit-config.yaml has no ruff hooks"
    assert repos["ruff-pre-commit"]["rev"] == f"v{pins['ruff']}", "the ruff hooks and tests/test_lint.py must agree"
    assert repos["nbstripout"]["rev"] == pins["nbstripout"]


def test_precommit_lints_what_test_lint_checks():
    from test_lint import FOLDERS

    hooks = {hook["id"]: hook for hook in precommit_repos()["ruff-pre-commit"]["hooks"]}
    assert set(hooks) == {"ruff-check", "ruff-format"}
    for hook in hooks.values():
        files = re.compile(hook["files"])
        assert all(files.search(f"{folder}/module.py") for folder in FOLDERS), hook
        assert not files.search("notebooks/01-the-2009-law.ipynb"), hook
