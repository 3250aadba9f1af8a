"""The start notebook, opened and run in JupyterLab in a real browser."""

from __future__ import annotations

import os

from browserkit import error_texts, open_and_run


def test_start_notebook_runs_and_its_widget_responds(page, lab_url):
    assert open_and_run(page, lab_url, "notebooks/00-start-here.ipynb"), "Run All reported a failing cell"
    # No kernel picker: the notebook names its kernel.
    assert page.get_by_text("Select Kernel").count() == 0
    assert error_texts(page) == []
    assert page.external_requests == [], "the page asked for something outside this machine"
    plot = page.locator(".js-plotly-plot").first
    plot.wait_for()
    assert page.locator(".widget-select-multiple").count() == 1
    assert page.locator(".widget-hslider, .widget-slider").count() >= 1
    legend = page.locator(".js-plotly-plot .legendtext")
    assert legend.count() == 3
    description = page.locator(".jp-OutputArea-output p").filter(
        has_text="Line chart of internet users as a percentage"
    )
    before = description.text_content()
    # Choose one country in the list, as a learner would with a click.
    page.locator(".widget-select-multiple select").select_option(label=["Kazakhstan"])
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .legendtext').length <= 1")
    assert description.text_content() != before
    assert "Kyrgyzstan" not in description.text_content()
    if os.environ.get("NETGOV_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["NETGOV_SCREENSHOTS"], "start-here.png"), full_page=True)
