"""Projector mode: each lesson in Voila, sized for a classroom projector.

A projector of 1280x720 pixels, with the browser zoomed to 150 % so that the back row can read it, leaves the
page 853x480 CSS pixels (:data:`SCREEN`). Projector mode fits a lesson to that screen in two places:

* the page: the Voila template ``netgov-projector`` (this package's ``jupyter/voila/templates``) is Voila's own
  ``lab`` template with a stylesheet added: body text of at least 16 CSS pixels, tables that wrap their cells
  instead of scrolling sideways, rows of controls that wrap;
* the kernel: :func:`active` tells the activities that they are being projected, and then no figure is taller
  than :data:`FIGURE_HEIGHT` (:func:`netgov.figures.fit_screen`, :func:`netgov.figures.fit_rows`).

The kit already shows its lessons with Voila (dashboard mode), so a Voila template adds no dependency and works
wherever Voila does (a laptop, a JupyterHub, Binder). A slides extension (Voila's reveal template, RISE) would
need every cell of every lesson cut into slides in its metadata, kept in step with the text by hand.

``python -m netgov project LESSON`` starts Voila with both switched on (:func:`voila_command`). On a server where
Voila already runs, adding ``?template=netgov-projector`` to a lesson's address does the same, once the kit is
installed with pip (which puts the template where Voila looks).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import parse_qs

__all__ = [
    "ENV",
    "FIGURE_HEIGHT",
    "SCREEN",
    "TEMPLATE",
    "active",
    "template_root",
    "voila_command",
    "voila_environment",
]

#: The page a 1280x720 projector gives at 150 % zoom, in CSS pixels: (width, height).
SCREEN = (853, 480)
#: The tallest figure in projector mode: the screen's height less a strip, so that the control or heading
#: above a figure stays in sight while the figure is whole on the screen.
FIGURE_HEIGHT = 460
#: The Voila template's name.
TEMPLATE = "netgov-projector"
#: Set to ``1`` in Voila's environment (``python -m netgov project`` does), every lesson's kernel is projected.
ENV = "NETGOV_PROJECTOR"


def template_root() -> Path:
    """The folder to add to ``JUPYTER_PATH`` for Voila to find the template (``<it>/voila/templates/...``)."""
    return Path(__file__).resolve().parent / "jupyter"


def active() -> bool:
    """Whether this kernel runs a lesson for a projector.

    True when Voila was started with :data:`ENV` set to ``1``, or when the page was asked for with the projector
    template (Voila passes a page's query string to its kernel as ``QUERY_STRING``).
    """
    if os.environ.get(ENV) == "1":
        return True
    query = parse_qs(os.environ.get("QUERY_STRING", ""))
    return TEMPLATE in query.get("template", [])


def voila_command(target: str | os.PathLike, *, port: int | None = None) -> tuple[list[str], dict[str, str]]:
    """The command and environment that serve ``target`` (a notebook or a folder of them) in projector mode.

    Voila runs in this interpreter's environment, finds the template through ``JUPYTER_PATH`` (also when the kit
    runs from a source folder) and passes :data:`ENV` on to every kernel it starts.
    """
    if not isinstance(target, str | os.PathLike):
        raise TypeError(f"voila_command() needs a notebook or folder path, not {type(target).__name__}.")
    if port is not None and (isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536):
        raise ValueError(f"voila_command(port=...) must be a TCP port from 1 to 65535, not {port!r}.")
    cmd = [sys.executable, "-m", "voila", str(target), f"--template={TEMPLATE}"]
    if port is not None:
        cmd.append(f"--port={port}")
    return cmd, {**voila_environment(), ENV: "1"}


def voila_environment() -> dict[str, str]:
    """This process's environment with :func:`template_root` first on ``JUPYTER_PATH``: a Voila started with it
    serves the projector template (``?template=netgov-projector``) however the kit was installed."""
    paths = [str(template_root()), *filter(None, os.environ.get("JUPYTER_PATH", "").split(os.pathsep))]
    return dict(os.environ, JUPYTER_PATH=os.pathsep.join(paths))
