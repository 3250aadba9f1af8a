"""What a learner does with each lesson's activities, written once for every front end.

Each driver takes a playwright page on which the lesson has rendered (in JupyterLab after Run All, or
in Voila), acts as a learner would (choose, tick, move a slider, click) and waits for the change the
action should cause. ``DRIVERS`` maps each registered lesson's notebook to its driver, and ``LESSONS`` each
notebook to its number of plotly figures (from the lesson registry) and its driver.
"""

from __future__ import annotations

from helpers import LESSON_FIGURES

OUTPUT_TEXT = ".jp-OutputArea-output p"


def wait_for_text(page, fragment: str) -> None:
    """Wait until some output paragraph contains ``fragment``."""
    page.wait_for_function(
        f"(s) => [...document.querySelectorAll('{OUTPUT_TEXT}')].some(p => p.textContent.includes(s))", arg=fragment
    )


def drive_start(page) -> None:
    assert page.locator(".widget-select-multiple").count() == 1
    assert page.locator(".widget-hslider, .widget-slider").count() >= 1
    assert page.locator(".js-plotly-plot .legendtext").count() == 3
    description = page.locator(OUTPUT_TEXT).filter(has_text="Line chart of internet users as a percentage")
    before = description.text_content()
    # Choose one country in the list, as a learner would with a click.
    page.locator(".widget-select-multiple select").select_option(label=["Kazakhstan"])
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .legendtext').length <= 1")
    # The description is a second widget, redrawn by a second message just after the chart's: wait for it too.
    page.wait_for_function(
        f"(before) => [...document.querySelectorAll('{OUTPUT_TEXT}')]"
        ".some(p => p.textContent.startsWith('Line chart of internet users') && p.textContent !== before)",
        arg=before,
    )
    assert "Kyrgyzstan" not in description.text_content()


def drive_lesson1(page) -> None:
    assert page.locator(".widget-radio-box").count() == 4  # the quiz
    # Activity 1: choose another provision; the card follows.
    page.locator(".widget-dropdown select").first.select_option(
        label="2009 internet law: Fast court procedure to block foreign sites"
    )
    page.get_by_role("heading", name="Fast court procedure to block foreign sites").wait_for()

    # Activity 3: untick a theme; the markers and the description under the timeline change.
    description = page.locator(OUTPUT_TEXT).filter(has_text="Timeline of")
    before = description.text_content()
    markers = page.locator(".js-plotly-plot .scatterlayer .point").count()
    page.get_by_label("Blocking powers").uncheck()
    page.wait_for_function(
        "(n) => document.querySelectorAll('.js-plotly-plot .scatterlayer .point').length < n", arg=markers
    )
    page.wait_for_function(
        f"(before) => [...document.querySelectorAll('{OUTPUT_TEXT}')]"
        ".some(p => p.textContent.startsWith('Timeline of') && p.textContent !== before)",
        arg=before,
    )
    assert "blocking powers" not in description.text_content()

    # The quiz answers a click with an explanation.
    page.locator(".widget-radio-box").first.get_by_text("Any internet resource").click()
    page.get_by_role("button", name="Check").first.click()
    page.get_by_text("Correct.").first.wait_for()


def drive_lesson2(page) -> None:
    # Positions map: move the year slider with the keyboard; the description follows.
    description = page.locator(OUTPUT_TEXT).filter(has_text="Grid of")
    assert "end of 2007" in description.text_content()
    handle = page.locator(".widget-slider .noUi-handle").last
    handle.focus()
    for _ in range(4):
        handle.press("ArrowRight")
    wait_for_text(page, "as of the end of 2011")

    # Commitments tracker: keep one status only.
    page.locator(".widget-select-multiple select").nth(2).select_option(label=["Not met"])
    page.get_by_text("1 commitment(s) shown.").wait_for()


def drive_lesson3(page) -> None:
    # Filter at a chokepoint: move the block to a foreign placeholder; the description follows.
    description = page.locator(OUTPUT_TEXT).filter(has_text="Network diagram:").first
    assert "cuts off 12 of 14 networks" in description.text_content()
    page.locator(".widget-dropdown select").nth(2).select_option(label="Foreign transit B")
    wait_for_text(page, "A block at Foreign transit B")


def drive_lesson4(page) -> None:
    # Detect the block: choose another method; the table follows.
    page.locator(".widget-dropdown select").nth(1).select_option(label="IP blocking")
    page.get_by_text("DNS is right but the TCP connection to the site's address fails").first.wait_for()

    # Claim checker: judge the LiveJournal claim.
    claim_list = page.locator(".widget-dropdown select").filter(has_text="LiveJournal stayed reachable")
    claim_list.select_option(label="The Russian-language version of LiveJournal stayed reachable.")
    verdict = page.locator(".widget-dropdown select").filter(has_text="Your verdict")
    verdict.select_option(label="No evidence found")
    page.locator(".widget-hbox").filter(has=verdict).get_by_role("button", name="Check").click()
    page.get_by_text("Agreed").first.wait_for()


def drive_lesson5(page) -> None:
    # Law comparator: keep one feature; the list under the chart follows.
    page.locator(".widget-select-multiple select").first.select_option(
        label=["Platforms must have a local representative"]
    )
    # The list under the chart is a bulleted list: the feature no longer chosen leaves it.
    page.wait_for_function(
        "() => { const items = [...document.querySelectorAll('.jp-OutputArea-output li')].map(li => li.textContent);"
        " return items.some(t => t.startsWith('Platforms must have a local representative, in order'))"
        " && !items.some(t => t.startsWith('Who may order a website blocked, in order')); }"
    )

    # Three-part test: rate one part, compare, and read the bodies' verdicts.
    rating = page.locator(".widget-dropdown select").filter(has_text="Your rating").first
    rating.select_option(label="Fails it")
    page.get_by_role("button", name="Compare").click()
    page.get_by_text("Compared.").first.wait_for()


DRIVERS = {
    "00-start-here.ipynb": drive_start,
    "01-the-2009-law.ipynb": drive_lesson1,
    "02-the-osce-dispute.ipynb": drive_lesson2,
    "03-one-gateway.ipynb": drive_lesson3,
    "04-blocked.ipynb": drive_lesson4,
    "05-among-neighbours.ipynb": drive_lesson5,
}
#: notebook -> (plotly figures it shows, what a learner does with it)
LESSONS = {name: (figures, DRIVERS[name]) for name, figures in LESSON_FIGURES.items() if name in DRIVERS}


def wait_for_figures(page, count: int) -> None:
    page.locator(".js-plotly-plot").nth(count - 1).wait_for()
    assert page.locator(".js-plotly-plot").count() == count
