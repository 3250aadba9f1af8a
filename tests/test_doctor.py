"""``python -m netgov doctor``: each check, on this installation and on a broken one.

A broken installation is simulated for each check, without touching this one: a requirement that is not
installed or is out of range, a package the version lookup says is missing, a labextensions folder without the
widget manager, a page config that switches plotly's renderer off, a damaged copy of the data package, a copy of
the notebooks that names a kernel nobody installed, and a kernel whose Python does not exist. Each must give
the PROBLEM line with its fix. The smoke run starts a kernel, so its tests are in the notebooks tier.
"""

from __future__ import annotations

import json
import shutil
import sys
from importlib import metadata
from pathlib import Path

import pytest
from helpers import ROOT

from netgov import doctor
from netgov.__main__ import main
from netgov.doctor import OK, PROBLEM, SKIPPED

WIDGETS = "@jupyter-widgets/jupyterlab-manager"
PLOTLY = "jupyterlab-plotly"


def problem(result, *fragments):
    """``result`` is a PROBLEM whose printed line holds every fragment and a fix."""
    line = result.line()
    assert result.status == PROBLEM, line
    assert result.fix and " Fix: " in line, line
    for fragment in fragments:
        assert fragment in line, f"{fragment!r} is not in {line!r}"
    assert "\n" not in line
    return line


def lab_folder(tmp_path, *names):
    """A labextensions folder holding a package.json for each of ``names``."""
    folder = tmp_path / "labextensions"
    for name in names:
        (folder / name).mkdir(parents=True)
        (folder / name / "package.json").write_text(json.dumps({"name": name, "version": "1.0.0"}))
    return folder


def page_config(folder, disabled):
    """A Jupyter config folder whose labconfig/page_config.json switches off (True) or on (False) extensions."""
    (folder / "labconfig").mkdir(parents=True)
    (folder / "labconfig" / "page_config.json").write_text(json.dumps({"disabledExtensions": disabled}))
    return folder


def kit_copy(tmp_path, kernel="python3"):
    """A copy of the kit's notebooks whose first exercise names ``kernel``."""
    root = tmp_path / "kit"
    for folder in doctor.NOTEBOOK_FOLDERS:
        (root / folder).mkdir(parents=True)
        for path in (ROOT / folder).glob("*.ipynb"):
            shutil.copy(path, root / folder / path.name)
    first = sorted((root / "exercises").glob("*.ipynb"))[0]
    nb = json.loads(first.read_text(encoding="utf-8"))
    nb["metadata"]["kernelspec"]["name"] = kernel
    first.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return root


# ----------------------------------------------------------------------------------------- Python


def test_this_python_meets_the_kit():
    assert doctor.check_python().status == OK
    assert doctor.check_python().message.startswith(f"Python {sys.version_info[0]}.{sys.version_info[1]}.")


def test_an_old_python_is_a_problem_with_an_environment_to_make():
    problem(doctor.check_python(version="3.10.4"), "Python 3.10.4", ">=3.11", "conda create -n netgov python=3.12")
    problem(doctor.check_python(requires=">=99"), ">=99", "a Python that meets >=99")


# ----------------------------------------------------------------------------------------- packages


def test_the_kit_packages_are_within_their_ranges_here():
    result = doctor.check_packages()
    assert result.status == OK, result.line()
    assert f"pandas {metadata.version('pandas')}" in result.message


def test_a_missing_package_is_a_problem_with_the_install_command():
    line = problem(
        doctor.check_packages(["pandas>=3.0.0,<4", "netgov-not-a-package>=1.0,<2"]),
        "netgov-not-a-package is not installed",
        '-m pip install "netgov-not-a-package<2,>=1.0"',
    )
    assert "pandas" not in line.split(" Fix: ")[1], "only what is wrong is reinstalled"


def test_a_version_out_of_range_is_a_problem_with_the_range_to_install():
    installed = metadata.version("plotly")
    problem(
        doctor.check_packages(["plotly>=99,<100"]),
        f"plotly {installed} is installed, the kit needs <100,>=99",
        '-m pip install "plotly<100,>=99"',
    )


def test_a_requirement_for_another_platform_is_not_checked():
    assert doctor.check_packages(["netgov-not-a-package>=1; python_version < '3.0'"]).status == OK


def pretend_missing(monkeypatch, lookup: str, name: str) -> None:
    """Make ``importlib.metadata.<lookup>`` (``version`` or ``distribution``) answer that ``name`` is not
    installed, and everything else as it really is."""
    real = getattr(metadata, lookup)

    def answer(asked):
        if asked.lower() == name:
            raise metadata.PackageNotFoundError(asked)
        return real(asked)

    monkeypatch.setattr(metadata, lookup, answer)


def test_a_package_missing_from_the_kit_ranges_is_found(monkeypatch):
    """The kit's own declared runtime ranges, with nbclient reported as absent."""
    pretend_missing(monkeypatch, "version", "nbclient")
    problem(doctor.check_packages(), "nbclient is not installed", '-m pip install "nbclient<0.12,>=0.10.0"')


def test_the_ranges_are_read_from_the_checkout_the_package_runs_from():
    """A checkout (editable install, PYTHONPATH) is judged by its pyproject.toml; an installed wheel (CI) by the
    metadata pip wrote from that same file."""
    kit = doctor.declared()
    from_checkout = Path(doctor.__file__).resolve().is_relative_to(ROOT / "src")
    assert kit.source == str(ROOT / "pyproject.toml") if from_checkout else kit.source.startswith("the installed")
    assert kit.requires_python == ">=3.11"
    assert {"pandas", "nbclient", "packaging"} <= {req.name for req in kit.groups["runtime"]}
    assert {"jupyterlab", "voila"} <= {req.name for req in kit.groups["app"]}


def test_without_a_checkout_the_ranges_come_from_the_installed_metadata(tmp_path, monkeypatch):
    info = tmp_path / "netgov-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.4\nName: netgov\nVersion: 0.1.0\nRequires-Python: >=3.11\n"
        "Requires-Dist: pandas<4,>=3.0.0\nRequires-Dist: netgov-not-a-package<2,>=1\n"
        "Provides-Extra: app\nRequires-Dist: voila<0.6,>=99; extra == 'app'\n"
        "Provides-Extra: test\nRequires-Dist: netgov[app]; extra == 'test'\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(doctor, "_package_checkout", lambda: None)
    real = metadata.distribution
    monkeypatch.setattr(
        metadata, "distribution", lambda name: metadata.PathDistribution(info) if name == "netgov" else real(name)
    )
    kit = doctor.declared()
    assert kit.source == "the installed netgov 0.1.0"
    assert [str(req) for req in kit.groups["runtime"]] == ["pandas<4,>=3.0.0", "netgov-not-a-package<2,>=1"]
    problem(doctor.check_packages(), "netgov-not-a-package is not installed")
    problem(doctor.check_applications(), "the kit needs <0.6,>=99")
    assert doctor.check_python().status == OK


def test_without_a_checkout_or_an_install_the_doctor_says_to_install(monkeypatch):
    monkeypatch.setattr(doctor, "_package_checkout", lambda: None)
    pretend_missing(monkeypatch, "distribution", "netgov")
    problem(doctor.check_packages(), "neither installed nor run from a checkout", "pip install")


# ----------------------------------------------------------------------------------------- JupyterLab, Voila


def test_jupyterlab_and_voila_are_here():
    assert doctor.check_applications().status == OK


def test_a_missing_voila_is_a_problem_that_names_dashboard_mode(monkeypatch):
    pretend_missing(monkeypatch, "version", "voila")
    problem(doctor.check_applications(), "voila is not installed", "dashboard mode", '"voila<0.6,>=0.5.13"')


def test_the_renderers_are_installed_and_on_here():
    assert {WIDGETS, PLOTLY} <= set(doctor.installed_lab_extensions())
    assert doctor.check_lab_extensions().status == OK


def test_the_extensions_found_are_those_jupyterlab_loads():
    """The folders read from disk give the extensions JupyterLab's server hands to the page (the same ones
    `jupyter labextension list` prints), with no server started."""
    config = pytest.importorskip("jupyterlab_server.config")
    from jupyter_core.paths import jupyter_path

    assert set(doctor.installed_lab_extensions()) == set(config.get_federated_extensions(jupyter_path("labextensions")))


def test_a_missing_widget_manager_is_a_problem_with_the_reinstall_command(tmp_path):
    folder = lab_folder(tmp_path, PLOTLY)
    version = metadata.version("jupyterlab_widgets")
    problem(
        doctor.check_lab_extensions(paths=[folder], config_paths=[]),
        f"{WIDGETS} (from jupyterlab_widgets) is not installed",
        f"--force-reinstall --no-deps jupyterlab_widgets=={version}",
        "restart JupyterLab",
    )
    assert (
        doctor.check_lab_extensions(paths=[lab_folder(tmp_path / "b", PLOTLY, WIDGETS)], config_paths=[]).status == OK
    )


def test_a_renderer_switched_off_is_a_problem_with_the_enable_command(tmp_path):
    folder = lab_folder(tmp_path, PLOTLY, WIDGETS)
    config = page_config(tmp_path / "config", {PLOTLY: True})
    problem(
        doctor.check_lab_extensions(paths=[folder], config_paths=[config]),
        f"{PLOTLY} is switched off in {config / 'labconfig' / 'page_config.json'}",
        f"`jupyter labextension enable {PLOTLY}`",
    )
    plugin = page_config(tmp_path / "plugin", [f"{WIDGETS}:plugin"])
    problem(
        doctor.check_lab_extensions(paths=[folder], config_paths=[plugin]),
        f"`jupyter labextension enable {WIDGETS}:plugin`",
    )


def test_the_config_folder_first_in_jupyters_order_wins(tmp_path):
    """jupyter_config_path() lists the folders from the highest priority (the environment's) down."""
    switched_on = page_config(tmp_path / "env", {PLOTLY: False})
    switched_off = page_config(tmp_path / "system", {PLOTLY: True})
    assert doctor.disabled_lab_extensions([switched_on, switched_off]) == {}
    assert PLOTLY in doctor.disabled_lab_extensions([switched_off, switched_on])


def test_the_page_config_read_is_what_jupyter_labextension_disable_writes(tmp_path, monkeypatch):
    """`jupyter labextension disable --level=user` writes the user's page config through jupyterlab_server."""
    config = pytest.importorskip("jupyterlab_server.config")
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(tmp_path))
    config.write_page_config({"disabledExtensions": {PLOTLY: True}}, level="user")
    assert PLOTLY in doctor.disabled_lab_extensions([tmp_path])
    assert PLOTLY in doctor.disabled_lab_extensions()
    config.write_page_config({"disabledExtensions": {}}, level="user")
    assert PLOTLY not in doctor.disabled_lab_extensions()


# ----------------------------------------------------------------------------------------- data


def test_the_data_is_valid_here():
    result = doctor.check_data()
    assert result.status == OK, result.line()


def test_damaged_data_is_a_problem_that_names_the_file(data_copy):
    events = data_copy / "events.csv"
    lines = events.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(lines[1].split(",")[0], "", 1)  # the first row loses its id
    events.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problem(doctor.check_data(), "events.csv", "python -m netgov check", "git checkout -- data")


def test_a_data_folder_that_is_not_one_is_a_problem(tmp_path, monkeypatch):
    import netgov

    monkeypatch.setenv("NETGOV_DATA", str(tmp_path))
    netgov.data.clear_cache()
    problem(doctor.check_data(), "NETGOV_DATA", "unset NETGOV_DATA")


# ----------------------------------------------------------------------------------------- the kernel


def test_the_notebooks_kernel_is_installed_here():
    result = doctor.check_kernel(ROOT)
    assert result.status == OK, result.line()
    assert doctor.notebook_kernels(ROOT).keys() == {"python3"}


def test_a_kernel_nobody_installed_is_a_problem_with_the_install_command(tmp_path):
    root = kit_copy(tmp_path, kernel="netgov-not-a-kernel")
    problem(
        doctor.check_kernel(root),
        "exercises/01-the-2009-law-exercises.ipynb names the kernel 'netgov-not-a-kernel', which is not installed",
        "-m ipykernel install --user --name netgov-not-a-kernel",
    )


def test_a_notebook_that_names_no_kernel_is_a_problem(tmp_path):
    root = kit_copy(tmp_path, kernel="")
    problem(doctor.check_kernel(root), "names no kernel", "Change Kernel")


def test_a_kernel_whose_python_is_gone_is_a_problem(tmp_path):
    gone = str(tmp_path / "bin" / "python")
    problem(
        doctor.check_kernel(ROOT, kernels={"python3": [gone, "-m", "ipykernel_launcher", "-f", "{connection_file}"]}),
        f"the kernel 'python3' runs {gone}, which cannot import netgov",
        "-m ipykernel install --user --name python3",
    )
    # A bare `python` is this interpreter, as jupyter_client runs it.
    assert doctor.check_kernel(ROOT, kernels={"python3": ["python", "-m", "ipykernel_launcher"]}).status == OK


def test_a_folder_that_is_not_the_kit_is_a_problem_with_the_root_option(tmp_path):
    problem(doctor.check_kernel(tmp_path), f"{tmp_path} is not the kit's folder", "--root FOLDER")
    assert doctor.kit_root(ROOT / "notebooks") == ROOT
    assert doctor.kit_root(tmp_path) is None


# ----------------------------------------------------------------------------------------- the command


def run_doctor(capsys, *args):
    status = main(["doctor", *args])
    lines = capsys.readouterr().out.splitlines()
    return status, lines


def test_the_quick_doctor_prints_one_line_per_check_and_exits_by_what_it_found(capsys):
    status, lines = run_doctor(capsys, "--quick", "--root", str(ROOT))
    checks = lines[: lines.index("")]
    assert [line.split(":")[0].split()[-1] for line in checks] == [
        "python",
        "packages",
        "applications",
        "extensions",
        "data",
        "kernel",
        "run",
    ]
    assert all(line.startswith((OK, PROBLEM, SKIPPED)) for line in checks)
    assert checks[-1] == "SKIPPED smoke run: left out (--quick)."
    assert status == (1 if any(line.startswith(PROBLEM) for line in checks) else 0)


def test_any_problem_makes_the_doctor_exit_1(capsys, data_copy):
    (data_copy / "actors.csv").write_text("not,the,columns\n", encoding="utf-8")
    status, lines = run_doctor(capsys, "--quick", "--root", str(ROOT))
    assert status == 1
    assert any(line.startswith("PROBLEM data: ") and "actors.csv" in line for line in lines)
    assert lines[-1].startswith("1 problem: apply each fix")


def test_a_bad_timeout_is_refused(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["doctor", "--timeout", "0"])
    assert stopped.value.code == 2
    assert "a number of seconds above 0" in capsys.readouterr().err


# ----------------------------------------------------------------------------------------- the smoke run


@pytest.mark.notebooks
def test_the_doctor_runs_the_start_notebook(capsys):
    status, lines = run_doctor(capsys, "--root", str(ROOT))
    smoke = [line for line in lines if " smoke run: " in line]
    assert smoke == [smoke[0]] and smoke[0].startswith("OK      smoke run: notebooks/00-start-here.ipynb ran"), lines
    assert status == (1 if any(line.startswith(PROBLEM) for line in lines) else 0)


def broken_start(tmp_path, source):
    """A copy of the kit whose start notebook ends with a cell holding ``source``."""
    root = kit_copy(tmp_path)
    path = root / doctor.START
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"].append(
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "doctor-test",
            "metadata": {},
            "outputs": [],
            "source": source,
        }
    )
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return root


@pytest.mark.notebooks
def test_a_failing_start_notebook_is_a_problem_that_names_the_error(tmp_path):
    root = broken_start(tmp_path, "import netgov_not_a_module")
    problem(
        doctor.check_smoke_run(root),
        "notebooks/00-start-here.ipynb failed in the kernel 'python3'",
        "ModuleNotFoundError: No module named 'netgov_not_a_module'",
        "`jupyter execute notebooks/00-start-here.ipynb`",
    )


@pytest.mark.notebooks
def test_a_cell_over_the_timeout_is_a_problem_that_says_how_to_wait_longer(tmp_path):
    root = broken_start(tmp_path, "import time\ntime.sleep(60)")
    problem(doctor.check_smoke_run(root, timeout=3), "CellTimeoutError", "--timeout 300")
