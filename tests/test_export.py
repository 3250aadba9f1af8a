"""The static edition (`python -m netgov export`): pages that need no kernel and no network.

The export itself runs once per session (the ``static_site`` fixture), from the notebooks the session has
already run for other tests; how the pages look in a browser, and whether they pass axe-core, is in
``tests/browser/test_static_edition.py``.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from helpers import LESSON_FIGURES, ROOT, displayed_widgets

import netgov
from netgov._notebooks import notebooks
from netgov.export import NOTE, ExportError, StaticWidgets, export, local_links_to_html
from netgov.lessons import LESSONS

NOTE_START = NOTE.split("{")[0]


def notebook_pages():
    for path in notebooks(ROOT):
        yield f"{path.parent.name}/{path.stem}.html", path


@pytest.mark.parametrize("page, notebook", list(notebook_pages()), ids=lambda v: str(v).split("/")[-1])
def test_every_notebook_has_a_page_with_its_figures_and_a_note_for_each_activity(static_site, page, notebook):
    site, pages = static_site
    text = (site / page).read_text(encoding="utf-8")
    if notebook.parent.name == "notebooks":
        assert pages[page] == LESSON_FIGURES[notebook.name]
    # Each figure is a plotly div drawn by a script; plotly.js is loaded once, from beside the pages.
    assert text.count('class="plotly-graph-div"') == pages[page]
    assert text.count("Plotly.newPlot(") == pages[page]
    assert text.count('<script src="../plotly.min.js"></script>') == 1
    # No widget is left for a kernel to fill: each one became a note and its starting state.
    assert "application/vnd.jupyter.widget" not in text
    assert text.count(NOTE_START) == displayed_widgets(notebook)


def test_lessons_show_their_figures(static_site):
    _, pages = static_site
    assert all(pages[f"notebooks/{name[:-6]}.html"] == n > 0 for name, n in LESSON_FIGURES.items())


def test_pages_load_nothing_from_the_network(static_site):
    site, _ = static_site
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        loaded = re.findall(r'<(?:script|link|img|iframe)[^>]*?(?:src|href)="([^"]*)"', text)
        assert [url for url in loaded if re.match(r"(https?:)?//", url)] == [], page.name
        assert 'src=""' not in text, page.name
        assert "@import url(http" not in text, page.name


def test_plotly_js_travels_once_beside_the_pages(static_site):
    site, _ = static_site
    assert [p.relative_to(site).as_posix() for p in site.rglob("*.js")] == ["plotly.min.js"]
    assert (site / "plotly.min.js").stat().st_size > 1_000_000


def test_relative_links_resolve_inside_the_site(static_site):
    site, _ = static_site
    for page in site.rglob("*.html"):
        for target in re.findall(r'href="([^"#]+)(?:#[^"]*)?"', page.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", target):
                continue  # a source on the web: a link, not something the page loads
            assert (page.parent / target).resolve().is_file(), f"{page.relative_to(site)} links to missing {target}"


def test_solutions_and_notebooks_are_not_shipped(static_site):
    site, _ = static_site
    assert not (site / "exercises" / "solutions").exists()
    assert list(site.rglob("*.ipynb")) == []
    assert "solutions" not in (site / "index.html").read_text(encoding="utf-8").lower()


def test_index_lists_every_page(static_site):
    site, pages = static_site
    index = (site / "index.html").read_text(encoding="utf-8")
    for page in pages:
        assert f'href="{page}"' in index
    assert 'href="docs/instructor-guide.html"' in index
    assert 'href="glossary.html"' in index
    from netgov.glossary import handout

    assert (site / "glossary.html").read_text(encoding="utf-8") == handout()
    assert '<html lang="en">' in index


def test_the_index_and_every_lesson_page_say_how_current_the_data_is(static_site):
    site, pages = static_site
    line = html.escape(str(netgov.as_of()))
    assert line in (site / "index.html").read_text(encoding="utf-8")
    lessons = [page for page in pages if page.startswith("notebooks/")]
    assert len(lessons) == len(LESSONS)  # the start notebook and every lesson
    for page in lessons:
        assert line in (site / page).read_text(encoding="utf-8"), page


def test_the_figure_description_follows_each_lesson_figure(static_site):
    site, _ = static_site
    text = (site / "notebooks" / "01-the-2009-law.html").read_text(encoding="utf-8")
    after = text[text.index('class="plotly-graph-div"') :]
    assert re.search(r"Timeline of \d+ legal acts", after[:20_000])  # the count follows the data


# ------------------------------------------------------------------------------- pieces, without a kernel


def state(**models):
    return {key: {"model_name": name, "state": values} for key, (name, values) in models.items()}


def test_controls_show_their_starting_settings_on_one_line():
    widgets = StaticWidgets(
        state(
            box=("VBoxModel", {"children": ["IPY_MODEL_a", "IPY_MODEL_b", "IPY_MODEL_c", "IPY_MODEL_d"]}),
            a=("CheckboxModel", {"description": "Blocking", "value": True}),
            b=("DropdownModel", {"description": "Case", "_options_labels": ["One", "Two"], "index": 1}),
            c=("IntRangeSliderModel", {"description": "Years", "value": [2008, 2012]}),
            d=("HTMLModel", {"value": "<p>Card</p>"}),
        ),
        "notebooks/x.ipynb",
    )
    page = widgets.activity("box")
    assert "Starting settings: Blocking: ticked; Case: Two; Years: 2008 to 2012.</p><p>Card</p>" in page
    assert "notebooks/x.ipynb" in page and NOTE_START in page


def test_empty_choices_unknown_models_and_missing_references_do_not_break_a_page():
    widgets = StaticWidgets(
        state(
            box=("HBoxModel", {"children": ["IPY_MODEL_a", "IPY_MODEL_b", "IPY_MODEL_gone", "IPY_MODEL_c"]}),
            a=("DropdownModel", {"description": "Case", "_options_labels": ["One"], "index": None}),
            b=("SomeFutureModel", {"value": 3}),
            c=("SelectMultipleModel", {"description": "Countries", "_options_labels": ["KZ"], "index": []}),
        ),
        "n.ipynb",
    )
    assert "Case: nothing chosen; Countries: nothing chosen." in widgets.activity("box")


def test_output_widgets_keep_text_and_turn_figures_into_plotly_divs():
    figure = {"data": [{"type": "scatter", "x": [1], "y": [2]}], "layout": {"title": {"text": "T"}}}
    widgets = StaticWidgets(
        state(
            out=(
                "OutputModel",
                {
                    "outputs": [
                        {"output_type": "display_data", "data": {"application/vnd.plotly.v1+json": figure}},
                        {"output_type": "stream", "name": "stdout", "text": "a < b"},
                        {"output_type": "display_data", "data": {"text/markdown": "**bold**"}},
                    ]
                },
            )
        ),
        "n.ipynb",
    )
    page = widgets.activity("out")
    assert 'id="figure-1"' in page and "Plotly.newPlot" in page
    assert "<pre>a &lt; b</pre>" in page and "<strong>bold</strong>" in page
    assert widgets.figures == 1


@pytest.mark.parametrize(
    "markdown, expected",
    [
        ("[Lesson 1](01-the-2009-law.ipynb)", "[Lesson 1](01-the-2009-law.html)"),
        ("[ex](../exercises/01-x.ipynb#task-2)", "[ex](../exercises/01-x.html#task-2)"),
        ("[play](../docs/roleplay.md)", "[play](../docs/roleplay.html)"),
        ("[web](https://example.org/a.ipynb)", "[web](https://example.org/a.ipynb)"),
    ],
)
def test_links_to_notebooks_and_documents_point_at_their_pages(markdown, expected):
    assert local_links_to_html(markdown) == expected


# ------------------------------------------------------------------------------- bad input


def test_export_outside_the_kit_says_where_to_run_it(tmp_path):
    with pytest.raises(ExportError, match="not the kit's folder: it has no notebooks or exercises folder"):
        export(tmp_path, tmp_path / "site", log=lambda m: None)


def kit_with_one_lesson(root, *sources):
    """A folder laid out like the kit, with one lesson whose code cells are ``sources``; its path."""
    for folder in ("notebooks", "exercises"):
        (root / folder).mkdir()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in sources])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, root / "notebooks" / "lesson.ipynb")
    return root / "notebooks" / "lesson.ipynb"


def test_notebooks_run_elsewhere_are_exported_without_running_again(tmp_path):
    lesson = kit_with_one_lesson(tmp_path, "1 + 1")
    ran = []

    def already_run(path):
        ran.append(path)
        nb = nbformat.read(path, as_version=4)
        nb.cells.insert(0, nbformat.v4.new_markdown_cell("# Run elsewhere"))
        nb.cells[1].outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=1)]
        return nb

    pages = export(tmp_path, tmp_path / "site", log=lambda m: None, execute=already_run)
    assert ran == [lesson.resolve()]  # and no kernel: this test is in the unit tier, where starting one fails
    assert pages == {"notebooks/lesson.html": 0}
    page = (tmp_path / "site" / "notebooks" / "lesson.html").read_text(encoding="utf-8")
    assert "<title>Run elsewhere</title>" in page and "<pre>2</pre>" in page


@pytest.mark.notebooks
def test_a_failing_notebook_is_named_and_nothing_half_done_is_passed_off(tmp_path):
    kit_with_one_lesson(tmp_path, "1 / 0")
    with pytest.raises(ExportError, match=r"lesson.ipynb failed while running \(ZeroDivisionError: division by zero\)"):
        export(tmp_path, tmp_path / "site", log=lambda m: None)
    assert not (tmp_path / "site" / "index.html").exists()


def test_command_line_refuses_a_folder_that_is_not_the_kit(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "netgov", "export", "--out", str(tmp_path / "site")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2
    assert "not the kit's folder" in run.stderr
    assert not Path(tmp_path / "site").exists()
