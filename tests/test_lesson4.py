"""Lesson 4's widgets and exercise checks, driven headlessly."""

from __future__ import annotations

import nbformat
import pandas as pd
import plotly.graph_objects as go
import pytest
from answers import right_answers
from helpers import ROOT
from test_diagrams import WIDTHS, _box_covers_circle, _boxes_overlap, _geometry

import netgov
from netgov import lesson4
from netgov.lesson4 import checks as check
from netgov.packs._pages import shown_answer

# How a browser opens a site ------------------------------------------------------------------------------


def test_the_steps_come_in_the_browser_s_order_and_place_every_method_once():
    table = lesson4.connection_table()
    assert table["name"].tolist() == ["DNS lookup", "TCP connection", "TLS handshake", "HTTP request"]
    assert table["step"].tolist() == [1, 2, 3, 4]
    placed = [method for step in lesson4.STEPS for method in step["methods"]]
    simulated = set(netgov.load("detection_signatures")["method"]) - {"none"}
    assert len(placed) == len(set(placed)) and set(placed) | set(lesson4.ANY_STEP) == simulated
    assert not set(placed) & set(lesson4.ANY_STEP)
    step_of = {method: step["name"] for step in lesson4.STEPS for method in step["methods"]}
    assert step_of["dns"] == "DNS lookup" and step_of["ip"] == "TCP connection"
    assert step_of["tls_sni"] == step_of["tls_mitm"] == "TLS handshake" and step_of["http_url"] == "HTTP request"
    # The methods carry the simulation's names, so that the diagram and "Detect the block" agree.
    assert table.set_index("name").loc["TLS handshake", "methods"] == (
        "TLS filtering by server name (SNI); TLS interception (man in the middle)"
    )
    # Over HTTPS only the request for the page is hidden; the site's name is readable twice.
    assert table["encrypted"].tolist() == [False, False, False, True]
    assert table[table["path_reads"].str.contains("name")]["name"].tolist() == ["DNS lookup", "TLS handshake"]


def _method_traces(fig) -> dict:
    labels = set(netgov.load("detection_signatures")["label"])
    return {trace.name: trace for trace in fig.data if trace.name in labels}


def test_the_diagram_draws_each_method_at_its_step_named_and_in_its_own_shape():
    fig = lesson4.connection_steps()
    labels = netgov.load("detection_signatures").set_index("method")["label"]
    traces = _method_traces(fig)
    assert len(traces) == sum(len(step["methods"]) for step in lesson4.STEPS)
    for step in lesson4.STEPS:
        for method in step["methods"]:
            trace = traces[labels[method]]
            assert trace.y == (step["step"],) and trace.text[0], f"{method} is not drawn, named, at its step"
    symbols = [trace.marker.symbol for trace in traces.values()]
    assert len(set(symbols)) == len(symbols)
    assert {t.name: t.line.dash for t in fig.data if t.mode == "lines"} == {
        "Readable on the way": "solid",
        "Encrypted (HTTPS)": "dash",
    }
    ends = next(t for t in fig.data if t.name == "Resolver or server")
    assert list(ends.text) == ["DNS resolver", "Site's server", "Site's server", "Site's server"]
    assert fig.layout.height <= 480  # a projector's screen at 150% zoom


@pytest.mark.parametrize("width", WIDTHS)
def test_the_diagram_s_labels_overlap_nothing_and_stay_in_the_plot(width):
    markers, labels, _, plot = _geometry(lesson4.connection_steps(), width)
    assert len(labels) == 4 + 4 + 5  # the ends, what is seen on the way, the methods
    for i, label in enumerate(labels):
        box = label["box"]
        assert plot[0] <= box[0] and plot[1] <= box[1] and box[2] <= plot[2] and box[3] <= plot[3], label["name"]
        for other in labels[i + 1 :]:
            assert not _boxes_overlap(box, other["box"]), f"{label['name']} overlaps {other['name']}"
        for marker in markers:
            if marker is not label["owner"]:
                assert not _box_covers_circle(box, marker["centre"], marker["radius"]), (label["name"], marker)


def test_the_diagram_s_description_names_every_step_end_and_method():
    cells = nbformat.read(ROOT / "notebooks" / "04-blocked.ipynb", as_version=4).cells
    at = next(i for i, c in enumerate(cells) if c.cell_type == "code" and "connection_steps()" in c.source)
    description = " ".join(cells[at + 1].source.split())
    assert description.startswith("**Figure description.**")
    for step in lesson4.STEPS:
        assert f"{step['step']}. {step['name']}" in description
        assert step["talks_to"].lower() in description.lower()
    for trace in _method_traces(lesson4.connection_steps()).values():
        assert trace.text[0] in description, trace.text[0]


def test_the_quiz_asks_what_of_an_https_address_can_be_read_on_the_way():
    question = next(q for q in lesson4.quiz_questions() if "https://example.org/news/today" in q.question)
    position = {choice.text: i for i, choice in enumerate(question.choices)}

    def choice(fragment: str) -> int:
        return next(i for text, i in position.items() if fragment in text)

    assert question.answer(choice("in the DNS lookup and in the ClientHello")) is True
    # Near misses: half the answer, the plain-HTTP answer, and the belief that HTTPS hides everything.
    for fragment, explained_by in [
        ("but only in the DNS lookup", "ClientHello"),
        ("The whole address", "inside the encrypted TLS connection"),
        ("Nothing", "ClientHello itself travel in the clear"),
    ]:
        assert question.answer(choice(fragment)) is False
        assert explained_by in question.choices[choice(fragment)].why


# Case explorer ----------------------------------------------------------------------------------------


def test_case_explorer_filters_and_shows_a_card():
    explorer = lesson4.CaseExplorer()
    assert f"Timeline of {len(netgov.load('blocking_cases'))} cases" in explorer.text.value
    explorer.methods.value = ("shutdown",)
    shown = explorer.selection()
    assert len(shown) == 6 and shown["methods"].str.contains("shutdown").all()
    explorer.picker.value = "bc-blackout-2022"
    assert "Nationwide internet" in explorer.detail.value and "<ol" in explorer.detail.value


def test_case_explorer_draws_open_ended_cases_as_markers():
    explorer = lesson4.CaseExplorer(years=(2014, 2015))
    markers = [t for t in explorer.figure.data if t.mode == "markers"]
    assert sum(len(t.x) for t in markers) == len(explorer.selection())
    assert explorer.figure.layout.xaxis.tickformat == "%Y"


def test_case_explorer_with_nothing_selected_says_so():
    explorer = lesson4.CaseExplorer()
    explorer.kinds.value = ()
    assert len(explorer.figure.data) == 0
    assert "No case matches" in explorer.text.value and explorer.detail.value == ""
    with pytest.raises(ValueError, match="years must be"):
        lesson4.CaseExplorer(years=(1990, 2000))


# Detect the block ---------------------------------------------------------------------------------------


def test_every_method_has_a_signature_and_a_control():
    detect = lesson4.DetectTheBlock()
    for method in netgov.load("detection_signatures")["method"]:
        detect.method.value = method
        html = detect.text.value
        assert "Teaching simulation" in html and "Control vantage point" in html and "Telltale sign" in html
    with pytest.raises(ValueError, match="Unknown method"):
        lesson4.DetectTheBlock(method="magic")


def test_mystery_measurement_gives_feedback_and_is_reproducible():
    first = lesson4.MysteryMeasurement(seed=1)
    again = lesson4.MysteryMeasurement(seed=1)
    assert first.order == again.order
    assert first.check(first.secret) is True and "Correct" in first.feedback.value
    wrong = next(m for m in first.order if m != first.secret)
    assert first.check(wrong) is False and "Not quite" in first.feedback.value
    assert first.check(None) is False and "Choose a method" in first.feedback.value
    secret = first.secret
    first.next_button.click()
    assert first.position == 1 and first.secret != secret
    with pytest.raises(ValueError, match="Unknown method"):
        first.check("magic")


# Collateral damage --------------------------------------------------------------------------------------


def test_collateral_arithmetic_and_errors():
    assert lesson4.collateral(2, 100) == {"targeted": 2, "unrelated": 98, "per_target": 49.0, "unrelated_share": 0.98}
    with pytest.raises(ValueError, match="cannot exceed"):
        lesson4.collateral(5, 3)
    with pytest.raises(ValueError, match="at least 1"):
        lesson4.collateral(0, 3)


def test_collateral_widget_follows_the_assumptions():
    widget = lesson4.CollateralDamage()
    assert widget.targeted.value == 2  # the WordPress court order named two blogs
    widget.hosted_exponent.value = 3
    assert "blocks <strong>998</strong> unrelated sites" in widget.text.value
    assert "your assumption, not data" in widget.text.value
    widget.targeted.value = 5000 if widget.targeted.max >= 5000 else 1000
    widget.hosted_exponent.value = 2
    assert "raise the number" in widget.text.value
    with pytest.raises(ValueError, match="Unknown platform case"):
        lesson4.CollateralDamage(case="bc-meduza-2014")


# Claim checker -----------------------------------------------------------------------------------------


def test_claim_checker_agrees_or_shows_the_evidence():
    checker = lesson4.ClaimChecker()
    claims = netgov.load("claims").set_index("id")
    for claim_id, row in claims.iterrows():
        checker.claim.value = claim_id
        assert checker.check(row["verdict"]) is True and "Agreed" in checker.feedback.value
        wrong = "supported" if row["verdict"] != "supported" else "contradicted"
        assert checker.check(wrong) is False and "points another way" in checker.feedback.value
    assert checker.check(None) is False
    with pytest.raises(ValueError, match="Unknown verdict"):
        checker.check("maybe")


def test_the_livejournal_language_claim_is_not_confirmed():
    claims = netgov.load("claims").set_index("id")
    assert claims.loc["claim-lj-russian-version", "verdict"] == "not_found"


# Exercise checks ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def answers():
    return right_answers("lesson4")


def test_wrong_answers_get_specific_hints():
    cases = netgov.load("blocking_cases")
    assert "every case" in check.q1(len(cases)).message
    assert "combined it with throttling" in check.q3(int((cases["methods"] == "shutdown").sum())).message
    mean = (cases["end"] - cases["start"]).dt.days.dropna().mean()
    assert "the mean" in check.q4(mean).message
    assert "would look different" in check.q5("dns").message
    assert check.q5(42).status == "unreadable"


def test_the_reasons_task_counts_the_courts_cases_and_knows_the_near_misses(answers):
    cases = netgov.load("blocking_cases")
    court = cases[cases["ordered_by"] == "court"]
    reasons = court["stated_reason"]
    assert answers["q6"] == 7  # pinned: 7 of the 9 court-ordered cases name terrorism or extremism
    assert check.q6(answers["q6"]) and "of the 9 cases courts ordered" in check.q6(answers["q6"]).message
    for wrong, said in [
        (int(cases["stated_reason"].str.contains("terror|extremis").sum()), "whoever ordered it"),
        (len(court), "whatever its reason"),
        (int(reasons.str.contains("extremis").sum()), "extremism only"),
        (int(reasons.str.contains("terror").sum()), "terrorism only"),
        (0, "kept no rows"),
    ]:
        result = check.q6(wrong)
        assert result.status == "not yet" and said in result.message, (wrong, result)
    # The near misses are distinct numbers, so that each gets its own feedback.
    assert len({7, int(cases["stated_reason"].str.contains("terror|extremis").sum()), len(court), 6, 5}) == 5


def test_the_where_task_wants_the_four_methods_on_the_path_to_the_server(answers):
    assert set(netgov.load("detection_signatures").set_index("label").loc[answers["q7"], "method"]) == {
        "ip",
        "tls_sni",
        "tls_mitm",
        "http_url",
    }
    assert check.q7(["ip", "SNI", "MITM", "URL filtering"])
    assert check.q7("TLS-SNI; tls_mitm; IP blocking; http_url")
    for wrong, said in [
        ([*answers["q7"], "dns"], "DNS tampering acts at the DNS lookup"),
        ([*answers["q7"], "throttling"], "acts at no single step"),
        ([*answers["q7"], "shutdown"], "acts at no single step"),
        ([*answers["q7"], "no interference"], "not a method"),
        (["ip", "tls_sni", "http_url"], "one or more are missing"),  # the second method of the TLS step left out
        (["ip", "tls"], "'tls' is not one of the methods"),  # a fragment is not a name
        (["ip", "not sni", "tls_mitm", "http_url"], "is not one of the methods"),
    ]:
        result = check.q7(wrong)
        assert result.status == "not yet" and said in result.message, (wrong, result)


def test_the_collateral_task_states_its_assumption_and_reads_the_number_targeted(answers):
    hosted, case = check.VARIANTS["assumed_hosted"], check.VARIANTS["collateral_case"]
    assert (hosted, case) == (50_000, "bc-wordpress-2011")  # the published exercise's assumption and case
    targeted = int(netgov.load("collateral_cases").set_index("case_id").loc[case, "targeted"])
    assert answers["q8"] == hosted - targeted
    for path in ("exercises/04-blocked-exercises.ipynb", "exercises/solutions/04-blocked-solutions.ipynb"):
        text = "\n".join(c.source for c in nbformat.read(ROOT / path, as_version=4).cells)
        assert f"hosted {hosted:,} blogs" in text, f"{path} does not state the assumption the check uses"
    # The answer key states it too, in the check's question.
    assert f"hosted {hosted:,} blogs" in " ".join(check.q8.__doc__.split())
    assert check.q8(answers["q8"] + 0.4) and not check.q8(answers["q8"] + 0.6)
    share = lesson4.collateral(targeted, hosted)["unrelated_share"]
    for wrong, said in [
        (hosted, "every blog on the platform"),
        (hosted / targeted - 1, "for each banned blog"),
        (share, "the share"),
        (100 * share, "the share"),
        (hosted - 1, "named one blog"),
    ]:
        result = check.q8(wrong)
        assert result.status == "not yet" and said in result.message, (wrong, result)


def _bars(**changes):
    """The right chart of task 2, with some of its parts changed."""
    figure = go.Figure(right_answers("lesson4")["q2"])
    figure.update_layout(**changes)
    return figure


def test_the_chart_task_checks_values_names_title_axes_and_patterns(answers):
    right = answers["q2"]
    assert check.q2(right)
    per_year = lesson4.case_table().groupby(["ordered_by", "year"]).size()
    for trace in right.data:  # the right answer is the data's counts, not the check's own
        assert dict(zip(trace.x, trace.y, strict=True)) == per_year[trace.name].to_dict()
    # Near misses, each with its own feedback.
    renamed = go.Figure(right)
    renamed.data[0].name = "Court of appeal"
    assert "No series for" in check.q2(renamed).message
    swapped = go.Figure(right)
    swapped.data[0].x, swapped.data[0].y = swapped.data[0].y, swapped.data[0].x
    assert "does not follow" in check.q2(swapped).message
    dated = go.Figure(right)
    dated.data[0].x = pd.to_datetime([f"{year}-01-01" for year in dated.data[0].x])
    assert "does not have years on x" in check.q2(dated).message
    assert "no title" in check.q2(_bars(title=None)).message
    for axis, column in (("xaxis", "start"), ("yaxis", "cases"), ("yaxis", "count"), ("xaxis", "")):
        assert "not labelled in words" in check.q2(_bars(**{f"{axis}_title_text": column})).message
    flat = go.Figure(right)
    flat.update_traces(marker_pattern_shape="")
    assert "only by colour" in check.q2(flat).message
    # Lines told apart by dash are as readable as bars told apart by pattern.
    lines = go.Figure(layout=right.layout)
    for dash, trace in zip(["solid", "dash", "dot", "dashdot", "longdash"], right.data, strict=True):
        lines.add_scatter(x=trace.x, y=trace.y, name=trace.name, mode="lines", line_dash=dash)
    assert check.q2(lines)
    # The answer key describes the chart as it is drawn: bars, one series per body.
    assert shown_answer(right).startswith("A chart titled") and ", bars for each of " in shown_answer(right)
    assert ", a line for each of " in shown_answer(lines)


# Variants ---------------------------------------------------------------------------------------------


def test_the_published_spans_of_years_take_in_every_case():
    started = netgov.load("blocking_cases")["start"].dt.year
    span = (int(started.min()), int(started.max()))
    assert check.VARIANTS["chart_years"] == check.VARIANTS["duration_years"] == span


@pytest.mark.parametrize("seed", range(1, 31))
def test_every_variant_s_answers_pass_and_its_changed_tasks_ask_something_else(seed):
    published = check.answers()
    with check.VARIANTS.using(seed):
        right = check.answers()
        for task, answer in right.items():
            result = getattr(check, task)(answer)
            assert result, (seed, task, result.message)
        assert check.VARIANTS.changed_tasks(seed) == ["q2", "q3", "q4", "q5", "q6", "q8"]
        for task in check.VARIANTS.changed_tasks(seed):
            assert task == "q2" or right[task] != published[task], (seed, task)
            assert not getattr(check, task)(published[task]), (seed, task)


def _said(result, words):
    return result.status == "not yet" and words in result.message


@pytest.mark.parametrize("seed", [3, 7])
def test_a_variant_s_near_misses_get_their_own_feedback(seed):
    cases = netgov.load("blocking_cases")
    published = check.answers()
    with check.VARIANTS.using(seed) as values:
        right = check.answers()
        # Task 2: the chart of every year is the near miss of a span of years.
        first, last = values["chart_years"]
        assert check.q2(right["q2"]) and _said(check.q2(published["q2"]), f"outside {first}-{last}")
        per_year = cases[cases["start"].dt.year.between(first, last)].groupby(["ordered_by", cases["start"].dt.year])
        for trace in right["q2"].data:
            assert dict(zip(trace.x, trace.y, strict=True)) == per_year.size()[trace.name].to_dict()
        # Task 3: the cases that list the method alone miss those that combine it with another.
        method = values["method"]
        assert right["q3"] == cases["methods"].str.split(";").apply(lambda m: method in m).sum()
        assert _said(check.q3(int((cases["methods"] == method).sum())), "that combined it with")
        assert _said(check.q3(published["q3"]), "does not match")
        # Task 4: the mean, and the median of every case, are not the median of the span.
        span = cases[cases["start"].dt.year.between(*values["duration_years"])]
        days = (span["end"] - span["start"]).dt.days.dropna()
        assert right["q4"] == days.median()
        assert _said(check.q4(days.mean()), "the mean")
        assert _said(check.q4(published["q4"]), "every case whose end is known")
        # Task 5: the published measurement's method is another method.
        assert _said(check.q5(published["q5"]), "would look different")
        assert check.q5(netgov.load("detection_signatures").set_index("method").loc[right["q5"], "label"])
        # Task 6: the body's cases, every body's, and one ground of the two.
        body, (one, other) = values["reason_body"], values["reasons"]
        reasons = cases.loc[cases["ordered_by"] == body, "stated_reason"]
        for wrong, said in [
            (int(cases["stated_reason"].str.contains(f"{one}|{other}").sum()), "whoever ordered it"),
            (len(reasons), "whatever its reason"),
            (int(reasons.str.contains(other).sum()), f"{check.REASON_WORDS[other]} only"),
            (int(reasons.str.contains(one).sum()), f"{check.REASON_WORDS[one]} only"),
        ]:
            assert _said(check.q6(wrong), said), (wrong, said)
        # Task 8: the platform's size, one blog named, and the number for each banned blog.
        hosted = values["assumed_hosted"]
        targeted = int(netgov.load("collateral_cases").set_index("case_id").loc[values["collateral_case"], "targeted"])
        assert right["q8"] == hosted - targeted
        for wrong, said in [
            (hosted, "every blog on the platform"),
            (hosted - 1, "named one blog"),
            ((hosted - targeted) / targeted, "for each banned blog"),
            (published["q8"], "does not match"),
        ]:
            assert _said(check.q8(wrong), said), (wrong, said)


def test_equivalent_forms_are_accepted(answers):
    assert check.q5("TLS filtering by server name (SNI)")
    assert check.q4(pd.Series([answers["q4"]]))


def test_quiz_explains_every_choice():
    for question in lesson4.quiz_questions():
        for index, choice in enumerate(question.choices):
            assert question.answer(index) is choice.correct
