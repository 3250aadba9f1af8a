"""The lesson registry (``netgov.lessons.LESSONS``) and what every lesson in it must have.

``lesson_problems`` is the contract: a lesson's package imports, its activities build and follow the
``Activity`` shape, its notebooks exist and show those activities, its quiz builds, its exercise checks are real
checks with an answer key (``checks.answers()``) that each check accepts, and it has tests (a test module, a
browser driver). The registered lessons
are held to it here, and so is a throwaway lesson built in a temporary folder, which shows that a new lesson
needs only its own files and one registry entry.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest
from helpers import ROOT

from netgov.activity import Activity
from netgov.checks import Feedback
from netgov.lessons import LESSONS, Lesson, lesson


def _browser_drivers() -> dict:
    spec = importlib.util.spec_from_file_location("_browser_activities", ROOT / "tests" / "browser" / "activities.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.DRIVERS


def _code(path: Path) -> str:
    notebook = nbformat.read(path, as_version=4)
    return "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")


#: How the cell after a figure shown on its own starts: its text description, for those who cannot see it.
FIGURE_DESCRIPTION = "**Figure description.**"


def _diagram_problems(entry: Lesson, module, notebook: Path) -> list[str]:
    """A diagram must be a function that returns a titled plotly figure, shown by a cell of the notebook whose
    last line calls it, and followed by a markdown cell that describes it."""
    import plotly.graph_objects as go

    problems = []
    cells = nbformat.read(notebook, as_version=4).cells if notebook.exists() else []
    for name in entry.diagrams:
        draw = getattr(module, name, None)
        if not callable(draw):
            problems.append(f"{entry.module}.{name} is not a function")
            continue
        figure = draw()
        if not isinstance(figure, go.Figure) or not figure.layout.title.text:
            problems.append(f"{entry.module}.{name}() does not return a titled plotly figure")
        shown = [
            i
            for i, cell in enumerate(cells)
            if cell.cell_type == "code" and f"{name}(" in (cell.source.strip().splitlines() or [""])[-1]
        ]
        if not shown:
            problems.append(f"{entry.notebook} never shows {name}")
        for i in shown:
            after = cells[i + 1] if i + 1 < len(cells) else None
            if after is None or after.cell_type != "markdown" or not after.source.startswith(FIGURE_DESCRIPTION):
                problems.append(f"{entry.notebook}: {name} is not followed by a cell starting {FIGURE_DESCRIPTION}")
    return problems


def lesson_problems(entry: Lesson, root: Path, drivers: dict) -> list[str]:
    """Everything a registered lesson lacks, as sentences; empty when the lesson is complete."""
    problems = []
    try:
        module = entry.load()
    except ImportError as error:
        return [f"{entry.module} does not import: {error}"]
    for part in ("tables", "activities"):
        spec = importlib.util.find_spec(f"{entry.module}.{part}")
        if spec is not None:
            missing = set(importlib.import_module(spec.name).__all__) - set(getattr(module, "__all__", ()))
            if missing:
                problems.append(f"{entry.module} does not export {sorted(missing)} from its {part}")
    notebook = root / entry.notebook
    code = _code(notebook) if notebook.exists() else ""
    if not notebook.exists():
        problems.append(f"no lesson notebook {entry.notebook}")
    for name in entry.activities:
        cls = getattr(module, name, None)
        if not (isinstance(cls, type) and issubclass(cls, Activity)):
            problems.append(f"{entry.module}.{name} is not an Activity")
            continue
        activity = cls()
        if (activity.figure is not None) != cls.has_figure:
            problems.append(f"{name}.has_figure is {cls.has_figure} but its figure is {activity.figure!r}")
        if not activity.controls or not activity.text.value:
            problems.append(f"{name} has no controls or shows no text when it starts")
        for control, value in activity.settings():  # what a learner can do with it must never break it
            try:
                control.value = value
            except Exception as error:  # noqa: BLE001 - reported as a problem of the lesson
                problems.append(f"{name} fails when {control.description} is {value!r}: {error!r}")
                break
            if not activity.text.value:
                problems.append(f"{name} shows no text when {control.description} is {value!r}")
        if f"{name}(" not in code:
            problems.append(f"{entry.notebook} never shows {name}")
    problems += _diagram_problems(entry, module, notebook)
    if entry.quiz and not entry.quiz_questions():
        problems.append(f"{entry.module}.quiz_questions() has no questions")
    if entry.exercise:
        for path in (entry.exercise_notebook, entry.solution_notebook):
            if not (root / path).exists():
                problems.append(f"no notebook {path}")
            elif f"from {entry.module} import checks as check" not in _code(root / path):
                problems.append(f"{path} does not import the lesson's checks")
        checks = entry.checks()
        if not checks:
            problems.append(f"{entry.module}.checks has no checks made with netgov.checks.check")
        try:
            expected = entry.answers()
        except AttributeError:
            problems.append(f"{entry.module}.checks has no answers(), the answer key")
        else:
            for name, function in checks.items():
                if name not in expected:
                    problems.append(f"{entry.module}.checks.answers() has no right answer for {name}")
                elif function(expected[name]).status != "correct":
                    problems.append(f"{entry.name}.{name} does not accept its right answer")
            for name in sorted(set(expected) - set(checks)):
                problems.append(f"{entry.module}.checks.answers() answers {name}, which is not a check")
    if not (root / "tests" / f"test_{entry.name}.py").exists():
        problems.append(f"no tests/test_{entry.name}.py")
    if Path(entry.notebook).name not in drivers:
        problems.append(f"tests/browser/activities.py has no driver for {Path(entry.notebook).name}")
    return problems


def unregistered(root: Path, package: Path, lessons=LESSONS) -> list[str]:
    """Lesson packages and notebooks on disk that no registry entry names."""
    modules = {entry.module.rpartition(".")[2] for entry in lessons}
    stems = {entry.stem for entry in lessons}
    found = [p.name for p in package.iterdir() if p.is_dir() and (p.name.startswith("lesson") or p.name == "start")]
    notebooks = [
        p.stem.removesuffix("-exercises").removesuffix("-solutions")
        for folder in ("notebooks", "exercises", "exercises/solutions")
        for p in (root / folder).glob("*.ipynb")
    ]
    return sorted(
        {f"package {n}" for n in found if n not in modules} | {f"notebook {s}" for s in notebooks if s not in stems}
    )


def test_every_lesson_on_disk_is_registered():
    assert unregistered(ROOT, ROOT / "src" / "netgov") == []


def test_the_registry_is_in_order_and_unambiguous():
    assert [entry.number for entry in LESSONS] == list(range(len(LESSONS)))
    assert len({entry.slug for entry in LESSONS}) == len(LESSONS)
    assert lesson(1) is lesson("lesson1") is lesson("01-the-2009-law.ipynb") is LESSONS[1]


@pytest.mark.parametrize("entry", LESSONS, ids=[entry.name for entry in LESSONS])
def test_every_registered_lesson_is_complete(entry):
    assert lesson_problems(entry, ROOT, _browser_drivers()) == []


# A throwaway lesson ---------------------------------------------------------------------------------------

DEMO_PACKAGE = """
    from pathlib import Path

    import ipywidgets as widgets

    from netgov.activity import Activity
    from netgov.quiz import from_file


    class Counter(Activity):
        def __init__(self):
            self.step = widgets.IntSlider(value=1, min=1, max=5, description="Step")
            self._build([self.step])

        def describe(self):
            return f"<p>Counting in steps of {self.step.value}.</p>"


    def quiz_questions():
        return from_file(Path(__file__).with_name("quiz.toml"), answer=4)


    def sketch():
        import plotly.graph_objects as go

        return go.Figure(layout=dict(title_text="A sketch"))
"""
DEMO_QUIZ = """
    [[questions]]
    question = "What is two plus two?"

    [[questions.choices]]
    text = "{answer}"
    correct = true
    why = "Two and two make {answer}."

    [[questions.choices]]
    text = "Five"
    correct = false
    why = "That is one too many."
"""
DEMO_CHECKS = """
    from netgov.checks import as_int, check, judge

    __all__ = ["q1"]


    @check(as_int, "a whole number")
    def q1(n):
        return judge(n, 4, "Four.", mistakes=[(5, "One too many.", "Count again.")], otherwise=("No.", "Add them."))


    def answers():
        return {"q1": 2 + 2}
"""


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")


def _notebook(path: Path, *sources: str) -> None:
    """A notebook of the given cells: code, except a cell that starts with ``**`` (markdown)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    cells = [nbformat.v4.new_markdown_cell(s) if s.startswith("**") else nbformat.v4.new_code_cell(s) for s in sources]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)


@pytest.fixture
def demo(tmp_path, monkeypatch):
    """A fifth lesson's own files, in a folder of their own: a package, a quiz, checks, notebooks, a test."""
    package = tmp_path / "src" / "demo_lesson"
    _write(package / "__init__.py", DEMO_PACKAGE)
    _write(package / "quiz.toml", DEMO_QUIZ)
    _write(package / "checks.py", DEMO_CHECKS)
    _notebook(
        tmp_path / "notebooks" / "09-demo.ipynb",
        "from demo_lesson import Counter, sketch\nCounter().widget",
        "sketch()",
        "**Figure description.** An empty sketch.",
    )
    for path in ("exercises/09-demo-exercises.ipynb", "exercises/solutions/09-demo-solutions.ipynb"):
        _notebook(tmp_path / path, "from demo_lesson import checks as check\ncheck.q1(4)")
    _write(tmp_path / "tests" / "test_demo_lesson.py", "def test_it():\n    pass\n")
    monkeypatch.syspath_prepend(str(tmp_path / "src"))
    yield tmp_path, Lesson(9, "demo", "A demonstration", "demo_lesson", ("Counter",), diagrams=("sketch",))
    for name in [m for m in sys.modules if m.startswith("demo_lesson")]:
        del sys.modules[name]


def test_a_new_lesson_needs_only_its_own_files_and_one_entry(demo):
    root, entry = demo
    assert lesson_problems(entry, root, {"09-demo.ipynb": None}) == []
    assert entry.answers() == {"q1": 4}
    assert entry.figures == 1 and [q.question for q in entry.quiz_questions()] == ["What is two plus two?"]
    check = entry.checks()["q1"]
    assert check(4) and check("4") and not check(5) and check(5).hint == "Count again."
    assert isinstance(check(...), Feedback) and check(...).status == "unanswered"


def test_an_incomplete_or_unregistered_lesson_fails(demo):
    root, entry = demo
    (root / "tests" / "test_demo_lesson.py").unlink()
    (root / "exercises" / "09-demo-exercises.ipynb").unlink()
    checks = root / "src" / "demo_lesson" / "checks.py"
    checks.write_text(checks.read_text(encoding="utf-8").replace('"q1": 2 + 2', '"q2": 5'), encoding="utf-8")
    problems = lesson_problems(entry, root, {})
    assert "no tests/test_demo_lesson.py" in problems
    assert "no notebook exercises/09-demo-exercises.ipynb" in problems
    assert "tests/browser/activities.py has no driver for 09-demo.ipynb" in problems
    assert "demo_lesson.checks.answers() has no right answer for q1" in problems
    assert "demo_lesson.checks.answers() answers q2, which is not a check" in problems
    (root / "src" / "lesson9").mkdir()
    assert unregistered(root, root / "src", lessons=[entry]) == ["package lesson9"]
    assert unregistered(root, root / "src", lessons=[]) == ["notebook 09-demo", "package lesson9"]


def test_a_diagram_needs_its_function_its_cell_and_a_description_after_it(demo):
    root, entry = demo
    drivers = {"09-demo.ipynb": None}
    notebook = root / "notebooks" / "09-demo.ipynb"
    _notebook(notebook, "from demo_lesson import Counter, sketch\nCounter().widget", "sketch()", "**Note.** Nothing.")
    assert lesson_problems(entry, root, drivers) == [
        "notebooks/09-demo.ipynb: sketch is not followed by a cell starting **Figure description.**"
    ]
    _notebook(notebook, "from demo_lesson import Counter\nCounter().widget")
    assert lesson_problems(entry, root, drivers) == ["notebooks/09-demo.ipynb never shows sketch"]
    missing = Lesson(9, "demo", "A demonstration", "demo_lesson", ("Counter",), diagrams=("drawing",))
    assert "demo_lesson.drawing is not a function" in lesson_problems(missing, root, drivers)


@pytest.mark.parametrize("entry", [e for e in LESSONS if e.exercise], ids=lambda e: e.name)
def test_every_answer_key_is_accepted_by_its_check(entry):
    """The instructors' answer key (``checks.answers()``) answers every check, in order, and each check accepts it."""
    key, checks = entry.answers(), entry.checks()
    assert list(key) == list(checks)
    for name, check in checks.items():
        feedback = check(key[name])
        assert feedback.status == "correct", f"{entry.name}.{name} rejects its key {key[name]!r}: {feedback}"
