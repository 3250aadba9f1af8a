"""``python -m netgov doctor``: is this installation ready for a class?

Each check is a small function that returns a :class:`Result`: OK, or PROBLEM with what is wrong and the
command that fixes it (SKIPPED when it could not run). :func:`run` runs them all, in the order a fix is best
made: Python, the kit's packages, the applications, JupyterLab's renderers, the data, the notebooks' kernel,
and last a run of the start notebook in a fresh kernel with no browser, which only the others passing makes
meaningful. Everything is read from this Python environment: on a JupyterHub, run it in the environment of the
single-user server, which is also the one its kernels run in unless the hub says otherwise.

The ranges come from the ``pyproject.toml`` of the checkout the package is imported from (an editable install,
or a checkout on ``PYTHONPATH``), otherwise from the installed package's metadata, which pip wrote from that file:
a checkout that moved since its install is judged by what it asks for now.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from ._notebooks import CELL_TIMEOUT
from ._validate import need_items, need_text

#: Result.status values, as printed.
OK, PROBLEM, SKIPPED = "OK", "PROBLEM", "SKIPPED"
#: The notebook the smoke run executes: every lesson's first steps (imports, data, a figure, an activity).
START = Path("notebooks") / "00-start-here.ipynb"
#: Folders whose notebooks a learner opens, so the kernels they name must exist.
NOTEBOOK_FOLDERS = ("notebooks", "exercises", "exercises/solutions")
#: JupyterLab's prebuilt extensions that draw the kit's activities and figures, with the Python package that
#: installs each (its files come with the package, so reinstalling the package puts them back).
LAB_EXTENSIONS = {
    "@jupyter-widgets/jupyterlab-manager": "jupyterlab_widgets",
    "jupyterlab-plotly": "plotly",
}
#: What a class sees in JupyterLab without each of them.
WITHOUT = {
    "@jupyter-widgets/jupyterlab-manager": "activities show as a line of text",
    "jupyterlab-plotly": "figures do not draw",
}
#: The seconds each cell of the smoke run may take: the test suite's own limit (tests/conftest.py, pyproject).
SMOKE_TIMEOUT = CELL_TIMEOUT


@dataclass(frozen=True)
class Result:
    """What one check found: ``status`` is OK, PROBLEM or SKIPPED; ``fix`` is the command (or step) for a PROBLEM."""

    check: str
    status: str
    message: str
    fix: str = ""

    def line(self) -> str:
        """One line of the report: status, check, what was found, and for a PROBLEM the fix."""
        text = f"{self.status:<8}{self.check}: {self.message}"
        return f"{text} Fix: {self.fix}" if self.fix else text


def _ok(check: str, message: str) -> Result:
    return Result(check, OK, message)


def _problem(check: str, message: str, fix: str) -> Result:
    return Result(check, PROBLEM, message, fix)


# ----------------------------------------------------------------------------------------- where things are


def _package_checkout() -> Path | None:
    """The checkout the running ``netgov`` package comes from (``src/netgov`` two levels down), if any."""
    here = Path(__file__).resolve().parent
    root = here.parents[1]
    pyproject = root / "pyproject.toml"
    if here.parent.name == "src" and pyproject.is_file():
        try:
            if tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["name"] == "netgov":
                return root
        except (tomllib.TOMLDecodeError, KeyError, OSError):
            return None
    return None


def kit_root(start: Path | str | None = None) -> Path | None:
    """The kit's folder (the one holding ``notebooks/00-start-here.ipynb``): ``start`` (default: the current
    folder) or a folder above it, else the checkout the package is imported from; None when neither is one."""
    if start is not None and not isinstance(start, (str, Path)):
        raise TypeError(f"kit_root() needs a folder (a str or Path) or None, not {type(start).__name__}.")
    here = Path(start if start is not None else Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / START).is_file():
            return folder
    checkout = _package_checkout()
    if start is None and checkout is not None and (checkout / START).is_file():
        return checkout
    return None


def _pip() -> str:
    """How to run pip for this Python in a fix: plain ``python`` when that is this interpreter on the PATH."""
    found = shutil.which("python")
    if found and Path(found).resolve() == Path(sys.executable).resolve():
        return "python"
    return _quoted(sys.executable)


def _quoted(text: str) -> str:
    return f'"{text}"' if any(c in text for c in ' &|;<>()"') else text


def _spec_text(req: Requirement) -> str:
    """A requirement as pip reads it on a command line: name and range, without its marker."""
    return f'"{req.name}{req.specifier}"' if req.specifier else req.name


@dataclass(frozen=True)
class Declared:
    """What the kit declares: where it was read, the Python range, and its requirements by group."""

    source: str
    requires_python: str
    groups: Mapping[str, tuple[Requirement, ...]]


def declared() -> Declared:
    """The kit's declared needs: from the checkout's pyproject.toml, else from the installed package's metadata."""
    checkout = _package_checkout()
    if checkout is not None:
        project = tomllib.loads((checkout / "pyproject.toml").read_text(encoding="utf-8"))["project"]
        groups = {"runtime": project.get("dependencies", []), **project.get("optional-dependencies", {})}
        return Declared(
            str(checkout / "pyproject.toml"),
            project.get("requires-python", ""),
            {group: tuple(Requirement(spec) for spec in specs) for group, specs in groups.items()},
        )
    try:
        dist = metadata.distribution("netgov")
    except metadata.PackageNotFoundError:
        raise RuntimeError(
            "netgov is neither installed nor run from a checkout, so what it needs is unknown."
        ) from None
    parsed = [Requirement(spec) for spec in dist.requires or []]
    extras = dist.metadata.get_all("Provides-Extra") or []
    groups = {"runtime": tuple(r for r in parsed if r.marker is None or r.marker.evaluate({"extra": ""}))}
    for extra in extras:
        groups[extra] = tuple(
            r
            for r in parsed
            if r.marker is not None and r.marker.evaluate({"extra": extra}) and r not in groups["runtime"]
        )
    return Declared(f"the installed netgov {dist.version}", dist.metadata.get("Requires-Python") or "", groups)


def _declared_or_problem(check: str) -> Declared | Result:
    try:
        return declared()
    except RuntimeError as error:
        return _problem(check, str(error), '`python -m pip install -c constraints.txt ".[app]"` in the kit\'s folder.')


def _requirements(value: object, what: str) -> list[Requirement]:
    items = need_items(value, what, 'a list of requirements such as ["pandas>=3.0.0,<4"]')
    parsed = []
    for item in items:
        if isinstance(item, Requirement):
            parsed.append(item)
            continue
        need_text(item, f"each of {what}")
        try:
            parsed.append(Requirement(item))
        except InvalidRequirement as error:
            raise ValueError(
                f"{what}: {item!r} is not a requirement; write one as pip does, such as 'pandas>=3.0.0,<4' ({error})."
            ) from None
    return parsed


# ----------------------------------------------------------------------------------------- the checks


def check_python(requires: str | None = None, version: str | None = None) -> Result:
    """This Python against the kit's ``requires-python`` (or ``requires``, a range such as ">=3.11").

    ``version`` stands for this interpreter's version (for the tests)."""
    name = "python"
    need_text(requires, "requires", optional=True)
    need_text(version, "version", optional=True)
    if requires is None:
        kit = _declared_or_problem(name)
        if isinstance(kit, Result):
            return kit
        requires = kit.requires_python
    text = requires
    try:
        spec = SpecifierSet(text)
    except InvalidSpecifier:
        raise ValueError(f"requires must be a version range such as '>=3.11', not {text!r}.") from None
    current = version if version is not None else ".".join(map(str, sys.version_info[:3]))
    try:
        parsed = Version(current)
    except InvalidVersion:
        raise ValueError(f"version must be a Python version such as '3.12.4', not {current!r}.") from None
    if spec.contains(parsed, prereleases=True):
        return _ok(name, f"Python {current} ({sys.executable}) meets {spec or 'any version'}.")
    example = next((v for v in ("3.12", "3.13", "3.11", "3.14") if spec.contains(Version(v + ".0"))), None)
    make = (
        f"make an environment with Python {example} (`conda create -n netgov python={example}`, or "
        f"`python{example} -m venv .venv`)"
        if example
        else f"make an environment with a Python that meets {spec}"
    )
    return _problem(
        name,
        f"Python {current} ({sys.executable}) does not meet the kit's {spec}.",
        make
        + ', then install the kit in it: `python -m pip install -c constraints.txt ".[app]"` in the kit\'s folder.',
    )


def _versions_outside(
    requirements: Iterable[Requirement], extra: str
) -> tuple[list[str], list[Requirement], list[str]]:
    """Each requirement that applies here (to this platform, in the group of ``extra``) and is not met:
    (what is wrong, the requirements to install, what is fine)."""
    wrong, to_install, fine = [], [], []
    for req in requirements:
        if req.marker is not None and not req.marker.evaluate({"extra": extra}):
            continue
        try:
            installed = metadata.version(req.name)
        except metadata.PackageNotFoundError:
            wrong.append(f"{req.name} is not installed")
            to_install.append(req)
            continue
        if not req.specifier.contains(Version(installed), prereleases=True):
            wrong.append(f"{req.name} {installed} is installed, the kit needs {req.specifier}")
            to_install.append(req)
        else:
            fine.append(f"{req.name} {installed}")
    return wrong, to_install, fine


def _packages_result(name: str, requirements: list[Requirement], what: str, extra: str = "") -> Result:
    wrong, to_install, fine = _versions_outside(requirements, extra)
    if not wrong:
        return _ok(name, f"{what}: {', '.join(fine) or 'none declared'}.")
    return _problem(
        name,
        "; ".join(wrong) + ".",
        f"`{_pip()} -m pip install {' '.join(_spec_text(req) for req in to_install)}`",
    )


def _wanted(name: str, requirements: list[str] | None, group: str):
    """The requirements a check holds the installation to: ``requirements`` when given, else the kit's own
    ``group`` of them (``runtime`` or ``app``); a PROBLEM result when the kit's are not known."""
    if requirements is not None:
        return _requirements(requirements, "requirements")
    kit = _declared_or_problem(name)
    return kit if isinstance(kit, Result) else list(kit.groups.get(group, ()))


def check_packages(requirements: list[str] | None = None) -> Result:
    """The kit's runtime dependencies are installed, each at a version within its range (or ``requirements``,
    such as ["pandas>=3.0.0,<4"], in their place)."""
    name = "packages"
    reqs = _wanted(name, requirements, "runtime")
    if isinstance(reqs, Result):
        return reqs
    return _packages_result(name, reqs, "within the kit's ranges")


def check_applications(requirements: list[str] | None = None) -> Result:
    """The ``app`` extra (JupyterLab, Voila) is installed within its ranges (or ``requirements`` in its place).

    A hub that serves JupyterLab from another environment than its kernels' has them there instead: run the
    doctor in that environment too."""
    name = "applications"
    reqs = _wanted(name, requirements, "app")
    if isinstance(reqs, Result):
        return reqs
    if requirements is None:
        reqs = [req for req in reqs if req.name.lower() != "netgov"]
    result = _packages_result(name, reqs, "JupyterLab and Voila (the app extra)", extra="app")
    if result.status == OK:
        return result
    return _problem(
        result.check,
        result.message + " Without JupyterLab the lessons do not open; without Voila dashboard mode does not.",
        result.fix,
    )


def _folders(value: object, what: str) -> list[Path]:
    items = need_items(value, what, "a list of folders (str or Path)")
    for item in items:
        if not isinstance(item, (str, Path)):
            raise TypeError(f"{what} must hold folders (a str or Path), not {type(item).__name__}.")
    return [Path(item) for item in items]


def _read_json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def installed_lab_extensions(paths: list[str | Path] | None = None) -> dict[str, Path]:
    """The prebuilt JupyterLab extensions in ``paths`` (default: every labextensions folder Jupyter searches),
    as {name: folder}: what `jupyter labextension list` shows, read from disk without starting a server."""
    from jupyter_core.paths import jupyter_path

    folders = _folders(paths, "paths") if paths is not None else [Path(p) for p in jupyter_path("labextensions")]
    found: dict[str, Path] = {}
    for folder in folders:
        for package in [*folder.glob("[!@]*/package.json"), *folder.glob("@*/*/package.json")]:
            data = _read_json(package)
            if isinstance(data, dict) and isinstance(data.get("name"), str):
                found.setdefault(data["name"], package.parent)
    return found


def disabled_lab_extensions(config_paths: list[str | Path] | None = None) -> dict[str, Path]:
    """Extensions (or plugins, ``name:plugin``) switched off in JupyterLab's page config, as {name: the file
    that switches it off}. ``config_paths`` are Jupyter's config folders (default: jupyter_config_path()); the
    files read are those `jupyter labextension disable` writes, ``labconfig/page_config.json`` and
    ``labconfig/page_config.d/*.json``, the folder with the highest priority last, so that it wins."""
    from jupyter_core.paths import jupyter_config_path

    folders = _folders(config_paths, "config_paths") if config_paths is not None else jupyter_config_path()
    state: dict[str, tuple[bool, Path]] = {}
    for folder in reversed([Path(f) / "labconfig" for f in folders]):
        for path in [folder / "page_config.json", *sorted((folder / "page_config.d").glob("*.json"))]:
            data = _read_json(path)
            entries = data.get("disabledExtensions") if isinstance(data, dict) else None
            if isinstance(entries, list):
                entries = dict.fromkeys(entries, True)
            if isinstance(entries, dict):
                for key, value in entries.items():
                    state[key] = (bool(value), path)
    return {key: path for key, (off, path) in state.items() if off}


def check_lab_extensions(paths: list[str | Path] | None = None, config_paths: list[str | Path] | None = None) -> Result:
    """The widget manager and plotly's renderer are installed as JupyterLab extensions and not switched off.

    ``paths`` and ``config_paths`` replace the folders Jupyter searches (see :func:`installed_lab_extensions`
    and :func:`disabled_lab_extensions`)."""
    name = "lab extensions"
    installed = installed_lab_extensions(paths)
    disabled = disabled_lab_extensions(config_paths)
    runtime = {r.name.lower().replace("-", "_"): r for r in _declared_runtime()}
    wrong, fixes, fine = [], [], []
    for extension, package in LAB_EXTENSIONS.items():
        if extension not in installed:
            wrong.append(f"{extension} (from {package}) is not installed, so {WITHOUT[extension]}")
            fixes.append(_reinstall(package, runtime.get(package)))
            continue
        off = [key for key in disabled if key == extension or key.startswith(extension + ":")]
        if off:
            wrong.append(f"{extension} is switched off in {disabled[off[0]]}, so {WITHOUT[extension]}")
            fixes.extend(f"`jupyter labextension enable {key}`" for key in off)
            continue
        fine.append(extension)
    if not wrong:
        return _ok(name, f"{' and '.join(fine)} are installed and on.")
    return _problem(
        name,
        "; ".join(wrong) + " in JupyterLab.",
        ", then ".join(fixes) + ", then restart JupyterLab (on a hub: restart the user servers).",
    )


def _declared_runtime() -> tuple[Requirement, ...]:
    try:
        return declared().groups.get("runtime", ())
    except RuntimeError:
        return ()


def _reinstall(package: str, requirement: Requirement | None) -> str:
    """The command that puts a package's prebuilt extension back: its files come with the package."""
    try:
        version = metadata.version(package)
    except metadata.PackageNotFoundError:
        spec = _spec_text(requirement) if requirement is not None else package
        return f"`{_pip()} -m pip install {spec}`"
    return f"`{_pip()} -m pip install --force-reinstall --no-deps {package}=={version}`"


def check_data() -> Result:
    """The data package loads and passes its schema, as ``python -m netgov check`` checks it."""
    from .data import DataError, data_dir, load, resource_names

    name = "data"
    try:
        folder = data_dir()
        rows = sum(len(load(table)) for table in resource_names())
    except DataError as error:
        lines = str(error).strip().splitlines()
        more = f" (and {len(lines) - 1} more lines)" if len(lines) > 1 else ""
        return _problem(
            name,
            f"{lines[0]}{more}",
            "`python -m netgov check` lists every problem; correct the file it names, or restore the data "
            "(`git checkout -- data` in a checkout, or reinstall the kit; unset NETGOV_DATA if it is set).",
        )
    return _ok(name, f"{len(resource_names())} tables, {rows} rows, valid ({folder}).")


def notebook_kernels(root: Path | str) -> dict[str, list[str]]:
    """The kernel each of the kit's notebooks names (its kernelspec ``name``), as {kernel: [notebooks]};
    a notebook that names none is listed under ""."""
    if not isinstance(root, (str, Path)):
        raise TypeError(f"root must be the kit's folder (a str or Path), not {type(root).__name__}.")
    root = Path(root)
    names: dict[str, list[str]] = {}
    for folder in NOTEBOOK_FOLDERS:
        for path in sorted((root / folder).glob("*.ipynb")):
            data = _read_json(path)
            spec = data.get("metadata", {}).get("kernelspec", {}) if isinstance(data, dict) else {}
            kernel = spec.get("name", "") if isinstance(spec, dict) else ""
            names.setdefault(kernel, []).append(path.relative_to(root).as_posix())
    return names


def _kernel_python(argv: list[str]) -> str | None:
    """The interpreter a kernel runs, resolved as jupyter_client resolves a bare ``python``; None if not Python."""
    if not argv:
        return None
    first = argv[0]
    if first in {"python", f"python{sys.version_info[0]}", "python{}.{}".format(*sys.version_info[:2])}:
        return sys.executable
    return first if "python" in Path(first).name.lower() else None


def _imports_netgov(python: str) -> bool:
    if Path(python).resolve() == Path(sys.executable).resolve():
        return True
    probe = "import importlib.util, sys; sys.exit(importlib.util.find_spec('netgov') is None)"
    try:
        return subprocess.run([python, "-c", probe], capture_output=True, timeout=60).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def check_kernel(root: Path | str | None = None, kernels: Mapping[str, list[str]] | None = None) -> Result:
    """Every kernel the notebooks name exists, and runs a Python that has the kit.

    ``root`` is the kit's folder (default: :func:`kit_root`); ``kernels`` replaces Jupyter's kernelspecs, as
    {name: the command it runs (argv)}."""
    name = "kernel"
    if kernels is not None and not isinstance(kernels, Mapping):
        raise TypeError(f"kernels must be a dict of kernel name to command (argv), not {type(kernels).__name__}.")
    folder = _root_or_problem(name, root)
    if isinstance(folder, Result):
        return folder
    named = notebook_kernels(folder)
    if not named:
        return _problem(name, f"{folder} holds no notebooks.", _ROOT_FIX)
    if kernels is None:
        from jupyter_client.kernelspec import KernelSpecManager

        manager = KernelSpecManager()
        kernels = {}
        for kernel in manager.find_kernel_specs():
            try:
                kernels[kernel] = list(manager.get_kernel_spec(kernel).argv)
            except Exception:  # a broken kernel.json: reported below as a kernel that cannot start
                kernels[kernel] = []
    wrong, fixes, fine = [], [], []
    for kernel, notebooks in sorted(named.items()):
        where, names = (
            (notebooks[0], "names")
            if len(notebooks) == 1
            else (f"{notebooks[0]} and {len(notebooks) - 1} more", "name")
        )
        if not kernel:
            wrong.append(f"{where} {names} no kernel")
            fixes.append("open it in JupyterLab, choose Kernel > Change Kernel > Python 3, and save it")
            continue
        install = f"`{_pip()} -m ipykernel install --user --name {kernel}`"
        if kernel not in kernels:
            known = ", ".join(sorted(kernels)) or "none"
            wrong.append(f"{where} {names} the kernel '{kernel}', which is not installed (installed: {known})")
            fixes.append(install)
            continue
        if not kernels[kernel]:
            wrong.append(f"the kernel '{kernel}' has a kernel.json that cannot be read")
            fixes.append(f"{install} (writes it again, for this Python)")
            continue
        # A kernel that runs something else than Python directly (conda run, a wrapper script) is not probed.
        python = _kernel_python(kernels[kernel])
        if python is not None and not _imports_netgov(python):
            wrong.append(f"the kernel '{kernel}' runs {python}, which cannot import netgov")
            fixes.append(f"{install} (a kernel '{kernel}' that runs this Python)")
            continue
        fine.append(f"'{kernel}' ({len(notebooks)} notebooks)")
    if not wrong:
        return _ok(name, f"the notebooks' kernel {', '.join(fine)} is installed and has the kit.")
    return _problem(name, "; ".join(wrong) + ".", "; ".join(fixes) + ".")


_ROOT_FIX = "run the doctor in the kit's folder (the one holding notebooks/), or name it: --root FOLDER."


def _root_or_problem(check: str, root: Path | str | None) -> Path | Result:
    if root is not None and not isinstance(root, (str, Path)):
        raise TypeError(f"root must be the kit's folder (a str or Path) or None, not {type(root).__name__}.")
    folder = kit_root() if root is None else Path(root)
    if folder is None or not (folder / START).is_file():
        where = Path.cwd() if root is None else folder
        return _problem(check, f"{where} is not the kit's folder: it has no {START.as_posix()}.", _ROOT_FIX)
    return folder


def check_smoke_run(root: Path | str | None = None, timeout: float = SMOKE_TIMEOUT) -> Result:
    """Run the start notebook top to bottom in a fresh kernel (the one it names), as a learner's first class
    would, with no browser. ``timeout`` is the seconds each cell may take."""
    name = "smoke run"
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not timeout > 0:
        raise ValueError(f"timeout must be a number of seconds above 0, such as 120, not {timeout!r}.")
    folder = _root_or_problem(name, root)
    if isinstance(folder, Result):
        return folder
    import nbformat
    from nbclient import NotebookClient

    path = folder / START
    nb = nbformat.read(path, as_version=4)
    kernel = nb.metadata.get("kernelspec", {}).get("name") or "python3"
    client = NotebookClient(nb, timeout=timeout, kernel_name=kernel, resources={"metadata": {"path": str(path.parent)}})
    began = time.monotonic()
    # The kernel's own log (warnings, a crash) goes to a file rather than between the report's lines; its last
    # line explains a kernel that died, which nbclient reports with no reason.
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as log:
        try:
            client.execute(stderr=log)
            failure = None
        except Exception as error:  # any failure is the finding: a cell's error, a timeout, a kernel that died
            failure = _first_line(error)
            if not getattr(error, "ename", None):
                log.seek(0)
                last = [line.strip() for line in log.read().splitlines() if line.strip()][-1:]
                failure += f" (the kernel's last words: {last[0]})" if last else ""
    if failure is not None:
        return _problem(
            name,
            f"{START.as_posix()} failed in the kernel '{kernel}': {failure}",
            f"`jupyter execute {START.as_posix()}` in the kit's folder shows the whole error; fix the problems "
            "above first. A timeout on a busy machine: run again with --timeout 300.",
        )
    return _ok(name, f"{START.as_posix()} ran in a fresh '{kernel}' kernel in {time.monotonic() - began:.0f} s.")


def _first_line(error: BaseException) -> str:
    """The gist of an error: nbclient's CellExecutionError carries the cell's exception name and value."""
    ename, evalue = getattr(error, "ename", None), getattr(error, "evalue", None)
    if ename:
        return f"{ename}: {evalue}".strip().rstrip(":")
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return f"{type(error).__name__}: {lines[0] if lines else ''}".rstrip(": ")


# ----------------------------------------------------------------------------------------- all of them


def run(root: Path | str | None = None, quick: bool = False, timeout: float = SMOKE_TIMEOUT) -> list[Result]:
    """Every check, in order; ``quick`` leaves out the smoke run (which starts a kernel)."""
    if not isinstance(quick, bool):
        raise TypeError(f"quick must be True or False, not {type(quick).__name__}.")
    results = [check_python(), check_packages(), check_applications(), check_lab_extensions(), check_data()]
    kernel = check_kernel(root)
    results.append(kernel)
    if quick:
        results.append(Result("smoke run", SKIPPED, "left out (--quick)."))
    elif kernel.status != OK:
        results.append(Result("smoke run", SKIPPED, "not run: the notebooks' kernel has a problem (see above)."))
    else:
        results.append(check_smoke_run(root, timeout))
    return results


def report(results: list[Result]) -> str:
    """The doctor's output: one line per check, then a summary."""
    items = need_items(results, "results", "a list of Result, as doctor.run() returns", item=Result)
    problems = sum(r.status == PROBLEM for r in items)
    summary = (
        "Ready for class."
        if not problems
        else f"{problems} problem{'s' if problems > 1 else ''}: apply each fix, "
        "then run `python -m netgov doctor` again."
    )
    return "\n".join([*(r.line() for r in items), "", summary])
