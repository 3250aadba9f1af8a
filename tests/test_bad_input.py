"""The bad-input audit: every public function and class of ``netgov``, called wrongly.

Each public callable of each module is listed here, either with calls that pass a wrong type, an unknown
name, an out-of-range value or an empty selection, or as exempt with the reason (it takes no argument).
A wrong call must raise an error whose message names what was wrong and says what is accepted; the helpers
that read a learner's answer (``checks.as_*``) reply with feedback instead.
Exercise checks answer instead of raising: every one of them gets blank, empty and wrongly typed answers
and must reply with guidance. ``test_the_audit_covers_every_public_callable`` fails when a new public
function or class appears without a line here.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import pkgutil

import pandas as pd
import plotly.graph_objects as go
import pytest

import netgov
import netgov.doctor
import netgov.export
import netgov.packs
import netgov.variants
from netgov.checks import Feedback
from netgov.lessons import LESSONS


def _modules() -> list[str]:
    """Every module of the package except the exercise checks (audited below) and private helpers, found on disk,
    so that a new lesson or module is audited without being listed here."""
    found = []
    for info in pkgutil.walk_packages(netgov.__path__, prefix="netgov."):
        leaf = info.name.rpartition(".")[2]
        if not leaf.startswith("_") and leaf != "checks" or info.name == "netgov.checks":
            found.append(info.name.removeprefix("netgov."))
    return found


MODULES = _modules()
EXERCISES = [f"{lesson.name}.checks" for lesson in LESSONS if importlib.util.find_spec(f"{lesson.module}.checks")]

NO_ARGUMENTS = "takes no argument"
EXEMPT = {
    "data.DataError": "an exception class",
    "export.ExportError": "an exception class",
    "data.data_dir": NO_ARGUMENTS,
    "data.resource_names": NO_ARGUMENTS,
    "data.clear_cache": NO_ARGUMENTS,
    "data.dictionary_markdown": NO_ARGUMENTS,
    "data.balance_markdown": NO_ARGUMENTS,
    "lesson1.provision_table": NO_ARGUMENTS,
    "lesson1.legislation_table": NO_ARGUMENTS,
    "lesson1.acts_by_year": NO_ARGUMENTS,
    "lesson1.LiabilityExplorer": NO_ARGUMENTS,
    "lesson2.statement_table": NO_ARGUMENTS,
    "lesson2.powers_table": NO_ARGUMENTS,
    "lesson2.CommitmentsTracker": NO_ARGUMENTS,
    "lesson2.roleplay_markdown": NO_ARGUMENTS,
    "lesson4.case_table": NO_ARGUMENTS,
    "lesson4.collateral_cases": NO_ARGUMENTS,
    "lesson4.ClaimChecker": NO_ARGUMENTS,
    "lesson4.connection_table": NO_ARGUMENTS,
    "lesson4.connection_steps": NO_ARGUMENTS,
    "lesson5.comparison_table": NO_ARGUMENTS,
    "lesson5.judgment_table": NO_ARGUMENTS,
    **{f"{lesson.name}.quiz_questions": NO_ARGUMENTS for lesson in LESSONS if lesson.quiz},
    "activity.FilteredTimeline": "a base class; its year check is exercised through lesson2.StatementTimeline",
    "activity.Activity": "a base class; its subclasses are audited",
    "lessons.Lesson": "a record of where a lesson's parts are; tests/test_lessons.py checks every entry",
    "freshness.as_of": NO_ARGUMENTS,
    "plans.planned_lessons": NO_ARGUMENTS,
    "checks.chart_title": "reads any object's title and gives '' when it has none: nothing is a wrong argument",
    "grading.Result": "a record of one submission's grade, made by grading.grade",
    "grading.spreadsheet_safe": "takes any value and makes it text: nothing is a wrong argument",
    "projector.active": NO_ARGUMENTS,
    "projector.template_root": NO_ARGUMENTS,
    "projector.voila_environment": NO_ARGUMENTS,
    "freshness.AsOf": "a record that freshness.as_of returns",
    "freshness.Report": "a record that freshness.report returns",
    "freshness.TableFreshness": "a record that freshness.report returns",
    "doctor.Result": "a record that each check of the doctor returns",
    "doctor.Declared": "a record that doctor.declared returns",
    "doctor.declared": NO_ARGUMENTS,
    "doctor.check_data": NO_ARGUMENTS,
    "voice.state_speakers": NO_ARGUMENTS,
    "packs.PackError": "an exception class",
    "packs.Plan": "a record that packs.load_plan returns",
    "packs.Roleplay": "a record that packs.load_roleplay returns",
    "packs.roleplay_file": NO_ARGUMENTS,
    "packs.participation_file": NO_ARGUMENTS,
    "packs.lessons_with_plans": NO_ARGUMENTS,
}


def graph():
    return netgov.lesson3.topology()


def frame():
    return pd.DataFrame({"x": [1]})


# (callable, a wrong call, the exception, fragments the message must hold: what was wrong, what is accepted)
CASES = [
    ("data.schema", lambda: netgov.data.schema("nope"), KeyError, ["'nope'", "events"]),
    ("data.schema", lambda: netgov.data.schema(5), TypeError, ["int", "events"]),
    ("data.describe", lambda: netgov.data.describe("nope"), KeyError, ["'nope'", "events"]),
    ("data.load", lambda: netgov.load("nope"), KeyError, ["'nope'", "events"]),
    ("data.load", lambda: netgov.load(["events"]), TypeError, ["list", "events"]),
    ("data.split_ids", lambda: netgov.data.split_ids(5), TypeError, ["int", "semicolon-separated"]),
    ("data.id_list", lambda: netgov.data.id_list([5]), TypeError, ["int", "hrw-2009-07-14"]),
    ("data.source_ids_of", lambda: netgov.data.source_ids_of("events"), TypeError, ["str", "source_ids"]),
    ("data.source_ids_of", lambda: netgov.data.source_ids_of(frame()), TypeError, ["['x']", "load("]),
    ("data.cite", lambda: netgov.cite("no-such-source"), KeyError, ["no-such-source", "sources"]),
    ("data.cite", lambda: netgov.cite([]), ValueError, ["at least one", "hrw-2009-07-14"]),
    ("data.references", lambda: netgov.references("no-such-source"), KeyError, ["no-such-source", "sources"]),
    ("data.references", lambda: netgov.references(3.5), TypeError, ["float", "hrw-2009-07-14"]),
    ("data.reference_list", lambda: netgov.data.reference_list("nope"), KeyError, ["'nope'", "sources"]),
    ("data.reference_list", lambda: netgov.data.reference_list([]), ValueError, ["at least one", "hrw-2009-07-14"]),
    ("data.Reference", lambda: netgov.data.Reference(), TypeError, ["'id'", "'url'"]),
    ("data.labels", lambda: netgov.data.labels("events", "date"), KeyError, ["events.date", "kind"]),
    ("data.labels", lambda: netgov.data.labels("events", "nope"), KeyError, ["'nope'", "date"]),
    ("data.labels", lambda: netgov.data.labels("nope", "kind"), KeyError, ["'nope'", "events"]),
    ("data.format_date", lambda: netgov.data.format_date(2009), TypeError, ["int", "2009-07-01"]),
    ("freshness.review_rule", lambda: netgov.freshness.review_rule("nope"), KeyError, ["'nope'", "events"]),
    ("freshness.changeable_rows", lambda: netgov.freshness.changeable_rows(3), TypeError, ["int", "events"]),
    ("glossary.terms", lambda: netgov.glossary.terms(12), ValueError, ["int 12", "[0, 1, 2, 3, 4, 5]"]),
    ("glossary.term", lambda: netgov.glossary.term("nope"), KeyError, ["'nope'", "glossary.csv"]),
    ("glossary.term", lambda: netgov.glossary.term(3), TypeError, ["int", "mass media"]),
    ("glossary.handout", lambda: netgov.glossary.handout("1"), ValueError, ["str '1'", "[0, 1, 2, 3, 4, 5]"]),
    ("data.source_columns", lambda: netgov.data.source_columns("events"), TypeError, ["str", "DataFrame"]),
    ("freshness.describe_rule", lambda: netgov.freshness.describe_rule({}), ValueError, ["dict {}", "'when'"]),
    ("freshness.report", lambda: netgov.freshness.report("today"), ValueError, ["'today'", "2026-12-01"]),
    ("freshness.report", lambda: netgov.freshness.report(months=-1), ValueError, ["-1", "1 or more"]),
    ("data.format_date", lambda: netgov.data.format_date("2009-07-01", "week"), ValueError, ["'week'", "day, month"]),
    ("data.format_date", lambda: netgov.data.format_date("2009-07-01", style="x"), ValueError, ["'x'", "'iso'"]),
    ("figures.register_template", lambda: netgov.figures.register_template("yes"), TypeError, ["str", "True"]),
    ("figures.year_axis", lambda: netgov.figures.year_axis("fig"), TypeError, ["str", "plotly Figure"]),
    ("figures.year_axis", lambda: netgov.figures.year_axis(go.Figure(), axis="z"), ValueError, ["'z'", "'x'"]),
    ("figures.year_axis", lambda: netgov.figures.year_axis(go.Figure(), max_ticks=1), ValueError, ["1", "least 2"]),
    (
        "figures.date_axis_years",
        lambda: netgov.figures.date_axis_years(go.Figure(), "soon", "2010"),
        ValueError,
        ["'soon'", "date"],
    ),
    (
        "figures.date_axis_years",
        lambda: netgov.figures.date_axis_years(go.Figure(), "2012", "2010"),
        ValueError,
        ["2010", "before the start"],
    ),
    ("figures.clear", lambda: netgov.figures.clear("fig"), TypeError, ["str", "plotly Figure"]),
    ("figures.clear", lambda: netgov.figures.clear(go.Figure(), 5), TypeError, ["int", "text"]),
    ("figures.message_figure", lambda: netgov.figures.message_figure(""), ValueError, ["non-empty", "message"]),
    ("checks.Feedback", lambda: Feedback("great", "m"), ValueError, ["'great'", "'correct'"]),
    ("checks.Feedback", lambda: Feedback("correct", 5), TypeError, ["int", "text"]),
    ("checks.correct", lambda: netgov.checks.correct(None), TypeError, ["NoneType", "text"]),
    ("checks.not_yet", lambda: netgov.checks.not_yet("m", hint=3), TypeError, ["int", "text"]),
    ("checks.blank", lambda: netgov.checks.blank(7), TypeError, ["int", "text"]),
    ("checks.as_number", lambda: netgov.checks.as_number("many", "a number such as 12"), Feedback, ["'many'", "12"]),
    ("checks.as_number", lambda: netgov.checks.as_number(None, "a number such as 12"), Feedback, ["12"]),
    ("checks.as_int", lambda: netgov.checks.as_int(2.5, "a whole number such as 2009"), Feedback, ["2.5", "2009"]),
    ("checks.as_text", lambda: netgov.checks.as_text(5, "a name in quotes"), Feedback, ["5", "quotes"]),
    ("checks.as_text_set", lambda: netgov.checks.as_text_set(5, "a list of names"), Feedback, ["5", "list of names"]),
    ("checks.trace_values", lambda: netgov.checks.trace_values(5), TypeError, ["5", "a list, an array"]),
    ("checks.named_traces", lambda: netgov.checks.named_traces({"a": 1}, {}), TypeError, ["dict", "plotly figure"]),
    ("checks.named_traces", lambda: netgov.checks.named_traces(go.Figure(), ["KZ"]), TypeError, ["list", "{key:"]),
    (
        "checks.named_traces",
        lambda: netgov.checks.named_traces(go.Figure(), {"KZ": "Kazakhstan"}),
        TypeError,
        ["names", "a list of names"],
    ),
    (
        "checks.trace_points",
        lambda: netgov.checks.trace_points(go.Scatter(x=["a"], y=[1])),
        ValueError,
        ["('a', 1)", "int"],
    ),
    (
        "checks.unlabelled_chart",
        lambda: netgov.checks.unlabelled_chart("a chart", [], says="x", labels_hint="y"),
        TypeError,
        ["str", "plotly figure"],
    ),
    (
        "checks.as_figure",
        lambda: netgov.checks.as_figure([1, 2], "a plotly figure"),
        Feedback,
        ["[1, 2]", "plotly figure"],
    ),
    ("start.first_year_above", lambda: netgov.start.first_year_above([1, 2], 50), TypeError, ["list", "Series"]),
    ("checks.text_key", lambda: netgov.checks.text_key(5), TypeError, ["int", "text"]),
    ("checks.names_match", lambda: netgov.checks.names_match(5, ["a"]), TypeError, ["int", "text"]),
    ("checks.names_match", lambda: netgov.checks.names_match("a", "abc"), TypeError, ["'abc'", "list of names"]),
    ("checks.names_match", lambda: netgov.checks.names_match("a", [1]), TypeError, ["int", "list of names"]),
    (
        "start.first_year_above",
        lambda: netgov.start.first_year_above(pd.Series([1.0], index=[2000]), "50"),
        TypeError,
        ["str", "number"],
    ),
    ("cards.sources_list", lambda: netgov.cards.sources_list(5), TypeError, ["int", "hrw-2009-07-14"]),
    ("cards.fact_list", lambda: netgov.cards.fact_list("events"), TypeError, ["str", "DataFrame"]),
    ("cards.fact_list", lambda: netgov.cards.fact_list(frame()), ValueError, ["title", "it has ['x']"]),
    ("cards.card", lambda: netgov.cards.card(5, []), TypeError, ["int", "title"]),
    ("cards.card", lambda: netgov.cards.card("t", 5), TypeError, ["int", "(label, value) pairs"]),
    ("cards.message", lambda: netgov.cards.message(5), TypeError, ["int", "text"]),
    ("activity.FigureOutput", lambda: netgov.activity.FigureOutput("fig"), TypeError, ["str", "plotly Figure"]),
    (
        "activity.year_range",
        lambda: netgov.activity.year_range((2010, 2000), 2000, 2010),
        ValueError,
        ["(2010, 2000)", "within 2000 to 2010"],
    ),
    ("activity.sample_values", lambda: netgov.activity.sample_values(5), TypeError, ["int", "no values"]),
    ("cards.status_box", lambda: netgov.cards.status_box("x", "great"), ValueError, ["'great'", "'good'"]),
    ("voice.state_positions", lambda: netgov.voice.state_positions(5), TypeError, ["int", "issue codes"]),
    ("voice.state_positions", lambda: netgov.voice.state_positions(["x"]), ValueError, ["'x'", "blocking"]),
    (
        "voice.state_positions",
        lambda: netgov.voice.state_positions("blocking", years=2022),
        TypeError,
        ["2022", "(2009, 2011)"],
    ),
    ("voice.other_positions", lambda: netgov.voice.other_positions("x"), TypeError, ["str", "state_positions()"]),
    ("voice.primary_rows", lambda: netgov.voice.primary_rows(5), TypeError, ["int", "state_positions()"]),
    ("voice.show", lambda: netgov.voice.show(frame()), TypeError, ["DataFrame", "state_positions()"]),
    ("checks.as_days", lambda: netgov.checks.as_days("soon", "a whole number of days"), Feedback, ["soon", "days"]),
    ("checks.check", lambda: netgov.checks.check(5, "a year"), TypeError, ["int", "as_int"]),
    ("checks.judge", lambda: netgov.checks.judge(1, 1, 5, otherwise=("m", "h")), TypeError, ["int", "text"]),
    ("figures.series_style", lambda: netgov.figures.series_style("a"), TypeError, ["'a'", "whole number"]),
    ("figures.fit_screen", lambda: netgov.figures.fit_screen("fig"), TypeError, ["str", "plotly Figure"]),
    ("figures.fit_rows", lambda: netgov.figures.fit_rows(go.Figure(), "3"), TypeError, ["'3'", "whole number"]),
    ("figures.fit_rows", lambda: netgov.figures.fit_rows(go.Figure(), -1), ValueError, ["-1", "0 or more"]),
    (
        "figures.fit_rows",
        lambda: netgov.figures.fit_rows(go.Figure(), 3, row_height=-2),
        ValueError,
        ["row_height", "0 or more"],
    ),
    (
        "figures.legend_html",
        lambda: netgov.figures.legend_html([("a", "b")]),
        TypeError,
        ["('a', 'b')", "(label, colour, symbol)"],
    ),
    (
        "figures.legend_html",
        lambda: netgov.figures.legend_html([("a", "#000000", "blob")]),
        ValueError,
        ["'blob'", "circle"],
    ),
    ("projector.voila_command", lambda: netgov.projector.voila_command(5), TypeError, ["int", "path"]),
    (
        "projector.voila_command",
        lambda: netgov.projector.voila_command("notebooks", port=0),
        ValueError,
        ["0", "1 to 65535"],
    ),
    ("lessons.lesson", lambda: netgov.lessons.lesson(99), KeyError, ["99", "01-the-2009-law.ipynb"]),
    ("plans.plan_path", lambda: netgov.plans.plan_path(1.5), TypeError, ["float 1.5", "such as 1"]),
    ("plans.plan", lambda: netgov.plans.plan(0), ValueError, ["Lesson 0", "[1, 2, 3, 4, 5]"]),
    ("plans.plan", lambda: netgov.plans.plan(99), KeyError, ["99", "01-the-2009-law.ipynb"]),
    ("plans.times", lambda: netgov.plans.times("1"), TypeError, ["str '1'", "such as 1"]),
    ("plans.guide_markdown", lambda: netgov.plans.guide_markdown(0), ValueError, ["Lesson 0", "[1, 2, 3, 4, 5]"]),
    ("assign.masters", lambda: netgov.assign.masters(5), TypeError, ["int 5", "str or a Path"]),
    ("assign.generate", lambda: netgov.assign.generate("5"), TypeError, ["'5'", "whole number"]),
    ("assign.generate", lambda: netgov.assign.generate(0), ValueError, ["Lesson 0", "master notebook"]),
    ("assign.assign", lambda: netgov.assign.assign(5), TypeError, ["int 5", "list of lesson numbers"]),
    (
        "assign.assign",
        lambda: netgov.assign.assign([9]),
        ValueError,
        ["Lesson 9", "(the lessons with one: [1, 2, 3, 4, 5])"],
    ),
    ("assign.generate", lambda: netgov.assign.generate(5, variant=-3), ValueError, ["int -3", "1 to 999,999"]),
    ("assign.variants_of", lambda: netgov.assign.variants_of(9), ValueError, ["Lesson 9", "no exercises"]),
    ("assign.variant_folder", lambda: netgov.assign.variant_folder(9, 7), ValueError, ["Lesson 9", "no exercises"]),
    ("assign.variant_folder", lambda: netgov.assign.variant_folder(5, None), ValueError, ["seed", "None"]),
    ("variants.need_seed", lambda: netgov.variants.need_seed("seven"), ValueError, ["'seven'", "whole number"]),
    ("variants.need_seed", lambda: netgov.variants.need_seed(10**7), ValueError, ["10000000", "999,999"]),
    ("variants.need_seed", lambda: netgov.variants.need_seed(0), ValueError, ["int 0", "from 1"]),
    ("assign.assign", lambda: netgov.assign.assign([5], root="/nonexistent"), ValueError, ["kit's folder"]),
    ("variants.Variants", lambda: netgov.variants.Variants("5", {}, dict, {}), TypeError, ["'5'", "lesson's number"]),
    (
        "variants.Variants",
        lambda: netgov.variants.Variants(5, {"year": 2020}, dict, {"q1": ("yaer",)}),
        ValueError,
        ["yaer", "no published value"],
    ),
    ("grading.grade", lambda: netgov.grading.grade(".", 5, variant="x"), ValueError, ["'x'", "whole number"]),
    ("grading.grade", lambda: netgov.grading.grade("/nonexistent", 5), ValueError, ["'/nonexistent'", "folder"]),
    ("grading.grade", lambda: netgov.grading.grade(".", 0), ValueError, ["Lesson 0", "[1, 2, 3, 4, 5]"]),
    ("grading.write_gradebook", lambda: netgov.grading.write_gradebook([], 0, "x.csv"), ValueError, ["Lesson 0"]),
    ("grading.write_feedback", lambda: netgov.grading.write_feedback([], 0, "x"), ValueError, ["Lesson 0"]),
    ("plans.objective_map", lambda: netgov.plans.objective_map(0), ValueError, ["Lesson 0", "[1, 2, 3, 4, 5]"]),
    ("plans.assessment_items", lambda: netgov.plans.assessment_items("1"), TypeError, ["'1'", "such as 1"]),
    ("plans.guide_markers", lambda: netgov.plans.guide_markers(True), TypeError, ["bool True", "such as 1"]),
    ("plans.guide_text", lambda: netgov.plans.guide_text(5), TypeError, ["int", "file's content"]),
    ("plans.guide_text", lambda: netgov.plans.guide_text("# Guide"), ValueError, ["plan:lesson1:start", "Lesson 1"]),
    ("quiz.from_file", lambda: netgov.quiz.from_file("/nonexistent/quiz.toml"), ValueError, ["quiz.toml", "Cannot"]),
    ("quiz.Choice", lambda: netgov.quiz.Choice("", True, "why"), ValueError, ["choice", "text"]),
    ("quiz.Choice", lambda: netgov.quiz.Choice("a", "yes", "why"), TypeError, ["str", "True or False"]),
    ("quiz.MultipleChoice", lambda: netgov.quiz.MultipleChoice("", []), ValueError, ["question", "text"]),
    ("quiz.MultipleChoice", lambda: netgov.quiz.MultipleChoice("q", "ab"), TypeError, ["'ab'", "Choice"]),
    ("quiz.quiz", lambda: netgov.quiz.quiz([]), ValueError, ["no questions", "MultipleChoice"]),
    ("quiz.quiz", lambda: netgov.quiz.quiz(["q"]), TypeError, ["str", "MultipleChoice"]),
    ("start.users_series", lambda: netgov.start.users_series("1999"), ValueError, ["'1999'", "releases"]),
    ("start.UsersExplorer", lambda: netgov.start.UsersExplorer(("XX",)), ValueError, ["XX", "Choose from"]),
    ("start.UsersExplorer", lambda: netgov.start.UsersExplorer("KZ"), TypeError, ["str", "('KZ', 'KG')"]),
    ("lesson1.ProvisionExplorer", lambda: netgov.lesson1.ProvisionExplorer("nope"), ValueError, ["'nope'", "Acts"]),
    (
        "lesson1.ProvisionExplorer",
        lambda: netgov.lesson1.ProvisionExplorer(initial="nope"),
        ValueError,
        ["'nope'", "Known provisions"],
    ),
    ("lesson1.LegislationTimeline", lambda: netgov.lesson1.LegislationTimeline(("x",)), ValueError, ["x", "Themes"]),
    (
        "lesson1.LegislationTimeline",
        lambda: netgov.lesson1.LegislationTimeline("liability"),
        TypeError,
        ["str", "('liability', 'blocking_powers')"],
    ),
    (
        "lesson2.StatementTimeline",
        lambda: netgov.lesson2.StatementTimeline((2011, 2003)),
        ValueError,
        ["(2011, 2003)", "within"],
    ),
    ("lesson2.StatementTimeline", lambda: netgov.lesson2.StatementTimeline("2009"), ValueError, ["'2009'", "pair"]),
    ("lesson2.latest_positions", lambda: netgov.lesson2.latest_positions("2009"), TypeError, ["'2009'", "2009"]),
    ("lesson2.latest_positions", lambda: netgov.lesson2.latest_positions(1900), ValueError, ["1900", "between"]),
    ("lesson2.PositionsMap", lambda: netgov.lesson2.PositionsMap(1900), ValueError, ["1900", "between"]),
    ("lesson2.role_brief", lambda: netgov.lesson2.role_brief("nope"), KeyError, ["'nope'", "roles are", "Chair"]),
    ("lesson2.role_card", lambda: netgov.lesson2.role_card("chair"), KeyError, ["'chair'", "roles are", "Chair"]),
    ("lesson2.role_card", lambda: netgov.lesson2.role_card(7), KeyError, ["7", "roles are", "European Union"]),
    (
        "lesson2.role_card",
        lambda: netgov.lesson2.role_card("Chair", until="2009-08-01"),
        ValueError,
        ["'2009-08-01'", "no later than", "2009-07-31"],
    ),
    ("lesson2.role_card", lambda: netgov.lesson2.role_card("Chair", until=2009), TypeError, ["2009", "2009-07-31"]),
    ("lesson2.roleplay_plan", lambda: netgov.lesson2.roleplay_plan(5), TypeError, ["int", "TOML"]),
    ("lesson2.roleplay_plan", lambda: netgov.lesson2.roleplay_plan("nope.toml"), FileNotFoundError, ["nope.toml"]),
    ("lesson2.roleplay_span", lambda: netgov.lesson2.roleplay_span(60), ValueError, ["60", "[50, 90]"]),
    ("lesson2.roleplay_span", lambda: netgov.lesson2.roleplay_span("50"), ValueError, ["'50'", "[50, 90]"]),
    (
        "lesson2.role_brief",
        lambda: netgov.lesson2.role_brief(next(iter(netgov.lesson2.ROLES)), until="soon"),
        ValueError,
        ["'soon'", "2009-07-31"],
    ),
    ("lesson3.topology", lambda: netgov.lesson3.topology("1999"), ValueError, ["'1999'", "2009-all"]),
    ("lesson3.access_networks", lambda: netgov.lesson3.access_networks("g"), TypeError, ["str", "topology("]),
    ("lesson3.lose_access", lambda: netgov.lesson3.lose_access(graph(), "nope"), ValueError, ["'nope'", "Known"]),
    ("lesson3.lose_access", lambda: netgov.lesson3.lose_access([], "x"), TypeError, ["list", "topology("]),
    ("lesson3.chokepoint_share", lambda: netgov.lesson3.chokepoint_share(graph(), "x"), ValueError, ["'x'", "Known"]),
    ("lesson3.betweenness", lambda: netgov.lesson3.betweenness(None), TypeError, ["NoneType", "topology("]),
    ("lesson3.add_gateways", lambda: netgov.lesson3.add_gateways(graph(), ["x"]), ValueError, ["'x'", "Known"]),
    ("lesson3.add_gateways", lambda: netgov.lesson3.add_gateways(graph(), "beeline"), TypeError, ["str", "list"]),
    ("lesson3.draw", lambda: netgov.lesson3.draw(go.Figure(), "g"), TypeError, ["str", "topology("]),
    ("lesson3.draw", lambda: netgov.lesson3.draw("f", graph()), TypeError, ["str", "plotly Figure"]),
    ("lesson3.ChokepointExplorer", lambda: netgov.lesson3.ChokepointExplorer("x"), ValueError, ["'x'", "2009-all"]),
    (
        "lesson3.ChokepointExplorer",
        lambda: netgov.lesson3.ChokepointExplorer(blocked_at="x"),
        ValueError,
        ["'x'", "Known"],
    ),
    ("lesson3.market_shares", lambda: netgov.lesson3.market_shares("x"), ValueError, ["'x'", "Segments"]),
    ("lesson3.hhi", lambda: netgov.lesson3.hhi([120]), ValueError, ["120", "0 to 100"]),
    ("lesson3.hhi", lambda: netgov.lesson3.hhi([]), ValueError, ["no shares", "0 to 100"]),
    ("lesson3.hhi", lambda: netgov.lesson3.hhi("50"), TypeError, ["'50'", "list"]),
    ("lesson3.hhi_band", lambda: netgov.lesson3.hhi_band(-1), ValueError, ["-1", "10,000"]),
    ("lesson3.hhi_band", lambda: netgov.lesson3.hhi_band("high"), TypeError, ["str", "10,000"]),
    ("lesson3.ConcentrationCalculator", lambda: netgov.lesson3.ConcentrationCalculator(1990), ValueError, ["1990"]),
    ("lesson3.GatewayExplorer", lambda: netgov.lesson3.GatewayExplorer("x"), ValueError, ["'x'", "2009-all"]),
    ("lesson3.GatewayExplorer", lambda: netgov.lesson3.GatewayExplorer(operator="x"), ValueError, ["'x'", "Known"]),
    ("lesson4.CaseExplorer", lambda: netgov.lesson4.CaseExplorer((2030, 2040)), ValueError, ["(2030, 2040)"]),
    ("lesson4.DetectTheBlock", lambda: netgov.lesson4.DetectTheBlock("x"), ValueError, ["'x'", "dns"]),
    ("lesson4.MysteryMeasurement", lambda: netgov.lesson4.MysteryMeasurement("x"), TypeError, ["'x'", "2009"]),
    ("lesson4.collateral", lambda: netgov.lesson4.collateral(0, 5), ValueError, ["0", "at least 1"]),
    ("lesson4.collateral", lambda: netgov.lesson4.collateral(10, 5), ValueError, ["(10)", "cannot exceed"]),
    ("lesson4.collateral", lambda: netgov.lesson4.collateral("a", 5), ValueError, ["'a'", "whole number"]),
    ("lesson4.CollateralDamage", lambda: netgov.lesson4.CollateralDamage("x"), ValueError, ["'x'", "Cases"]),
    ("lesson5.first_rules", lambda: netgov.lesson5.first_rules(["x"]), ValueError, ["['x']", "blocking_order"]),
    ("lesson5.first_rules", lambda: netgov.lesson5.first_rules(until="2010"), TypeError, ["'2010'", "whole number"]),
    ("lesson5.feature_matrix", lambda: netgov.lesson5.feature_matrix(2010.5), TypeError, ["2010.5", "whole number"]),
    ("lesson5.score_table", lambda: netgov.lesson5.score_table(["EU"]), ValueError, ["['EU']", "KZ"]),
    ("lesson5.score_table", lambda: netgov.lesson5.score_table(5), TypeError, ["5", "list of codes"]),
    ("lesson5.laws_near", lambda: netgov.lesson5.laws_near("Kazakhstan", 2020), ValueError, ["'Kazakhstan'", "KZ"]),
    ("lesson5.laws_near", lambda: netgov.lesson5.laws_near("KZ", "2020"), TypeError, ["'2020'", "whole number"]),
    ("lesson5.LawComparator", lambda: netgov.lesson5.LawComparator(("x",)), ValueError, ["['x']", "blocking_order"]),
    ("lesson5.LawComparator", lambda: netgov.lesson5.LawComparator(until=1800), ValueError, ["1800", "1990"]),
    ("lesson5.Trajectory", lambda: netgov.lesson5.Trajectory(("EU",)), ValueError, ["['EU']", "KZ"]),
    ("lesson5.ThreePartTest", lambda: netgov.lesson5.ThreePartTest("x"), ValueError, ["'x'", "cmp-"]),
    ("export.export", lambda: netgov.export.export("/nonexistent"), netgov.export.ExportError, ["no notebooks"]),
    ("export.export", lambda: netgov.export.export(".", execute=5), TypeError, ["int", "function of a notebook"]),
    ("export.StaticWidgets", lambda: netgov.export.StaticWidgets([], "n"), TypeError, ["list", "widget state"]),
    ("export.make_static", lambda: netgov.export.make_static({}, "n"), TypeError, ["dict", "NotebookNode"]),
    ("export.local_links_to_html", lambda: netgov.export.local_links_to_html(5), TypeError, ["int", "text"]),
    ("doctor.kit_root", lambda: netgov.doctor.kit_root(5), TypeError, ["int", "folder"]),
    ("doctor.check_python", lambda: netgov.doctor.check_python("3.11"), ValueError, ["'3.11'", "'>=3.11'"]),
    ("doctor.check_python", lambda: netgov.doctor.check_python(version="new"), ValueError, ["'new'", "'3.12.4'"]),
    ("doctor.check_packages", lambda: netgov.doctor.check_packages("pandas"), TypeError, ["'pandas'", "a list"]),
    ("doctor.check_packages", lambda: netgov.doctor.check_packages(["pandas>>3"]), ValueError, ["'pandas>>3'", "<4"]),
    ("doctor.check_applications", lambda: netgov.doctor.check_applications([5]), TypeError, ["int", "text"]),
    (
        "doctor.installed_lab_extensions",
        lambda: netgov.doctor.installed_lab_extensions("x"),
        TypeError,
        ["'x'", "list of folders"],
    ),
    (
        "doctor.disabled_lab_extensions",
        lambda: netgov.doctor.disabled_lab_extensions([5]),
        TypeError,
        ["int", "folders"],
    ),
    (
        "doctor.check_lab_extensions",
        lambda: netgov.doctor.check_lab_extensions(5),
        TypeError,
        ["int 5", "list of folders"],
    ),
    ("doctor.notebook_kernels", lambda: netgov.doctor.notebook_kernels(None), TypeError, ["NoneType", "kit's folder"]),
    (
        "doctor.check_kernel",
        lambda: netgov.doctor.check_kernel(kernels=["python3"]),
        TypeError,
        ["list", "dict of kernel"],
    ),
    ("doctor.check_kernel", lambda: netgov.doctor.check_kernel(3), TypeError, ["int", "kit's folder"]),
    ("doctor.check_smoke_run", lambda: netgov.doctor.check_smoke_run(timeout=0), ValueError, ["0", "above 0"]),
    ("doctor.run", lambda: netgov.doctor.run(quick="yes"), TypeError, ["str", "True or False"]),
    ("doctor.report", lambda: netgov.doctor.report(["OK"]), TypeError, ["str", "Result"]),
    ("export.export", lambda: netgov.export.export(".", audience="all"), ValueError, ["'all'", "'students'"]),
    ("packs.build", lambda: netgov.packs.build(99), KeyError, ["99", "01-the-2009-law.ipynb"]),
    ("packs.build", lambda: netgov.packs.build(1.5), TypeError, ["float", "number"]),
    ("packs.build", lambda: netgov.packs.build(1, "teachers"), ValueError, ["'teachers'", "'instructors'"]),
    ("packs.default_out", lambda: netgov.packs.default_out(1, "all"), ValueError, ["'all'", "'students'"]),
    ("packs.plan_file", lambda: netgov.packs.plan_file(1), TypeError, ["int", "LESSONS"]),
    (
        "packs.load_plan",
        lambda: netgov.packs.load_plan(1, "/nonexistent/plan.toml"),
        netgov.packs.PackError,
        ["/nonexistent/plan.toml is missing", "[[run]]"],
    ),
    (
        "packs.load_roleplay",
        lambda: netgov.packs.load_roleplay("/nonexistent/roleplay.toml"),
        netgov.packs.PackError,
        ["/nonexistent/roleplay.toml is missing", "[[role]]"],
    ),
    (
        "packs.load_participation",
        lambda: netgov.packs.load_participation("/nonexistent/participation.toml"),
        netgov.packs.PackError,
        ["/nonexistent/participation.toml is missing", "[[criterion]]"],
    ),
]


def public_callables(module_name: str) -> list[str]:
    """The public functions and classes defined in a module, named as a learner reaches them: through the lesson
    package when it re-exports them (``lesson1.ProvisionExplorer``), else through their own module."""
    module = importlib.import_module(f"netgov.{module_name}")
    package, _, leaf = module_name.rpartition(".")
    exported = set(getattr(importlib.import_module(f"netgov.{package}"), "__all__", [])) if package else set()
    return [
        f"{package if name in exported else module_name}.{name}"
        for name, value in vars(module).items()
        if not name.startswith("_")
        and (inspect.isfunction(value) or inspect.isclass(value))
        and value.__module__ == module.__name__
    ]


def test_the_audit_covers_every_public_callable():
    covered = {name for name, *_ in CASES} | set(EXEMPT)
    missing = [name for module in MODULES for name in public_callables(module) if name not in covered]
    assert missing == [], f"public callables with no bad-input case: {missing}"
    stale = sorted(covered - {name for module in MODULES for name in public_callables(module)})
    assert stale == [], f"audit entries for callables that no longer exist: {stale}"


@pytest.mark.parametrize("name, call, error, fragments", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_a_wrong_call_says_what_was_wrong_and_what_is_accepted(name, call, error, fragments):
    if error is Feedback:  # answer checkers reply instead of raising
        feedback = call()
        assert isinstance(feedback, Feedback) and feedback.status != "correct", f"{name} returned {feedback!r}"
        message = feedback.message + " " + (feedback.hint or "")
    else:
        with pytest.raises(error) as caught:
            call()
        message = str(caught.value.args[0]) if caught.value.args else str(caught.value)
    for fragment in fragments:
        assert fragment in message, f"{name}: {message!r} does not mention {fragment!r}"


#: The checks only (made with netgov.checks.check): a checks module's answers(), its answer key, takes no answer.
EXERCISE_CHECKS = [
    name
    for module in EXERCISES
    for name in public_callables(module)
    if hasattr(getattr(importlib.import_module(f"netgov.{module}"), name.rpartition(".")[2]), "expected")
]
STRANGE_ANSWERS = [
    *[None, "", "   ", [], {}, object(), float("nan"), -1, "not an answer at all", pd.DataFrame()],
    *["a", "k", "x", "z", "snippet", "insnide", "no SNI involved"],  # short strings and fragments: never a name
]


@pytest.mark.parametrize("name", EXERCISE_CHECKS)
def test_every_exercise_check_answers_strange_input_with_guidance(name):
    module, function = name.rsplit(".", 1)
    check = getattr(importlib.import_module(f"netgov.{module}"), function)
    for answer in STRANGE_ANSWERS:
        feedback = check(answer)
        assert isinstance(feedback, Feedback), f"{name}({answer!r}) returned {feedback!r}"
        assert feedback.status != "correct", f"{name}({answer!r}) was judged correct"
        assert len(feedback.message + (feedback.hint or "")) > 30, f"{name}({answer!r}) gave no guidance"
