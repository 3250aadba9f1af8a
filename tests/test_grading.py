"""Grading a class: ``python -m netgov grade`` on synthetic submissions, right, partly right, blank, broken and
hostile, and the gradebook and feedback pages it writes.

The runs start kernels (the ``notebooks`` tier); the gradebook, feedback and decoding tests do not.
"""

from __future__ import annotations

import csv
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from helpers import ROOT

from netgov.__main__ import main
from netgov.grading import Result, _decode, _slug, grade, spreadsheet_safe, write_feedback, write_gradebook

LESSON = 5
SOLUTIONS = ROOT / "exercises" / "solutions" / "05-among-neighbours-solutions.ipynb"
EXERCISES = ROOT / "exercises" / "05-among-neighbours-exercises.ipynb"
MASTER = ROOT / "assignments" / "05-among-neighbours.ipynb"


def _with_cell(base: Path, code: str, folder: Path, name: str) -> None:
    """A copy of ``base`` with ``code`` as a cell just after its setup cell, saved as ``name``.ipynb."""
    notebook = nbformat.read(base, as_version=4)
    notebook.cells.insert(2, nbformat.v4.new_code_cell(code))
    nbformat.write(notebook, folder / f"{name}.ipynb")


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Grade a folder of synthetic submissions once; each test reads its row."""
    folder = tmp_path_factory.mktemp("submissions")
    kit_file = ROOT / "README.md"
    before = kit_file.read_bytes()
    (folder / "right.ipynb").write_bytes(SOLUTIONS.read_bytes())
    (folder / "blank.ipynb").write_bytes(EXERCISES.read_bytes())
    partly = nbformat.read(SOLUTIONS, as_version=4)
    for cell in partly.cells:
        if cell.cell_type == "code" and "answer_q2 =" in cell.source:
            cell.source = cell.source.replace(
                "one_country[2025] - one_country[2019]", "one_country[2019] - one_country[2025]"
            )
            assert "[2019] - one_country[2025]" in cell.source, "the solution this test turns around has changed"
    nbformat.write(partly, folder / "partly.ipynb")
    (folder / "broken.ipynb").write_text("{ not a notebook", encoding="utf-8")
    (folder / "empty.ipynb").write_bytes(b"")
    _with_cell(
        EXERCISES,
        "import netgov.lesson5.checks as k\nk.q1 = k.q2 = lambda answer: True\nanswer_q1 = 0",
        folder,
        "cheat",
    )
    _with_cell(SOLUTIONS, "while True:\n    pass", folder, "loop")
    _with_cell(SOLUTIONS, "raise RuntimeError('stop here')", folder, "raises")
    _with_cell(
        SOLUTIONS, "import urllib.request\nurllib.request.urlopen('http://example.org', timeout=2)", folder, "net"
    )
    _with_cell(SOLUTIONS, f"import os\nos.remove({str(kit_file)!r})", folder, "delete")
    _with_cell(SOLUTIONS, "from netgov.lesson5 import checks\nchecks.answers()", folder, "key")
    _with_cell(SOLUTIONS, f"open({str(SOLUTIONS)!r}).read()", folder, "keyfile")
    _with_cell(SOLUTIONS, f"open({str(MASTER)!r}).read()", folder, "master")
    _with_cell(SOLUTIONS, "import subprocess\nsubprocess.run(['true'])", folder, "program")
    _with_cell(SOLUTIONS, "pass", folder, "=HYPERLINK(1)")
    script = nbformat.read(EXERCISES, as_version=4)
    for cell in script.cells:
        if cell.cell_type == "markdown" and cell.source.startswith("*Write your answer"):
            cell.source = "<script>alert('x')</script><img src=x onerror=alert(1)> My answer."
    nbformat.write(script, folder / "markup.ipynb")
    results = grade(folder, LESSON, workers=2, cell_timeout=5, notebook_timeout=240)
    assert kit_file.read_bytes() == before, "a submission changed a file of the kit"
    return {r.submission: r for r in results}, folder


pytestmark_runs = pytest.mark.notebooks


@pytestmark_runs
def test_a_right_submission_gets_every_point(graded):
    rows, _ = graded
    assert rows["right"].status == "graded" and rows["right"].total == 5


@pytestmark_runs
def test_a_blank_and_a_partly_right_submission(graded):
    rows, _ = graded
    assert rows["blank"].status == "graded" and rows["blank"].total == 0
    assert rows["blank"].feedback["q1"][0] == "unanswered"
    assert rows["partly"].scores["q2"] == 0 and rows["partly"].total == 4
    assert "sign" in rows["partly"].feedback["q2"][1]


@pytestmark_runs
def test_files_that_are_not_notebooks_get_a_row_and_no_run(graded):
    rows, _ = graded
    assert rows["broken"].status == rows["empty"].status == "not a notebook"
    assert not rows["broken"].scores


@pytestmark_runs
def test_replacing_a_check_in_the_submission_changes_nothing(graded):
    rows, _ = graded
    assert rows["cheat"].scores["q1"] == rows["cheat"].scores["q2"] == 0


@pytestmark_runs
def test_a_cell_that_raises_is_named_and_the_rest_still_checked(graded):
    rows, _ = graded
    assert rows["raises"].status == "errors in cells" and rows["raises"].total == 5
    assert "RuntimeError: stop here" in rows["raises"].detail


@pytestmark_runs
def test_a_loop_is_stopped_and_the_rest_still_checked(graded):
    rows, _ = graded
    assert rows["loop"].status == "timed out" and rows["loop"].total == 5


@pytestmark_runs
@pytest.mark.parametrize(
    "name, what",
    [
        ("net", "network access"),
        ("delete", "writing outside the scratch folder"),
        ("key", "reading the answer key"),
        ("keyfile", "reading the answer key"),
        ("master", "reading the answer key"),
        ("program", "running a program"),
    ],
)
def test_what_the_grader_refuses_is_named_in_the_status(graded, name, what):
    rows, _ = graded
    assert rows[name].status == f"blocked: {what}"


@pytestmark_runs
def test_the_gradebook_and_feedback_escape_what_a_submission_wrote(graded, tmp_path):
    rows, _ = graded
    out = write_gradebook(list(rows.values()), LESSON, tmp_path / "grades.csv")
    with out.open(encoding="utf-8") as file:
        table = list(csv.DictReader(file))
    keys = [row["submission"] for row in table]
    assert "'=HYPERLINK(1)" in keys and not any(k.startswith(("=", "+", "-", "@")) for k in keys)
    assert {row["L5-open-1"] for row in table if row["status"] != "not a notebook"} == {"to grade by rubric"}
    pages = write_feedback(list(rows.values()), LESSON, tmp_path / "feedback")
    assert all(page.parent == tmp_path / "feedback" for page in pages)
    markup = next(p for p in pages if p.name.startswith("markup")).read_text(encoding="utf-8")
    assert "My answer." in markup
    assert "<script>alert" not in markup and "&lt;script&gt;alert" in markup and "<img src=x" not in markup


@pytestmark_runs
def test_the_command_line_writes_the_gradebook_and_the_pages(graded, tmp_path, capsys):
    _, folder = graded
    small = tmp_path / "two"
    small.mkdir()
    for name in ("right", "broken"):
        (small / f"{name}.ipynb").write_bytes((folder / f"{name}.ipynb").read_bytes())
    assert main(["grade", str(small), "--lesson", "5", "--out", str(tmp_path / "g.csv"), "--cell-timeout", "30"]) == 0
    assert "Graded 2 submission(s) of Lesson 5: 1 graded, 1 not a notebook" in capsys.readouterr().out
    assert len(list((tmp_path / "feedback").glob("*.html"))) == 2


@pytestmark_runs
def test_a_variant_is_graded_against_its_own_answers(tmp_path):
    """A class given variant 7: its right answers get every point; the published solutions, handed in instead,
    lose the tasks the variant changed, and the row says which exercise it was."""
    from netgov import assign
    from netgov.lesson5.checks import VARIANTS

    seed = 7
    files = assign.generate(LESSON, ROOT, seed)
    folder = tmp_path / "class"
    folder.mkdir()
    [solutions] = [content for path, content in files.items() if "/solutions/" in path]
    (folder / "variant.ipynb").write_bytes(solutions)
    (folder / "published.ipynb").write_bytes(SOLUTIONS.read_bytes())
    rows = {r.submission: r for r in grade(folder, LESSON, cell_timeout=60, variant=seed)}
    assert rows["variant"].total == 5 and rows["variant"].detail == ""
    changed = VARIANTS.changed_tasks(seed)
    assert changed and all(rows["published"].scores[task] == 0 for task in changed)
    assert "the published exercise; graded against variant 7" in rows["published"].detail
    assert VARIANTS.seed is None, "grading a variant leaves the published checks in use afterwards"
    out = write_gradebook(list(rows.values()), LESSON, tmp_path / "g.csv", variant=seed)
    with out.open(encoding="utf-8") as file:
        assert {row["variant"] for row in csv.DictReader(file)} == {"variant 7"}


# Without a kernel -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_a_cell_that_a_spreadsheet_would_run_is_made_text(text):
    assert spreadsheet_safe(text) == "'" + text


def test_ordinary_cells_are_left_as_they_are():
    assert [spreadsheet_safe(v) for v in ("anna", 5, "", None, "a=b")] == ["anna", "5", "", "", "a=b"]


def test_feedback_names_stay_in_their_folder():
    for stem in ("../../etc/passwd", "a/b", "..", "", "<x>", "same", "same "):
        slug = _slug(stem)
        assert "/" not in slug and ".." not in slug and slug
    assert _slug("same") != _slug("same ")


def test_answers_come_back_as_the_checks_read_them():
    series = _decode({"__series__": {"index": ["KZ", "RU"], "values": [3, 1]}})
    assert isinstance(series, pd.Series) and series.to_dict() == {"KZ": 3, "RU": 1}
    assert _decode({"__timedelta__": 86400.0}) == pd.Timedelta(days=1)
    assert _decode({"__blank__": True}) is ...
    assert repr(_decode({"__unreadable__": "Widget"})) == "a Widget"
    assert _decode([1, {"__timestamp__": "2009-07-10T00:00:00"}])[1] == pd.Timestamp("2009-07-10")


def test_a_gradebook_without_runs(tmp_path):
    rows = [Result("x", "not a notebook", "bad"), Result("y", "graded", scores={"q1": 1, "q2": 0})]
    out = write_gradebook(rows, LESSON, tmp_path / "g.csv")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("submission,status,variant,q1,q2,q3,q4,q5,total,max,L5-open-1")
    assert lines[1].startswith("x,not a notebook,published,,,,,,,5,")
    out = write_gradebook(rows, LESSON, tmp_path / "v.csv", variant=7)
    assert out.read_text(encoding="utf-8").splitlines()[2].startswith("y,graded,variant 7,1,0,")


def test_variants_are_kept_from_the_submissions():
    from netgov.grading import _secret_paths

    assert str(ROOT / "variants") in _secret_paths(ROOT)


@pytest.mark.parametrize(
    "call, words",
    [
        (lambda tmp: grade(tmp / "nowhere", 5), "is not a folder"),
        (lambda tmp: grade(tmp, 0), "has no exercises"),
        (lambda tmp: grade(tmp, 5, workers=0), "workers must be"),
    ],
)
def test_bad_arguments_say_what_is_accepted(tmp_path, call, words):
    with pytest.raises(ValueError, match=words):
        call(tmp_path)


def test_the_command_line_refuses_a_bad_lesson(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["grade", str(tmp_path), "--lesson", "five"])
    assert "--lesson must be a whole number" in capsys.readouterr().err
