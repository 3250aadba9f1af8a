"""Helpers for the browser tests: find Chromium, start servers, drive JupyterLab.

Uses Debian's chromium through playwright (nothing is downloaded). Without chromium or playwright
these tests skip with the reason, except under CI (CI=true), where they must run.
"""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM_FLAGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def need_browser():
    """Skip (or, under CI, fail) when the browser stack is missing."""
    missing = []
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing.append("the playwright package (pip install '.[test]')")
    if not chromium_path():
        missing.append("Debian's chromium (apt-get install chromium)")
    if missing:
        reason = "browser tests need " + " and ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(reason + "; .ci/run installs them")
        pytest.skip(reason)


def open_and_run(page, lab_url: str, notebook: str) -> bool:
    """Open a notebook in JupyterLab, wait for its kernel, run every cell; True when all succeeded."""
    page.goto(f"{lab_url}/lab/tree/{notebook}?reset")
    page.wait_for_function(
        "() => window.jupyterapp?.shell.currentWidget?.sessionContext?.session?.kernel?.status === 'idle'",
        timeout=90_000,
    )
    ok = page.evaluate("async () => await window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(
        "() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'",
        timeout=120_000,
    )
    return bool(ok)


def error_texts(page) -> list[str]:
    """Tracebacks and widget failures visible on the page."""
    found = []
    for text in page.locator('[data-mime-type="application/vnd.jupyter.stderr"]').all_inner_texts():
        if "Traceback" in text or "Error" in text:
            found.append(text[:500])
    found.extend(page.get_by_text("Error displaying widget").all_inner_texts())
    return found


#: Requests that Voila 0.5.13's lab template makes by itself (FontAwesome icon CSS); offline they fail
#: and only icons are missing. Listed in docs/jupyterhub.md; the kit makes no request of its own.
VOILA_OWN_REQUESTS = {
    "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@%5E5/css/all.min.css",
    "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@%5E5/css/v4-shims.min.css",
}


#: What a learner cannot read in a widget: a slider's value cut short, a choice cut in a dropdown, options hidden
#: below a multiple choice's visible rows, a description cut. Measured in the page, on the rendered widgets.
CUT_TEXT_SCRIPT = """() => {
  const found = [];
  const context = document.createElement('canvas').getContext('2d');
  const width = (element, text) => {
    const style = getComputedStyle(element);
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    return context.measureText(text).width;
  };
  for (const el of document.querySelectorAll('.widget-readout')) {
    if (el.offsetParent && el.scrollWidth > el.clientWidth + 1) found.push(`slider value cut: ${el.textContent}`);
  }
  for (const el of document.querySelectorAll('.widget-label, .widget-label-basic')) {
    if (el.offsetParent && el.scrollWidth > el.clientWidth + 1) found.push(`label cut: ${el.textContent}`);
  }
  for (const select of document.querySelectorAll('.widget-dropdown select')) {
    for (const option of select.offsetParent ? select.options : []) {
      if (width(select, option.text) > select.clientWidth - 28) found.push(`dropdown choice cut: ${option.text}`);
    }
  }
  for (const select of document.querySelectorAll('.widget-select-multiple select')) {
    if (select.offsetParent && select.size < select.options.length) {
      found.push(`multiple choice shows ${select.size} of ${select.options.length}: ${select.options[0].text}...`);
    }
  }
  return found;
}"""


def cut_texts(page) -> list[str]:
    """Widget texts a learner cannot read whole on the page (see CUT_TEXT_SCRIPT)."""
    return page.evaluate(CUT_TEXT_SCRIPT)


def new_page(browser, **context_options):
    """A context and a tab in it (``context_options`` as for ``browser.new_context``); the tab's
    ``external_requests`` lists every request it makes to anything but this machine."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.external_requests = []
    page.on("request", lambda request: _record(page, request.url))
    return context, page


def _record(page, url: str) -> None:
    from urllib.parse import urlparse

    host = urlparse(url).hostname or ""
    if url.startswith(("http://", "https://", "ws://", "wss://")) and host not in ("127.0.0.1", "localhost", "::1"):
        page.external_requests.append(url)
