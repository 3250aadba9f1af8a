"""Code that a check shows runs as written where it is shown.

A learner copies what a hint suggests. So every code fragment of every message and hint a check can give, and
every worked example in an exercise's task text, must run in the notebook that shows it, after the cells above
it: a hint that calls ``betweenness(...)`` where the notebook only has ``lesson3.betweenness`` fails. Code is
written between backticks, so that it can be found; text that looks like code (a call, ``**``, ``df['x']``,
``.median``) outside backticks is an error too, since it is either code no test runs or prose that reads like
code. A fragment that begins with a dot (```.median()```) names a method: it must work on some table, column or
value of the notebook, or on one of the values a learner's code produces on the way (a duration, a condition).

The messages are collected twice: by driving every check with right answers in their forms, near misses,
misread answers and strange input, and by reading every string literal of the checks' source, so that a
branch no answer reaches is read too.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import textwrap
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest
from answers import near_misses, reasonable_forms, right_answer
from helpers import ROOT
from test_exercise_checks import MISREAD

import netgov
import netgov.checks
import netgov.start
import netgov.start.checks
from netgov.lessons import LESSONS

FRAGMENT = re.compile(r"`([^`]+)`")
FENCED = re.compile(r"```python\n(.*?)```", re.S)
#: Text that reads as code: a call (but not a plural such as "case(s)"), a power, a subscript with a quoted key,
#: a method or attribute after a space (".median", ".dt.year").
CODE_LOOKING = [
    re.compile(r"(?<![\w`])\.?[A-Za-z_][\w.]*\((?!s\))"),
    re.compile(r"\*\*"),
    re.compile(r"[A-Za-z_]\w*\[['\"]"),
    re.compile(r"(?:^|\s)\.[A-Za-z_]\w*"),
]
#: Values a learner's code produces on the way to an answer, on which a method named in a hint may be meant.
ON_THE_WAY = [
    pd.Timedelta(days=1),
    pd.Series([pd.Timedelta(days=1)]),
    pd.Series(pd.to_datetime(["2009-07-10"])),
    pd.Series([True, False]),
    pd.Series(["a;b", "c"]),
    pd.Series([1.0, None]),
]
#: In place of a value computed at run time, when a message is read from the source.
HOLE = "\x00"
STRANGE = [None, "", [], {}, object(), float("nan"), -1, 0, 10**6, "not an answer at all", pd.DataFrame(), "a", "x"]


# ----------------------------------------------------------------------------------------- where checks are shown


def _exercises() -> list[tuple[Path, object, dict]]:
    """Each notebook that shows checks, its checks module, and its checks by the name its cells call them by,
    each with the name its right answers go by (``lesson3.q2``)."""
    shown = [
        (
            ROOT / "notebooks" / "00-start-here.ipynb",
            netgov.start.checks,
            {"check_first_majority_year": "start.check_first_majority_year"},
        )
    ]
    for lesson in LESSONS:
        if lesson.exercise:
            module = importlib.import_module(f"{lesson.module}.checks")
            checks = {name: f"{lesson.name}.{name}" for name in lesson.checks()}
            shown.append((ROOT / lesson.exercise_notebook, module, checks))
    return shown


def _calls(source: str, name: str) -> bool:
    return re.search(rf"(?:\bcheck\.|netgov\.start\.){name}\(", source) is not None


def _execute(cells: list) -> dict:
    """The namespace a learner has after running these code cells, from the top, with nothing typed."""
    namespace: dict = {"display": lambda *args, **kwargs: None}
    for cell in cells:
        if cell.cell_type == "code":
            exec(compile(cell.source, "<cell>", "exec"), namespace)  # noqa: S102 - the kit's own notebooks
    return namespace


_NAMESPACES: dict[tuple[Path, int], dict] = {}


def _namespace(notebook: Path, index: int) -> dict:
    """The namespace after the cells above cell ``index``, computed once."""
    key = (notebook, index)
    if key not in _NAMESPACES:
        _NAMESPACES[key] = _execute(nbformat.read(notebook, as_version=4).cells[:index])
    return _NAMESPACES[key]


def _check_cell(notebook: Path, name: str) -> int:
    cells = nbformat.read(notebook, as_version=4).cells
    found = [i for i, c in enumerate(cells) if c.cell_type == "code" and _calls(c.source, name)]
    assert found, f"{notebook.name} calls no check {name}"
    return found[0]


# ----------------------------------------------------------------------------------------- what checks say


#: Calls whose text is an error for whoever writes a check, not feedback a learner sees.
AUTHOR_ERRORS = {"need_text", "need_items"}


def _literals(function: ast.AST) -> list[str]:
    """The string literals of a function, f-strings with a hole for each value; docstrings and the errors raised
    for the kit's authors (a check written wrongly) left out."""
    skip: set[int] = set()
    for node in ast.walk(function):
        call = isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in AUTHOR_ERRORS
        pattern = (  # a regular expression, such as re.search(r"\b(ISPs|operators)\b", name): not feedback
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "re"
        )
        if call or pattern or isinstance(node, ast.Raise):
            skip.update(id(n) for n in ast.walk(node))
        if isinstance(node, ast.FunctionDef | ast.ClassDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                skip.add(id(first.value))
        if isinstance(node, ast.JoinedStr):
            skip.update(id(value) for value in node.values)
    texts = []
    for node in ast.walk(function):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            texts.append(node.value)
        elif isinstance(node, ast.JoinedStr) and id(node) not in skip:
            parts = [v.value if isinstance(v, ast.Constant) else HOLE for v in node.values]
            texts.append("".join(parts))
    return texts


def source_texts(module) -> dict[str, list[str]]:
    """{function name: its string literals} for the top-level functions and classes of a checks module. The
    functions that choose a variant and write its prompts are left out: what they write is a task's text and its
    solution's code, which tests/test_variants.py runs, not feedback."""
    variants = getattr(module, "VARIANTS", None)
    writers = {f.__name__ for f in (variants._choose, variants._texts) if f is not None} if variants else set()
    tree = ast.parse(inspect.getsource(module))
    return {
        node.name: _literals(node)
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.ClassDef) and node.name not in writers
    }


def driven_texts(qualified: str, function) -> list[str]:
    """What a check says to right answers in their forms, near misses, misread answers and strange input."""
    answers: list[object] = list(STRANGE)
    if not qualified.startswith("start."):
        answers += [right_answer(qualified), *reasonable_forms(qualified), *near_misses(qualified)]
        answers += [answer() for name, answer, _ in MISREAD if name == qualified]
    else:
        answers += [2000, 2005, 2010, 2015, 2020, 51, 50.5]
    texts = []
    for answer in answers:
        feedback = function(answer)
        texts += [feedback.message, feedback.hint or ""]
    return texts


def _cases() -> list[tuple[str, Path, int, list[str]]]:
    """(what, notebook, the cell above which the texts must run, the texts) for every check and helper."""
    cases = []
    for notebook, module, checks in _exercises():
        first = min(_check_cell(notebook, name) for name in checks)
        for function, texts in source_texts(module).items():
            # A check's own texts run where it is called; a helper's, where the first check is.
            at = _check_cell(notebook, function) if function in checks else first
            cases.append((f"{module.__name__}.{function}", notebook, at, texts))
        # The readers' messages appear in every notebook that shows checks.
        for function, texts in source_texts(netgov.checks).items():
            cases.append((f"netgov.checks.{function}", notebook, first, texts))
        for name, qualified in checks.items():
            texts = driven_texts(qualified, getattr(module, name))
            cases.append((f"{qualified}, as answered", notebook, _check_cell(notebook, name), texts))
    return cases


# ----------------------------------------------------------------------------------------- running a fragment


def code_outside_backticks(text: str) -> list[str]:
    """Pieces of text that read as code but are not between backticks."""
    prose = FRAGMENT.sub(" ", text)
    return [match.group(0).strip() for pattern in CODE_LOOKING for match in pattern.finditer(prose)]


def _receivers(namespace: dict) -> list[object]:
    found: list[object] = list(ON_THE_WAY)
    for value in namespace.values():
        if isinstance(value, pd.DataFrame):
            found += [value, *(value[column] for column in value.columns)]
        elif isinstance(value, pd.Series | np.ndarray | list):
            found.append(value)
    return found


def run_fragment(fragment: str, namespace: dict) -> str | None:
    """None if the fragment runs in the namespace, else why not."""
    if re.match(r"\.[A-Za-z_]", fragment):
        for receiver in _receivers(namespace):
            try:
                eval(f"_receiver{fragment}", {**namespace, "_receiver": receiver})  # noqa: S307
            except Exception:  # noqa: BLE001, S112 - the method may not apply to this value
                continue
            return None
        return f"no table, column or value of the notebook has {fragment}"
    try:
        code = compile(fragment, "<hint>", "exec")
    except SyntaxError:
        return "it is not Python"
    try:
        exec(code, dict(namespace))  # noqa: S102 - the kit's own hints
    except Exception as error:  # noqa: BLE001 - any error is the finding
        return f"{type(error).__name__}: {error}"
    return None


def problems(texts: list[str], namespace: dict) -> list[str]:
    found = []
    for text in texts:
        for piece in code_outside_backticks(text.replace(HOLE, " ")):
            found.append(f"{piece!r} reads as code but is not between backticks, in {text!r}")
        for fragment in FRAGMENT.findall(text):
            if HOLE in fragment:
                continue  # made at run time: the driven answers reach it
            why = run_fragment(fragment, namespace)
            if why:
                found.append(f"`{fragment}` does not run ({why}), in {text!r}")
    return sorted(set(found))


# ----------------------------------------------------------------------------------------- the tests

CASES = _cases()


@pytest.mark.parametrize(("what", "notebook", "at", "texts"), CASES, ids=[f"{c[1].stem}-{c[0]}" for c in CASES])
def test_code_in_feedback_runs_where_it_is_shown(what, notebook, at, texts):
    found = problems(texts, _namespace(notebook, at))
    assert not found, f"{what}, shown in {notebook.name}:\n" + "\n".join(found)


EXERCISES = [ROOT / lesson.exercise_notebook for lesson in LESSONS if lesson.exercise]


@pytest.mark.parametrize("notebook", EXERCISES, ids=lambda p: p.name)
def test_worked_examples_in_the_tasks_run(notebook):
    cells = nbformat.read(notebook, as_version=4).cells
    found = []
    for index, cell in enumerate(cells):
        if cell.cell_type == "markdown":
            for example in FENCED.findall(cell.source):
                why = run_fragment(textwrap.dedent(example), _namespace(notebook, index))
                if why:
                    found.append(f"cell {index}: {example!r} does not run ({why})")
    assert not found, "\n".join(found)


def test_the_hint_test_catches_code_that_fails_or_hides():
    namespace = _execute([nbformat.v4.new_code_cell("from netgov import lesson3\nmodel = lesson3.topology()")])
    assert problems(["Use `lesson3.betweenness(model)`."], namespace) == []
    assert problems(["Use `.value_counts()`, then `len`."], namespace) == []
    failing = problems(["Compute `betweenness(model)`.", "Add: `(s ** 2).sum()`.", "Use `.mediam()`."], namespace)
    assert [f.split(" (")[0] for f in failing] == [
        "`(s ** 2).sum()` does not run",
        "`.mediam()` does not run",
        "`betweenness(model)` does not run",
    ]
    for hidden in ("Compute betweenness(topology('2009-all'))", "Square: (s ** 2).sum()", "take .dt.days", "df['a']"):
        found = problems([hidden], {})
        assert found and all("not between backticks" in f for f in found), hidden
    assert problems(["3 case(s) and a name (SNI)"], {}) == []
