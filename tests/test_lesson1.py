"""Lesson 1's widgets, quiz and exercise checks, driven headlessly."""

from __future__ import annotations

import pandas as pd
import pytest
from answers import right_answers

import netgov
from netgov import lesson1
from netgov.lesson1 import checks as check
from netgov.quiz import Choice, MultipleChoice


@pytest.fixture(scope="module")
def provisions():
    return netgov.load("provisions")


# Provision explorer -------------------------------------------------------------------------------


def test_provision_explorer_starts_on_the_2009_definition():
    explorer = lesson1.ProvisionExplorer()
    assert explorer.provision.value == "prov-2009-internet-as-media"
    assert "Internet resources treated as mass media" in explorer.text.value


def test_every_provision_renders_with_its_sources(provisions):
    explorer = lesson1.ProvisionExplorer()
    for row in provisions.itertuples():
        explorer.provision.value = row.id
        html = explorer.text.value
        assert "What it does" in html and "Whom it affects" in html
        first_source = netgov.data.split_ids(row.source_ids)[0]
        url = netgov.load("sources").set_index("id").loc[first_source, "url"]
        assert url.replace("&", "&amp;") in html, f"{row.id} card lacks its source {first_source}"


def test_assessments_appear_with_their_verdict():
    explorer = lesson1.ProvisionExplorer()
    explorer.provision.value = "prov-2009-suspension-grounds"
    assert "Incompatible with the standard" in explorer.text.value
    assert "General Comment 34" in explorer.text.value


def test_provision_without_assessment_says_so(provisions):
    judged = set(netgov.load("assessments")["provision_id"])
    unjudged = [p for p in provisions["id"] if p not in judged]
    assert unjudged, "the data has no provision without assessment to test with"
    explorer = lesson1.ProvisionExplorer()
    explorer.provision.value = unjudged[0]
    assert "No assessment in the data" in explorer.text.value


def test_provision_explorer_rejects_bad_input():
    with pytest.raises(ValueError, match="Unknown act 'law-1066'. Acts with provisions in the data"):
        lesson1.ProvisionExplorer(act_id="law-1066")
    explorer = lesson1.ProvisionExplorer(act_id="law-2009-internet")
    assert len(explorer.provision.options) == 5
    with pytest.raises(ValueError, match="Unknown provision 'nope'"):
        explorer.render("nope")
    assert "Choose a provision" in explorer.render(None)


# Legislation timeline -----------------------------------------------------------------------------


def test_timeline_shows_the_ticked_themes_only():
    timeline = lesson1.LegislationTimeline()
    for theme, box in timeline.themes.items():
        box.value = theme == "shutdowns"
    ys = {y for trace in timeline.figure.data for y in trace.y}
    assert ys == {"Communications shutdowns"}
    assert list(timeline.figure.layout.yaxis.categoryarray) == ["Communications shutdowns"]
    assert "communications shutdowns" in timeline.text.value


def test_timeline_highlights_descendants_of_the_2009_law():
    timeline = lesson1.LegislationTimeline()
    names = [trace.name for trace in timeline.figure.data]
    assert names == ["Extends the 2009 law", "Other acts"]
    assert timeline.figure.data[0].marker.symbol == "diamond"  # shape as well as colour
    timeline.highlight.value = False
    assert [trace.name for trace in timeline.figure.data] == ["Acts"]


def test_timeline_counts_match_the_data():
    timeline = lesson1.LegislationTimeline()
    for box in timeline.themes.values():
        box.value = True
    table = lesson1.legislation_table()
    n_acts = table["id"].nunique()
    assert f"Timeline of {n_acts} legal acts" in timeline.text.value
    assert sum(len(trace.x) for trace in timeline.figure.data) == len(table)
    assert timeline.figure.layout.xaxis.tickformat == "%Y"


def test_timeline_with_nothing_ticked_says_so():
    timeline = lesson1.LegislationTimeline()
    refreshed = timeline.chart.refreshes
    for box in timeline.themes.values():
        box.value = False
    assert len(timeline.figure.data) == 0
    assert "No theme ticked" in timeline.figure.layout.annotations[0].text
    assert "No theme ticked" in timeline.text.value
    assert timeline.chart.refreshes > refreshed


def test_timeline_rejects_unknown_themes():
    with pytest.raises(ValueError, match=r"Unknown theme\(s\) \['taxes'\]"):
        lesson1.LegislationTimeline(themes=("taxes",))


# Who is liable? -----------------------------------------------------------------------------------


def test_every_liability_row_renders_both_sides_and_sources():
    explorer = lesson1.LiabilityExplorer()
    for row in netgov.load("liability").itertuples():
        explorer.actor.value = row.actor_role
        explorer.content.value = row.content
        html = explorer.text.value
        assert "What the 2009 framework implied" in html and "What international standards recommend" in html
        assert "not legal advice" in html
        assert "<ol" in html  # the sources list


def test_liability_combination_without_sources_says_so():
    explorer = lesson1.LiabilityExplorer()
    explorer.actor.value = "commenter"
    explorer.content.value = "others_content"
    assert "say nothing specific" in explorer.text.value
    with pytest.raises(ValueError, match="Unknown combination"):
        explorer.render("judge", "extremism")


# Quiz ---------------------------------------------------------------------------------------------


def test_quiz_without_a_choice_asks_for_one():
    question = MultipleChoice("Q?", [Choice("a", True, "because"), Choice("b", False, "no")])
    question.button.click()
    assert "Pick one of the answers" in question.feedback.value
    question.options.value = 1
    question.button.click()
    assert "Not quite" in question.feedback.value
    with pytest.raises(ValueError, match="by its position"):
        question.answer(7)
    with pytest.raises(ValueError, match="at most 90 characters"):
        MultipleChoice("Q?", [Choice("a" * 91, True, "x"), Choice("b", False, "y")])
    with pytest.raises(ValueError, match="exactly one of them correct"):
        MultipleChoice("Q?", [Choice("a", True, "x"), Choice("b", True, "y")])


# Exercise checks ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def answers():
    return right_answers("lesson1")


def test_specific_wrong_answers_get_specific_hints(answers):
    assert "every act" in check.q1(len(netgov.load("provisions"))).message
    assert "';'" in check.q2(["blogger;platform_host"]).message
    assert "wrong way round" in check.q3(-answers["q3"]).message
    assert "Off by one" in check.q3(answers["q3"] + 1).message
    assert "appears" in check.q4("concerns").message
    assert "not a verdict" in check.q4("maybe").message
    assert "every act that extends" in check.q5(int(netgov.load("legal_acts")["extends_2009_law"].sum())).message
    assert "one theme has more" in check.q6("Liability for content").message


def test_checks_accept_equivalent_forms(answers):
    assert check.q2(pd.Series(answers["q2"]).str.upper())
    assert check.q2(tuple(reversed(answers["q2"])))
    assert check.q3(pd.Timedelta(days=answers["q3"]))
    assert check.q4(pd.Series([14, 4], index=[answers["q4"], "concerns"]))
    theme_id = {label: key for key, label in lesson1.THEMES.items()}[answers["q6"]]
    assert check.q6(theme_id)  # the id as well as the label
    assert check.q6(answers["q6"].upper())


def test_feedback_never_gives_the_answer_away(answers):
    for name, wrong in [("q1", 99), ("q3", 99), ("q5", 99)]:
        result = getattr(check, name)(wrong)
        text = result.message + (result.hint or "")
        assert str(answers[name]) not in text


# The state's case (task 7) -------------------------------------------------------------------------


def test_the_states_aims_are_read_from_the_statements(answers):
    state_case = netgov.voice.state_positions(["internet-law-2009"])
    right = answers["q7"]
    assert check.q7(right)
    # Every speaker in the answer key is the state's, and the words are in one of its statements.
    for speaker, words in right.items():
        summaries = state_case[state_case["speaker"] == speaker]["summary"]
        assert summaries.str.contains(words, regex=False).any(), speaker
    # A state speaker whose statements name no harm is not an aim, even with words copied from it.
    silent = state_case[~state_case["speaker"].isin(list(right))]
    assert len(silent), "the data has no state statement without an aim to test with"
    row = silent.iloc[0]
    feedback = check.q7({**right, row["speaker"]: " ".join(row["summary"].split()[:4])})
    assert not feedback and "without naming a harm" in feedback.message


def test_the_states_aims_check_names_what_is_off(answers):
    right = answers["q7"]
    speakers = list(right)
    critic = netgov.voice.other_positions(netgov.voice.state_positions(["internet-law-2009"])).iloc[0]
    assert "critics' side" in check.q7({**right, critic["actor_id"]: "the law"}).message
    assert "is missing" in check.q7(dict(list(right.items())[1:])).message
    swapped = {**right, speakers[0]: right[speakers[1]], speakers[1]: right[speakers[0]]}
    assert f"are {speakers[1]}'s" in check.q7(swapped).message
    assert "does not contain" in check.q7({**right, speakers[0]: "to silence its critics"}).message
    assert "not a speaker" in check.q7({**right, "Ministry of Truth": "libel"}).message
    # A fragment with no harm in it ("said the"), a whole statement, and the words alone are not enough.
    assert "do not name a harm" in check.q7({**right, speakers[0]: "said the"}).message
    state_case = netgov.voice.state_positions(["internet-law-2009"])
    whole = state_case[state_case["speaker"] == speakers[0]]["summary"].iloc[0]
    assert len(whole.split()) > check.MOST_WORDS, "the test needs a statement longer than the limit"
    assert "most of its statement" in check.q7({**right, speakers[0]: whole}).message
    assert check.q7(list(right.values())).status == "unreadable"
    # The speakers' actor ids name the same speakers.
    ids = dict(zip(state_case["speaker"], state_case["actor_id"], strict=False))
    assert check.q7({ids[speaker]: words for speaker, words in right.items()})


# The chart of acts by year (task 8) -------------------------------------------------------------------


def test_acts_by_year_counts_every_dated_act_once():
    table = lesson1.acts_by_year()
    dated = lesson1.legislation_table().drop_duplicates("id")
    last = table[table["year"] == table["year"].max()].set_index("group")["acts_so_far"]
    assert last.sum() == len(dated)
    assert last[lesson1.GROUPS[True]] == int(dated["extends_2009_law"].sum())
    assert table.groupby("group")["new_acts"].sum().sum() == len(dated)
    years = sorted(table["year"].unique())
    assert years == list(range(years[0], years[-1] + 1)), "a year without an act is a row with 0, not a gap"


def test_the_chart_check_reads_the_figure_and_names_what_is_missing(answers):
    import plotly.express as px

    by_year = lesson1.acts_by_year()
    words = {"year": "Year", "acts_so_far": "Acts so far", "new_acts": "Acts that year"}
    assert check.q8(answers["q8"])
    dashed = px.line(by_year, x="year", y="acts_so_far", color="group", line_dash="group", title="Acts", labels=words)
    assert check.q8(dashed)
    shapes = px.line(
        by_year, x="year", y="acts_so_far", color="group", symbol="group", markers=True, title="Acts", labels=words
    )
    assert check.q8(shapes)
    colour_only = px.line(by_year, x="year", y="acts_so_far", color="group", markers=True, title="Acts", labels=words)
    assert "only by colour" in check.q8(colour_only).message
    each_year = px.line(by_year, x="year", y="new_acts", color="group", line_dash="group", title="A", labels=words)
    assert "acts of each year" in check.q8(each_year).message
    untitled = px.line(by_year, x="year", y="acts_so_far", color="group", line_dash="group", labels=words)
    assert "no title" in check.q8(untitled).message
    bare = px.line(by_year, x="year", y="acts_so_far", color="group", line_dash="group", title="Acts")
    assert "not labelled in words" in check.q8(bare).message
    one_group = by_year[by_year["group"] == lesson1.GROUPS[True]]
    alone = px.line(one_group, x="year", y="acts_so_far", color="group", line_dash="group", title="A", labels=words)
    assert "No line named 'Other acts'" in check.q8(alone).message
    gaps = by_year[by_year["new_acts"] > 0]
    skipped = px.line(gaps, x="year", y="acts_so_far", color="group", line_dash="group", title="A", labels=words)
    assert "does not follow" in check.q8(skipped).message
    assert not check.q8(by_year) and check.q8(...).status == "unanswered"


# Variants (netgov.variants) --------------------------------------------------------------------------

#: Two variants the tests read, chosen to differ in every parameter.
SEEDS = (7, 21)


def _figure_points(figure) -> list:
    return [(trace.name, list(trace.x), list(trace.y)) for trace in figure.data]


def _same(a, b) -> bool:
    if hasattr(a, "data"):
        return _figure_points(a) == _figure_points(b)
    if isinstance(a, list):
        return set(a) == set(b)
    return a == b


def test_every_variant_is_answered_by_its_own_key_and_differs_from_the_published():
    published = check.answers()
    for seed in range(1, 31):
        with check.VARIANTS.using(seed):
            right = check.answers()
            for task, answer in right.items():
                assert getattr(check, task)(answer), (seed, task)
            changed = check.VARIANTS.changed_tasks(seed)
            assert changed, seed
            for task in changed:
                assert not _same(right[task], published[task]), (seed, task)
    assert check.VARIANTS.seed is None and check.q1(published["q1"])


def test_the_two_variants_differ_in_every_parameter():
    first, second = (check.VARIANTS.parameters(seed) for seed in SEEDS)
    assert all(first[name] != second[name] for name in first)
    assert set(check.VARIANTS.changed_tasks(SEEDS[0])) == {"q1", "q2", "q3", "q4", "q5", "q8"}


@pytest.mark.parametrize("seed", SEEDS)
def test_a_variants_near_misses_get_their_messages(seed):
    import plotly.express as px

    published = check.answers()
    provisions = netgov.load("provisions")
    acts = netgov.load("legal_acts")
    with check.VARIANTS.using(seed) as p:
        right = check.answers()
        # Task 1: the act's provisions; the published count and every act's are not it.
        assert check.q1(right["q1"])
        assert not check.q1(published["q1"])
        assert "every act" in check.q1(len(provisions)).message
        assert p["act"] in check.q1(99).hint
        # Task 2: the act's groups; the 2009 law's are not them, and groups stuck together are named.
        assert check.q2(right["q2"])
        assert not check.q2(published["q2"])
        assert "';'" in check.q2([";".join(right["q2"])]).message
        assert "not just the first one" in check.q2(right["q2"][:1]).hint
        # Task 3: the days between the act's adoption and signature.
        assert check.q3(right["q3"])
        assert not check.q3(published["q3"])
        assert "wrong way round" in check.q3(-right["q3"]).message
        assert "Off by one" in check.q3(right["q3"] + 1).message
        # Task 4: the act's most common verdict; the others given to it appear less often.
        assert check.q4(right["q4"])
        merged = netgov.load("assessments").merge(provisions[["id", "act_id"]], left_on="provision_id", right_on="id")
        counts = merged[merged["act_id"] == p["verdict_act"]]["verdict"].value_counts()
        assert len(counts) >= 2 and counts.iloc[0] > counts.iloc[1]
        assert published["q4"] != right["q4"] and published["q4"] in counts.index
        assert "another verdict appears more often" in check.q4(published["q4"]).message
        assert "not a verdict" in check.q4("maybe").message
        # Task 5: the descendants signed since the variant's year; every act since then, and every descendant.
        year = p["since_year"]
        assert check.q5(right["q5"])
        assert not check.q5(published["q5"])
        every_act = int((acts["signed"].dt.year >= year).sum())
        assert f"every act signed since {year}" in check.q5(every_act).message
        assert "every act that extends" in check.q5(int(acts["extends_2009_law"].sum())).message
        # Task 8: the years from the variant's first year; the published chart of every year starts too early.
        first = p["chart_from"]
        assert check.q8(right["q8"])
        feedback = check.q8(published["q8"])
        assert not feedback and f"starts before {first}" in feedback.message
        rows = lesson1.acts_by_year()
        rows = rows[rows["year"] >= first]
        words = {"year": "Year", "new_acts": "Acts that year"}
        each_year = px.line(rows, x="year", y="new_acts", color="group", line_dash="group", title="A", labels=words)
        assert "acts of each year" in check.q8(each_year).message
        # The tasks a variant leaves as published expect the published answers.
        for task in ("q6", "q7"):
            assert check.VARIANTS.tasks.get(task) is None and getattr(check, task)(published[task])


def test_a_variants_prompts_name_its_values():
    texts = check.VARIANTS.texts(SEEDS[0])
    values = check.VARIANTS.parameters(SEEDS[0])
    names = netgov.load("legal_acts").set_index("id")["short_title"]
    assert texts["act_name"] == names[values["act"]] and texts["gap_act_name"] == names[values["gap_act"]]
    assert texts["act_var"].startswith("law_20") and texts["act_var"] != "law_2009"
    assert str(values["chart_from"]) in texts["chart_span"] and str(values["chart_from"]) in texts["chart_rows"]
    published = check.VARIANTS.texts(None)
    assert published["act_var"] == "law_2009" and published["chart_span"] == "" and published["chart_rows"] == "by_year"
