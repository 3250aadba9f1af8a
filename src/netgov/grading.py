"""Grade a class's submitted exercise notebooks, offline, on the instructor's machine.

``python -m netgov grade SUBMISSIONS --lesson N --out grades.csv`` runs every ``.ipynb`` in a folder and writes a
gradebook (one row per submission, keyed by the file name without ``.ipynb``: a status, one column per checked
task, the total, and each open question marked "to grade by rubric") and one feedback page per submission.

A submission is untrusted code. Grading happens in two steps, so that nothing a submission does can change a
grade, its own or another's:

1. **Run** (untrusted): the notebook runs in a fresh kernel in a scratch folder of its own, in a child process
   with a time limit and a memory limit. A first cell, added by the grader, installs an audit hook
   (:func:`sys.addaudithook`, which code cannot remove) that refuses network connections, starting programs,
   writing or deleting files outside the scratch folder, and reading the kit's solutions or the masters they
   come from; each refusal is an error the status names. A last cell writes the values of ``answer_q1``,
   ``answer_q2``... to a JSON file.
2. **Check** (trusted): the grader reads those values back and gives them to the lesson's own checks, here, in
   the grader's process. A submission that replaces a check in its own kernel only fools itself.

With ``--variant SEED`` the checks expect variant SEED's answers (:mod:`netgov.variants`); the gradebook's
``variant`` column says what every row was graded against, and a row's detail says so when the notebook was
made for another variant (or is the published one), as a student who copied the published exercise would hand in.

Why not ``otter run`` or ``nbgrader autograde``: both run the tests in the same Python process as the
submission, where a submission can replace the check it is graded by (``check.q1 = lambda a: True`` earns full
marks); tests/test_grading.py keeps a submission that tries it. The audit hook is a guard, not a container: a
submission that loads C code through ``ctypes`` can get past it. Where that matters, grade inside the
JupyterHub's per-user container or a throwaway virtual machine.
"""

from __future__ import annotations

import concurrent.futures
import csv
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ._validate import shown

__all__ = ["Result", "grade", "spreadsheet_safe", "write_feedback", "write_gradebook"]

#: Statuses a gradebook row can have, from the best to the worst.
STATUSES = {
    "graded": "ran to the end; every task checked",
    "errors in cells": "ran to the end, but some cells raised errors (their tasks may be unanswered)",
    "timed out": "a cell ran longer than the limit and was stopped; the tasks after it were still checked",
    "blocked": "the notebook tried something the grader refuses (named in the status); the rest was checked",
    "crashed": "the kernel died (usually memory); nothing was checked",
    "not a notebook": "the file is not a Jupyter notebook; nothing was run",
}
#: Refusals the audit hook makes, by the name the status gives them.
BLOCKED = ("network access", "running a program", "writing outside the scratch folder", "reading the answer key")
MARKER = "refused while grading:"
#: The most a submission's answers file may hold: a larger one is not read.
ANSWERS_LIMIT = 5_000_000
RUBRIC = "to grade by rubric"

_HOOK = r"""
import os as _os, sys as _sys
_SCRATCH = _os.path.realpath({scratch!r})
_SECRET = tuple(_os.path.realpath(p) for p in {secret!r})
def _inside(path):
    try:
        real = _os.path.realpath(_os.fsdecode(path))
    except (TypeError, ValueError):
        return False
    return real == _SCRATCH or real.startswith(_SCRATCH + _os.sep)
def _secret(path):
    try:
        real = _os.path.realpath(_os.fsdecode(path))
    except (TypeError, ValueError):
        return False
    return any(real == s or real.startswith(s + _os.sep) for s in _SECRET)
def _refuse(what):
    raise PermissionError("{marker} " + what)
def _hook(event, args):
    if event in ("socket.connect", "socket.sendto", "socket.getaddrinfo", "socket.bind"):
        _refuse("network access")
    elif event in ("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork"):
        _refuse("running a program")
    elif event == "open":
        path, mode, flags = args[0], args[1] or "r", args[2] or 0
        if isinstance(path, int) or path in ("/dev/null", b"/dev/null"):
            return
        if _secret(path):
            _refuse("reading the answer key")
        writing = any(c in str(mode) for c in "wax+") or flags & (_os.O_WRONLY | _os.O_RDWR | _os.O_CREAT)
        if writing and not _inside(path):
            _refuse("writing outside the scratch folder")
    elif event in ("os.remove", "os.rmdir", "os.rename", "os.replace", "os.truncate", "os.chmod", "os.mkdir",
                   "shutil.rmtree", "os.symlink", "os.link", "shutil.move", "shutil.copyfile"):
        paths = [a for a in args if isinstance(a, (str, bytes, _os.PathLike))]
        if event == "shutil.copyfile":
            paths = paths[1:]
        if any(not _inside(p) for p in paths):
            _refuse("writing outside the scratch folder")
_sys.addaudithook(_hook)
import importlib as _importlib
def _no_key(*a, **k):
    _refuse("reading the answer key")
_importlib.import_module({checks!r}).answers = _no_key
"""

_SAVE = r"""
import json as _json, math as _math
def _plain(value, depth=0):
    import datetime as _dt
    if depth > 20:
        return {{"__unreadable__": "nested too deep"}}
    if value is Ellipsis or value is None:
        return {{"__blank__": True}}
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, str)):
        return value
    if isinstance(value, float):
        return value if _math.isfinite(value) else {{"__unreadable__": repr(value)}}
    module = type(value).__module__.split(".")[0]
    if module == "plotly" and hasattr(value, "to_json"):
        return {{"__figure__": value.to_json()}}
    if module == "pandas":
        import pandas as _pd
        if isinstance(value, _pd.Series):
            return {{"__series__": {{"index": [_plain(i, depth + 1) for i in value.index],
                                    "values": [_plain(v, depth + 1) for v in value.tolist()]}}}}
        if isinstance(value, _pd.Timedelta):
            return {{"__timedelta__": value.total_seconds()}}
        if isinstance(value, _pd.Timestamp):
            return {{"__timestamp__": value.isoformat()}}
        if isinstance(value, _pd.DataFrame):
            return {{"__frame__": value.to_json(orient="split", date_format="iso")}}
        if isinstance(value, _pd.Index):
            return [_plain(v, depth + 1) for v in value.tolist()]
    if module == "numpy":
        return _plain(value.tolist(), depth + 1)
    if isinstance(value, (_dt.date, _dt.datetime)):
        return {{"__timestamp__": value.isoformat()}}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(v, depth + 1) for v in value]
    if isinstance(value, dict):
        return {{str(k): _plain(v, depth + 1) for k, v in value.items()}}
    return {{"__unreadable__": type(value).__name__}}
_answers = {{}}
for _name in {names!r}:
    if _name in globals():
        try:
            _answers[_name] = _plain(globals()[_name])
        except Exception as _error:
            _answers[_name] = {{"__unreadable__": type(_error).__name__}}
with open({path!r}, "w", encoding="utf-8") as _file:
    _json.dump(_answers, _file)
"""


@dataclass
class Result:
    """One submission's row of the gradebook, and what its feedback page shows."""

    submission: str
    status: str
    detail: str = ""
    scores: dict[str, int] = field(default_factory=dict)
    feedback: dict[str, tuple[str, str]] = field(default_factory=dict)  # task -> (status, message)
    open_answers: dict[str, str] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.scores.values())


def spreadsheet_safe(value: object) -> str:
    """A gradebook cell that a spreadsheet shows as text: one starting with ``=``, ``+``, ``-``, ``@``, a tab or a
    carriage return would be read as a formula, so it gets a leading apostrophe (OWASP's advice for CSV files)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _slug(stem: str) -> str:
    """A file name for a submission's feedback page that cannot leave the feedback folder."""
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip(".-")[:60] or "submission"
    return f"{safe}-{hashlib.sha256(stem.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"


def _secret_paths(kit: Path) -> list[str]:
    # The masters in assignments/ hold the solutions too, the autograders beside them the hidden tests, and
    # variants/ each variant's solutions.
    return [str(kit / "exercises" / "solutions"), str(kit / "assignments"), str(kit / "variants")]


def _made_for(notebook) -> int | None:
    """The variant a notebook says it was made for (None: the published exercises)."""
    value = notebook.metadata.get("netgov", {}).get("variant") if isinstance(notebook.metadata, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _variant_name(seed: int | None) -> str:
    return "published" if seed is None else f"variant {seed}"


def _open_answer_ids(entry, kit: Path) -> dict[str, str]:
    """The open questions of a lesson's exercise notebook: the id of the cell a learner writes in -> the question's
    id (``L1-open-1``)."""
    import nbformat

    notebook = nbformat.read(kit / entry.exercise_notebook, as_version=4)
    cells = [c for c in notebook.cells if c.cell_type == "markdown" and c.source.startswith("*Write your answer")]
    return {cell.id: f"L{entry.number}-open-{n}" for n, cell in enumerate(cells, start=1)}


def _run_child(
    submission: str,
    scratch: str,
    answers_path: str,
    names: list[str],
    secret: list[str],
    cell_timeout: int,
    checks: str,
) -> int:
    """Run one notebook (the untrusted step). Called in a child process; writes ``run.json`` in ``scratch``."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import DeadKernelError

    notebook = nbformat.read(submission, as_version=4)
    first = nbformat.v4.new_code_cell(_HOOK.format(scratch=scratch, secret=secret, marker=MARKER, checks=checks))
    last = nbformat.v4.new_code_cell(_SAVE.format(names=names, path=answers_path))
    notebook.cells = [first, *[c for c in notebook.cells if c.cell_type != "raw"], last]
    client = NotebookClient(
        notebook,
        timeout=cell_timeout,
        kernel_name="python3",
        allow_errors=True,
        interrupt_on_timeout=True,
        resources={"metadata": {"path": scratch}},
    )
    report = {"errors": [], "timed_out": False, "crashed": False}
    try:
        client.execute()
    except DeadKernelError:
        report["crashed"] = True
    except Exception as error:  # noqa: BLE001 - anything else the run raised is reported, not raised
        report["errors"].append(f"{type(error).__name__}: {error}")
    for cell in notebook.cells[1:-1]:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                report["errors"].append(f"{output.get('ename')}: {output.get('evalue')}")
                if output.get("ename") in ("CellTimeoutError", "KeyboardInterrupt"):
                    report["timed_out"] = True
    report["open"] = {c.id: c.source for c in notebook.cells if c.cell_type == "markdown"}
    Path(scratch, "run.json").write_text(json.dumps(report), encoding="utf-8")
    return 0


def _limit_memory(megabytes: int):
    def limit() -> None:
        try:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (megabytes * 2**20, megabytes * 2**20))
        except (ImportError, ValueError, OSError):  # not on this system: the time limit still holds
            pass
        os.setsid()  # its own process group, so that a time-out ends the kernel too

    return limit


def _decode(value: object) -> object:
    """An answer as the check reads it, from what the run wrote."""
    import pandas as pd

    if isinstance(value, list):
        return [_decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "__blank__" in value:
        return ...
    if "__figure__" in value:
        import plotly.io

        return plotly.io.from_json(value["__figure__"])
    if "__series__" in value:
        part = value["__series__"]
        return pd.Series([_decode(v) for v in part["values"]], index=[_decode(i) for i in part["index"]])
    if "__timedelta__" in value:
        return pd.Timedelta(seconds=value["__timedelta__"])
    if "__timestamp__" in value:
        return pd.Timestamp(value["__timestamp__"])
    if "__frame__" in value:
        import io

        return pd.read_json(io.StringIO(value["__frame__"]), orient="split")
    if "__unreadable__" in value:
        return _Unreadable(value["__unreadable__"])
    return {k: _decode(v) for k, v in value.items()}


class _Unreadable:
    """A value the run could not write down (an object of a kind the grader does not read)."""

    def __init__(self, kind: str):
        self.kind = kind

    def __repr__(self) -> str:
        return f"a {self.kind}"


def _grade_one(
    path: Path,
    entry,
    kit: Path,
    checks: dict,
    open_ids: dict[str, str],
    cell_timeout: int,
    notebook_timeout: int,
    memory: int,
    seed: int | None = None,
) -> Result:
    """Run and check one submission; ``checks`` and ``open_ids`` are the lesson's, worked out once per class."""
    import nbformat

    stem = path.stem
    try:
        made_for = _made_for(nbformat.read(path, as_version=4))
    except Exception as error:  # noqa: BLE001 - any reason it cannot be read is the same row
        return Result(stem, "not a notebook", f"{type(error).__name__}: could not be read as a notebook")
    result = _run_and_check(path, entry, kit, checks, open_ids, cell_timeout, notebook_timeout, memory)
    if made_for != seed:
        note = f"the notebook is the {_variant_name(made_for)} exercise; graded against {_variant_name(seed)}"
        result.detail = f"{note}. {result.detail}".strip()
    return result


def _run_and_check(path, entry, kit, checks, open_ids, cell_timeout, notebook_timeout, memory) -> Result:
    stem = path.stem
    names = [f"answer_{name}" for name in checks]
    scratch = Path(tempfile.mkdtemp(prefix="netgov-grade-"))
    try:
        submission = scratch / "submission.ipynb"
        shutil.copyfile(path, submission)
        answers_path = scratch / "answers.json"
        env = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "NETGOV_DATA", "PYTHONPATH")}
        env |= {
            "HOME": str(scratch),
            "TMPDIR": str(scratch),
            "MPLCONFIGDIR": str(scratch),
            "JUPYTER_RUNTIME_DIR": str(scratch / "runtime"),
            # One thread each: a machine with many cores would otherwise give every kernel a thread pool whose
            # reserved memory counts against the memory limit.
            "OPENBLAS_NUM_THREADS": "1",
            "OMP_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1",
        }
        command = [
            sys.executable,
            "-c",
            "import sys, json; from netgov.grading import _run_child; sys.exit(_run_child(*json.loads(sys.argv[1])))",
            json.dumps(
                [
                    str(submission),
                    str(scratch),
                    str(answers_path),
                    names,
                    _secret_paths(kit),
                    cell_timeout,
                    f"{entry.module}.checks",
                ]
            ),
        ]
        try:
            subprocess.run(
                command,
                cwd=scratch,
                env=env,
                timeout=notebook_timeout,
                capture_output=True,
                preexec_fn=_limit_memory(memory) if os.name == "posix" else None,
                check=False,
            )
        except subprocess.TimeoutExpired as error:
            _kill_group(error)
            return _checked(
                stem,
                entry,
                checks,
                {},
                {"timed_out": True, "errors": ["the whole notebook ran too long"]},
                open_ids,
                status="timed out",
            )
        run = _read_json(scratch / "run.json") or {"crashed": True, "errors": []}
        answers = _read_json(answers_path) or {}
        return _checked(stem, entry, checks, answers, run, open_ids)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _kill_group(error: subprocess.TimeoutExpired) -> None:
    # subprocess.run has killed the child; its kernel is in the same process group (os.setsid above).
    pid = getattr(getattr(error, "process", None), "pid", None)
    if pid:
        try:
            os.killpg(pid, 9)
        except (ProcessLookupError, PermissionError, AttributeError):
            pass


def _read_json(path: Path) -> dict | None:
    try:
        if path.stat().st_size > ANSWERS_LIMIT:
            return None
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def _checked(stem, entry, checks, answers, run, open_ids, status=None) -> Result:
    errors = [e for e in run.get("errors", []) if isinstance(e, str)]
    blocked = sorted({what for what in BLOCKED for e in errors if MARKER in e and what in e})
    if status is None:
        if run.get("crashed"):
            status = "crashed"
        elif blocked:
            status = "blocked: " + ", ".join(blocked)
        elif run.get("timed_out"):
            status = "timed out"
        elif errors:
            status = "errors in cells"
        else:
            status = "graded"
    result = Result(stem, status, "; ".join(errors[:3])[:500])
    for name, check in checks.items():
        raw = answers.get(f"answer_{name}", ...)
        feedback = check(_decode(raw))
        result.scores[name] = int(bool(feedback))
        result.feedback[name] = (
            feedback.status,
            str(feedback.message) + (f" {feedback.hint}" if feedback.hint else ""),
        )
    texts = run.get("open", {}) if isinstance(run.get("open"), dict) else {}
    for cell_id, question in open_ids.items():
        text = texts.get(cell_id, "")
        result.open_answers[question] = "" if str(text).startswith("*Write your answer") else str(text)[:20_000]
    return result


def _graded_lesson(lesson: object):
    """The registry entry of a lesson with exercises, or a clear error naming the lessons that have them."""
    from .lessons import LESSONS

    entry = next((e for e in LESSONS if e.number == lesson and e.exercise and not isinstance(lesson, bool)), None)
    if entry is None:
        numbers = [e.number for e in LESSONS if e.exercise]
        raise ValueError(f"Lesson {lesson!r} has no exercises to grade; the lessons with exercises are {numbers}.")
    return entry


def grade(
    submissions: str | Path,
    lesson: int,
    *,
    workers: int = 2,
    cell_timeout: int = 60,
    notebook_timeout: int = 300,
    memory_mb: int = 4096,
    variant: object = None,
) -> list[Result]:
    """Grade every ``.ipynb`` in ``submissions`` against Lesson ``lesson``'s checks (those of variant ``variant``,
    a seed, when given); one :class:`Result` each, in the order of their file names."""
    from .variants import need_seed

    seed = need_seed(variant)
    folder = Path(submissions)
    if not folder.is_dir():
        raise ValueError(
            f"The submissions must be a folder of .ipynb files; {shown(str(submissions))} is not a folder."
        )
    entry = _graded_lesson(lesson)
    for name, value in (
        ("workers", workers),
        ("cell_timeout", cell_timeout),
        ("notebook_timeout", notebook_timeout),
        ("memory_mb", memory_mb),
    ):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{name} must be a whole number of at least 1, not {shown(value)}.")
    from .doctor import kit_root

    kit = kit_root()
    if kit is None:
        raise ValueError(
            "Cannot find the kit's folder (the one holding notebooks/00-start-here.ipynb): run this in it."
        )
    paths = sorted(p for p in folder.iterdir() if p.suffix == ".ipynb" and p.is_file())
    checks, open_ids = entry.checks(), _open_answer_ids(entry, kit)  # the same for every submission
    with _variant(lesson, seed), concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        jobs = [
            pool.submit(_grade_one, p, entry, kit, checks, open_ids, cell_timeout, notebook_timeout, memory_mb, seed)
            for p in paths
        ]
        return [job.result() for job in jobs]


def _variant(lesson: int, seed: int | None):
    """The lesson's checks expecting variant ``seed``'s answers, for as long as the class is graded."""
    import contextlib

    if seed is None:
        return contextlib.nullcontext()
    from .assign import variants_of

    return variants_of(lesson).using(seed)


def write_gradebook(results: list[Result], lesson: int, out: str | Path, variant: object = None) -> Path:
    """The gradebook as CSV: submission, status, the variant graded against ("published" or "variant 7"), one
    column per check, total, max, one column per open question ("to grade by rubric"), and the detail of any
    errors; every cell safe to open in a spreadsheet."""
    from . import plans
    from .variants import need_seed

    graded_against = _variant_name(need_seed(variant))
    entry = _graded_lesson(lesson)
    checks = list(entry.checks())
    opens = [q["id"] for q in plans.plan(lesson).get("open", []) if q["id"].endswith("-1")]
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["submission", "status", "variant", *checks, "total", "max", *opens, "detail"])
        for r in results:
            cells = [r.submission, r.status, graded_against, *[r.scores.get(c, "") for c in checks]]
            cells += [
                r.total if r.scores else "",
                len(checks),
                *[RUBRIC if r.scores or r.open_answers else "" for _ in opens],
                r.detail,
            ]
            writer.writerow([spreadsheet_safe(c) for c in cells])
    return out


def write_feedback(results: list[Result], lesson: int, folder: str | Path, variant: object = None) -> list[Path]:
    """One HTML page per submission: its status, the variant graded against, each task's feedback, its open answer
    with the rubric. Everything from the submission is escaped, so no markup or script in it runs when the page
    opens."""
    from . import plans
    from .variants import need_seed

    graded_against = _variant_name(need_seed(variant))
    _graded_lesson(lesson)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rubrics = {q["id"]: q for q in plans.plan(lesson).get("open", [])}
    written = []
    for r in results:
        rows = "".join(
            f"<tr><td>{html.escape(task)}</td><td>{r.scores.get(task, 0)}</td><td>{html.escape(status)}</td>"
            f"<td>{html.escape(message)}</td></tr>"
            for task, (status, message) in r.feedback.items()
        )
        opens = ""
        for question, text in r.open_answers.items():
            rubric = rubrics.get(question, {})
            criteria = "".join(f"<li>{html.escape(c['criterion'])}</li>" for c in rubric.get("rubric", []))
            opens += (
                f"<h2>{html.escape(question)}: {RUBRIC}</h2><p>{html.escape(rubric.get('question', ''))}</p>"
                f"<pre>{html.escape(text) or '(no answer)'}</pre><p>Criteria (0 to 2 each):</p><ul>{criteria}</ul>"
            )
        page = (
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            f"<title>Feedback: {html.escape(r.submission)}</title></head><body>"
            f"<h1>Lesson {lesson}: {html.escape(r.submission)}</h1>"
            f"<p>Status: <strong>{html.escape(r.status)}</strong>. {html.escape(r.detail)}</p>"
            f"<p>Checked tasks: {r.total} of {len(r.feedback)}, against the {graded_against} exercise.</p>"
            f"<table><tr><th>Task</th><th>Points</th><th>Result</th><th>Feedback</th></tr>{rows}</table>{opens}"
            "</body></html>"
        )
        path = folder / f"{_slug(r.submission)}.html"
        path.write_text(page, encoding="utf-8")
        written.append(path)
    return written
