"""The static edition: every lesson and exercise notebook as an HTML page that needs no kernel and no network.

``python -m netgov export`` (run in the kit's folder) executes each notebook in a fresh kernel and writes
``site/``: one page per notebook, the glossary, the class packs of the lessons that have a plan, an index, and
plotly's JavaScript once beside them, so that the figures stay interactive (hover, zoom) with no connection.
Widgets cannot work without a kernel: each activity is shown in its starting state (its figure, its text, the
value of each control) under a note that says where to use it. Solutions are never exported.

The edition exists for two audiences (:data:`AUDIENCES`). The students' edition, the default, is what a course
page may carry: lessons, exercises, the glossary and the students' packs. The instructors' edition adds the
documents in ``docs/`` (the instructor guide, the role-play notes) and the instructors' packs (run sheets,
answer keys, rubrics with anchor answers).
"""

from __future__ import annotations

import html
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import nbformat

from . import _notebooks
from ._validate import need_text
from .packs import AUDIENCES  # the two editions, the same as the class packs': students (the default), instructors

PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE_MIME = "application/vnd.jupyter.widget-state+json"
PLOTLY_JS = "plotly.min.js"
#: Folders exported, in the order of the index; solutions stay out of a page handed to students.
SECTIONS = (("notebooks", "Lessons"), ("exercises", "Exercises"))
BOXES = {"VBoxModel", "HBoxModel", "BoxModel", "GridBoxModel", "AccordionModel", "TabModel", "StackModel"}
CHOICE_LISTS = {"RadioButtonsModel"}
SINGLE_CHOICES = {"DropdownModel", "SelectModel", "ToggleButtonsModel", "SelectionSliderModel"}
VALUES = {
    "IntSliderModel",
    "FloatSliderModel",
    "IntRangeSliderModel",
    "FloatRangeSliderModel",
    "TextModel",
    "TextareaModel",
    "IntTextModel",
    "FloatTextModel",
    "BoundedIntTextModel",
    "BoundedFloatTextModel",
}

NOTE = (
    '<div class="netgov-static-note" role="note"><strong>Interactive activity.</strong> A static page cannot run '
    "code, so this activity is shown in its starting state. To use it, open <code>{notebook}</code> in "
    "JupyterLab, in Voila or on Binder (see the README).</div>"
)
STYLE = """
<style>
  /* Static edition: readable contrast for code and prompts (WCAG AA), and the activity notes. */
  .jp-RenderedHTMLCommon, .jp-InputArea-editor { color: #1a1a1a; }
  .jp-RenderedHTMLCommon a:link, .jp-RenderedHTMLCommon a:visited { text-decoration: underline; }
  .highlight .mi, .highlight .mf, .highlight .m { color: #005f00; }
  .highlight .c1, .highlight .c { color: #4d4d4d; }
  .netgov-static-note { border-left: 4px solid #0072B2; background: #eef6fb; padding: 0.6em 1em; margin: 0.5em 0; }
  .netgov-static-activity { border: 1px solid #c8c8c8; padding: 0.5em 1em; margin: 0.5em 0 1em; }
  .netgov-static-control { font-style: italic; }
</style>
"""


__all__ = ["AUDIENCES", "ExportError", "StaticWidgets", "export", "local_links_to_html", "make_static"]

#: Who an edition is for; the students' one is the default, and carries nothing meant for instructors only.


class ExportError(RuntimeError):
    """The kit's folder is not where the export looked, or a notebook failed to run."""


# --------------------------------------------------------------------------------------- widgets to HTML


def _figure_html(figure: dict, div_id: str) -> str:
    """A plotly figure (its JSON) as a div and a script; plotly.js itself is loaded once per page."""
    import plotly.io as pio

    config = {"displaylogo": False, "responsive": True}
    return pio.to_html(figure, include_plotlyjs=False, full_html=False, div_id=div_id, config=config)


class StaticWidgets:
    """Turns saved widget state into plain HTML, the way the widgets looked when the notebook finished."""

    def __init__(self, state: dict, notebook: str):
        if not isinstance(state, dict):
            raise TypeError(
                f"StaticWidgets needs the saved widget state (a dict of models), not {type(state).__name__}."
            )
        need_text(notebook, "StaticWidgets' notebook path")
        self.state = state
        self.notebook = notebook
        self.figures = 0

    def model(self, ref: str) -> tuple[str, dict]:
        entry = self.state.get(ref.removeprefix("IPY_MODEL_"), {})
        return entry.get("model_name", ""), entry.get("state", {})

    def output_html(self, output: dict) -> str:
        """One cell or Output-widget output as HTML (plotly figures, HTML, markdown, text)."""
        data = output.get("data", {})
        if PLOTLY_MIME in data:
            self.figures += 1
            return _figure_html(data[PLOTLY_MIME], f"figure-{self.figures}")
        if "text/html" in data:
            return "".join(data["text/html"])
        if "text/markdown" in data:
            from nbconvert.filters.markdown_mistune import markdown2html_mistune

            return markdown2html_mistune("".join(data["text/markdown"]))
        if output.get("output_type") == "stream":
            return f"<pre>{html.escape(''.join(output.get('text', '')))}</pre>"
        if "text/plain" in data:
            return f"<pre>{html.escape(''.join(data['text/plain']))}</pre>"
        return ""

    def render(self, ref: str) -> list[tuple[bool, str]]:
        """A widget as HTML parts; ``True`` marks a control's setting (a label and its starting value)."""
        name, state = self.model(ref)
        label = html.escape(state.get("description", "") or "") or "Setting"
        if name in BOXES:
            return [part for child in state.get("children", []) for part in self.render(child)]
        if name == "OutputModel":
            return [(False, "".join(self.output_html(o) for o in state.get("outputs", [])))]
        if name in ("HTMLModel", "HTMLMathModel"):
            return [(False, state.get("value", ""))]
        if name == "LabelModel":
            return [(False, f"<p>{html.escape(str(state.get('value', '')))}</p>")]
        if name in CHOICE_LISTS:
            items = "".join(f"<li>{html.escape(str(o))}</li>" for o in state.get("_options_labels", []))
            return [(False, f"<ul>{items}</ul>")]
        if name in SINGLE_CHOICES:
            labels, index = state.get("_options_labels", []), state.get("index")
            chosen = labels[index] if isinstance(index, int) and 0 <= index < len(labels) else "nothing chosen"
            return [(True, f"{label}: {html.escape(str(chosen))}")]
        if name == "SelectMultipleModel":
            labels = state.get("_options_labels", [])
            chosen = [str(labels[i]) for i in state.get("index", []) if 0 <= i < len(labels)]
            return [(True, f"{label}: {html.escape(', '.join(chosen) or 'nothing chosen')}")]
        if name in ("CheckboxModel", "ToggleButtonModel"):
            return [(True, f"{label}: {'ticked' if state.get('value') else 'not ticked'}")]
        if name in VALUES:
            value = state.get("value")
            if isinstance(value, list):
                value = " to ".join(map(str, value))
            return [(True, f"{label}: {html.escape(str(value))}")]
        return []  # buttons and anything else that only acts: nothing to show without a kernel

    @staticmethod
    def join(parts: list[tuple[bool, str]]) -> str:
        """Parts as HTML, each run of consecutive settings as one line."""
        out, settings = [], []
        for is_setting, text in [*parts, (False, "")]:
            if is_setting:
                settings.append(text)
                continue
            if settings:
                out.append(f'<p class="netgov-static-control">Starting settings: {"; ".join(settings)}.</p>')
                settings = []
            out.append(text)
        return "".join(out)

    def activity(self, ref: str) -> str:
        """A displayed widget: the note, then the widget's starting state in a frame."""
        body = self.join(self.render(ref))
        note = NOTE.format(notebook=html.escape(self.notebook))
        return f'{note}<div class="netgov-static-activity">{body}</div>'


def make_static(nb, notebook: str) -> int:
    """Replace widget views and plotly outputs of an executed notebook with plain HTML; return the figure count."""
    if not isinstance(nb, nbformat.NotebookNode):
        raise TypeError(f"make_static() needs an executed notebook (a NotebookNode), not {type(nb).__name__}.")
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE_MIME, {}).get("state", {})
    static = StaticWidgets(state, notebook)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_VIEW_MIME in data:
                replacement = static.activity(data[WIDGET_VIEW_MIME]["model_id"])
            elif PLOTLY_MIME in data:
                replacement = static.output_html(output)
            else:
                continue
            output["data"] = {"text/html": replacement}
    # Without saved state, nbconvert adds no widget manager script (which it would fetch from a CDN).
    nb.metadata.pop("widgets", None)
    return static.figures


# --------------------------------------------------------------------------------------- pages

LINK = re.compile(r"\]\((?!https?:|mailto:|#)([^)\s]+?)\.(ipynb|md)(#[^)]*)?\)")


def local_links_to_html(markdown: str) -> str:
    """Relative links to notebooks and markdown documents point at their exported pages instead."""
    need_text(markdown, "local_links_to_html()'s markdown")
    return LINK.sub(lambda m: f"]({m[1]}.html{m[3] or ''})", markdown)


def _execute(path: Path):
    """Run a notebook top to bottom in a fresh kernel, in its own folder; the executed notebook. The cell timeout
    is generous: the export runs on a teacher's computer, which may be slow."""
    return _notebooks.execute(path, timeout=300)


def _executed(path: Path, execute: Callable[[Path], nbformat.NotebookNode]):
    """``execute(path)``, with a failing cell reported as an ExportError that names the notebook."""
    from nbclient.exceptions import CellExecutionError

    try:
        return execute(path)
    except CellExecutionError as error:
        raise ExportError(
            f"{path.name} failed while running ({error.ename}: {error.evalue}), so no page was written. "
            "Run it in JupyterLab to see where."
        ) from None


def _first_heading(markdown: str, fallback: str) -> str:
    """The text of the first level-1 heading (``# ...``), or ``fallback``."""
    return next((line[2:].strip() for line in markdown.splitlines() if line.startswith("# ")), fallback)


def _page_title(nb, fallback: str) -> str:
    markdown = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")
    return _first_heading(markdown, fallback)


def _notebook_page(nb, title: str, depth: int) -> str:
    """An executed, made-static notebook as a complete HTML page."""
    from nbconvert import HTMLExporter

    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = local_links_to_html(cell.source)
    exporter = HTMLExporter(
        template_name="lab",
        template_file=str(Path(__file__).parent / "templates" / "static.html.j2"),
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    prefix = "../" * depth
    head = f'<script src="{prefix}{PLOTLY_JS}"></script>{STYLE}'
    return body.replace("</head>", head + "</head>", 1)


def _simple_page(title: str, body_html: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n"
        "<style>body{font-family:system-ui,sans-serif;max-width:50em;margin:2em auto;padding:0 1em;"
        "line-height:1.5;color:#1a1a1a}a{color:#0b5394}table{border-collapse:collapse}"
        "td,th{border:1px solid #999;padding:0.3em 0.6em}</style>\n"
        f"</head>\n<body>\n<main>\n{body_html}\n</main>\n</body>\n</html>\n"
    )


def _markdown_page(path: Path) -> tuple[str, str]:
    """A markdown document as (its title, a complete HTML page)."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    text = path.read_text(encoding="utf-8")
    title = _first_heading(text, path.stem)
    return title, _simple_page(title, markdown2html_mistune(local_links_to_html(text)))


def export(
    root: Path | str = ".",
    out: Path | str | None = None,
    log=print,
    execute: Callable[[Path], nbformat.NotebookNode] | None = None,
    audience: str = "students",
    packs: dict[int, dict] | None = None,
) -> dict[str, int]:
    """Write the static edition of the kit in ``root`` to ``out`` (default ``root/site``) for an ``audience``
    (``"students"``, the default, or ``"instructors"``).

    ``execute(path)`` returns a notebook executed with its widget state, as :func:`netgov._notebooks.execute`
    does (the default: each notebook runs in a fresh kernel). A caller that has already run the notebooks, like
    the test suite, passes its own, so that nothing runs twice; the notebook it returns is changed into the page.

    ``packs`` maps a lesson's number to the definition files its pack is made from (the keyword arguments of
    :func:`netgov.packs.build`, such as ``{"plan": path}``); by default every lesson with a ``plan.toml`` gets its
    pack, from the kit's own definitions.

    Returns ``{page path relative to out: number of plotly figures on it}`` for the notebook pages.
    """
    if audience not in AUDIENCES:
        raise ValueError(f"audience must be one of {', '.join(map(repr, AUDIENCES))}, not {audience!r}.")
    if execute is None:
        execute = _execute
    elif not callable(execute):
        raise TypeError(f"export()'s execute must be a function of a notebook's path, not {type(execute).__name__}.")
    root = Path(root).resolve()
    missing = [folder for folder, _ in SECTIONS if not (root / folder).is_dir()]
    if missing:
        raise ExportError(
            f"{root} is not the kit's folder: it has no {' or '.join(missing)} folder. "
            "Run the export in the folder that holds notebooks/ and exercises/, or pass root=."
        )
    out = Path(out).resolve() if out is not None else root / "site"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    import plotly

    shutil.copy(Path(plotly.__file__).parent / "package_data" / PLOTLY_JS, out / PLOTLY_JS)

    pages: dict[str, int] = {}
    from .freshness import as_of

    title = f"netgov: the static edition for {audience}"
    index = [f"<h1>{title}</h1>", STATIC_INTRO, f"<p>{html.escape(str(as_of()))}</p>"]
    for folder, heading in SECTIONS:
        (out / folder).mkdir()
        index.append(f"<h2>{heading}</h2><ul>")
        for path in _notebooks.notebooks(root, [folder]):
            log(f"running {folder}/{path.name}")
            nb = _executed(path, execute)
            relative = f"{folder}/{path.stem}.html"
            pages[relative] = make_static(nb, f"{folder}/{path.name}")
            title = _page_title(nb, path.stem)
            (out / relative).write_text(_notebook_page(nb, title, depth=1), encoding="utf-8")
            index.append(f'<li><a href="{relative}">{html.escape(title)}</a></li>')
        index.append("</ul>")
    docs = sorted((root / "docs").glob("*.md")) if (root / "docs").is_dir() and audience == "instructors" else []
    if docs:
        (out / "docs").mkdir()
        index.append("<h2>For instructors</h2><ul>")
        for path in docs:
            title, page = _markdown_page(path)
            (out / "docs" / f"{path.stem}.html").write_text(page, encoding="utf-8")
            index.append(f'<li><a href="docs/{path.stem}.html">{html.escape(title)}</a></li>')
        index.append("</ul>")
    from .glossary import handout

    (out / "glossary.html").write_text(handout(), encoding="utf-8")
    index.append(
        '<h2>Glossary</h2><ul><li><a href="glossary.html">The terms in English, Russian and Kazakh</a></li></ul>'
    )
    index += _packs(out, audience, packs)
    (out / "index.html").write_text(_simple_page(title, "\n".join(index)), encoding="utf-8")
    (out / "pages.json").write_text(json.dumps(pages, indent=1), encoding="utf-8")
    log(f"wrote {len(pages)} notebook pages and {len(docs)} documents to {out}")
    return pages


def _packs(out: Path, audience: str, sources: dict[int, dict] | None) -> list[str]:
    """Write the class packs for ``audience`` under ``out/packs``; the index's lines that link them."""
    from .lessons import lesson
    from .packs import PackError, build, lessons_with_plans

    chosen = {entry.number: {} for entry in lessons_with_plans()} if sources is None else sources
    if not chosen:
        return []
    lines = [f"<h2>Class packs for {audience}</h2><ul>"]
    for number, files in sorted(chosen.items()):
        entry = lesson(number)
        try:
            build(entry, audience, out / "packs" / f"lesson{number}", **files)
        except PackError as error:
            raise ExportError(f"The class pack of Lesson {number} cannot be made: {error}") from None
        link = f"packs/lesson{number}/index.html"
        lines.append(f'<li><a href="{link}">Lesson {number}: {html.escape(entry.title)}</a></li>')
    lines.append("</ul>")
    return lines


STATIC_INTRO = (
    "<p>These pages are the kit's notebooks, run once and saved as HTML. They need no Python and no network: "
    "open them in any browser, even from a USB stick. The figures respond to hover and zoom. The activities "
    "need a running kernel, so here they show their starting state; to use them, open the notebooks in "
    "JupyterLab, in Voila or on Binder.</p>"
)
