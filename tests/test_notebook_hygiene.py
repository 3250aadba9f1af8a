"""Committed notebooks are valid, open without a kernel prompt, and carry no outputs or widget state."""

from __future__ import annotations

import json
import os

import nbformat
import pytest
from helpers import ROOT, all_notebooks

NOTEBOOKS = all_notebooks()
MAX_BYTES = 100_000


def test_there_are_notebooks():
    assert (ROOT / "notebooks" / "00-start-here.ipynb") in NOTEBOOKS


def notebooks_anywhere(root):
    """Every notebook under ``root``, in any folder but hidden ones (.git, .venv, .ipynb_checkpoints)."""
    found = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        found.extend(os.path.join(folder, name) for name in files if name.endswith(".ipynb"))
    return sorted(found)


def test_every_notebook_of_the_repository_is_in_a_folder_the_suite_checks():
    # The suite lists folders by name (helpers.ALL_FOLDERS); a notebook elsewhere would escape every check.
    assert notebooks_anywhere(ROOT) == sorted(str(path) for path in NOTEBOOKS)


def test_the_notebook_search_sees_subfolders(tmp_path):
    (tmp_path / "a" / ".ipynb_checkpoints").mkdir(parents=True)
    for name in ("top.ipynb", "a/deep.ipynb", "a/.ipynb_checkpoints/deep-checkpoint.ipynb"):
        (tmp_path / name).write_text("{}")
    assert notebooks_anywhere(tmp_path) == [str(tmp_path / "a" / "deep.ipynb"), str(tmp_path / "top.ipynb")]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_is_clean(path):
    assert path.stat().st_size < MAX_BYTES, f"{path.name} is {path.stat().st_size} bytes"
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    kernelspec = nb.metadata.get("kernelspec", {})
    assert kernelspec.get("name") == "python3", "kernelspec metadata missing: JupyterLab would ask for a kernel"
    assert "widgets" not in nb.metadata, "saved widget state (strip it with nbstripout)"
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"cell {index} has committed outputs (strip them with nbstripout)"
            assert cell.execution_count is None, f"cell {index} has an execution count"


def test_hygiene_check_catches_outputs(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    cell = nbformat.v4.new_code_cell("1 + 1")
    cell.outputs = [nbformat.v4.new_output("execute_result", data={"text/plain": "2"}, execution_count=1)]
    nb.cells.append(cell)
    path = tmp_path / "dirty.ipynb"
    path.write_text(json.dumps(nb))
    with pytest.raises(AssertionError, match="committed outputs"):
        test_notebook_is_clean(path)


LINK = __import__("re").compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def _relative_links(text):
    return [t for t in LINK.findall(text) if not t.startswith(("http://", "https://", "mailto:"))]


@pytest.mark.parametrize(
    "path", [*NOTEBOOKS, ROOT / "README.md", ROOT / "data" / "README.md"], ids=lambda p: str(p.relative_to(ROOT))
)
def test_relative_links_resolve(path):
    if path.suffix == ".ipynb":
        nb = nbformat.read(path, as_version=4)
        text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    else:
        text = path.read_text()
    broken = [t for t in _relative_links(text) if not (path.parent / t).exists()]
    assert not broken, f"{path.name} links to missing files: {broken}"


def test_link_check_catches_a_broken_link():
    assert _relative_links("[a](missing.ipynb) [b](https://x.org) [c](ok.md#part)") == ["missing.ipynb", "ok.md"]


# Only a cell's last expression is displayed: a value computed on an earlier line is lost unless it is
# wrapped in display(). These are the expressions that do nothing but produce a value to look at.
_PURE_METHODS = {"head", "tail", "value_counts", "describe", "unique", "sum", "mean", "median", "count", "sort_values"}


def undisplayed_values(source: str) -> list[str]:
    """Lines of a code cell whose value is computed to be looked at but is never shown."""
    import ast

    try:
        statements = ast.parse(source).body
    except SyntaxError:
        return []
    lost = []
    for statement in statements[:-1]:
        if not isinstance(statement, ast.Expr):
            continue
        value = statement.value
        pure_call = (
            isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr in _PURE_METHODS
        )
        if pure_call or isinstance(value, ast.Name | ast.Attribute | ast.Subscript | ast.BinOp | ast.Compare):
            lost.append(ast.get_source_segment(source, statement))
    return lost


@pytest.mark.parametrize("path", all_notebooks(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_computed_value_is_shown(path):
    notebook = nbformat.read(path, as_version=4)
    lost = [line for cell in notebook.cells if cell.cell_type == "code" for line in undisplayed_values(cell.source)]
    assert lost == [], f"{path.name}: these values are computed but never displayed (wrap them in display()): {lost}"


def test_undisplayed_value_check_catches_a_bare_expression():
    assert undisplayed_values("answer = 3\nanswer\ncheck(answer)") == ["answer"]
    assert undisplayed_values("counts.head()\ncheck(1)") == ["counts.head()"]
    assert undisplayed_values("display(answer)\nprint(2)\ncheck(answer)") == []
    assert undisplayed_values("answer\n") == []  # the last expression is displayed
