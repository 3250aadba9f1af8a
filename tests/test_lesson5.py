"""Lesson 5's tables, widgets and exercise checks, driven headlessly."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import pytest
from answers import right_answers

import netgov
from netgov import lesson5
from netgov.lesson5 import checks as check

# The comparison --------------------------------------------------------------------------------------------


def test_the_matrix_has_a_cell_for_every_jurisdiction_and_feature_and_says_what_each_is():
    matrix = lesson5.feature_matrix()
    assert matrix.shape == (len(lesson5.JURISDICTIONS), len(lesson5.FEATURES))
    words = {"none found", "not researched", "year unknown"}
    assert all(cell.isdigit() or cell in words for cell in matrix.to_numpy().ravel())
    # Every pair with a dated rule shows the year of its earliest act, not a word.
    for row in lesson5.first_rules().itertuples():
        assert matrix.loc[row.jurisdiction_name, row.feature_name] == str(int(row.since))
    rows = netgov.load("comparison")
    # A pair with only a "no such law found" row reads "none found", never a year or "not researched".
    for finding, word in (("no_such_law_found", "none found"), ("not_researched", "not researched")):
        only = rows.groupby(["jurisdiction", "feature"])["finding"].agg(set)
        for (code, feature), found in only.items():
            if found == {finding}:
                assert matrix.loc[lesson5.JURISDICTIONS[code], lesson5.FEATURES[feature]] == word


def test_first_rules_keep_the_earliest_act_of_each_pair_up_to_the_year():
    firsts = lesson5.first_rules()
    assert not firsts.duplicated(["jurisdiction", "feature"]).any()
    rules = lesson5.comparison_table()
    found = rules[(rules["finding"] == "has_rule") & rules["since"].notna()]
    earliest = found.groupby(["jurisdiction", "feature"])["since"].min()
    assert firsts.set_index(["jurisdiction", "feature"])["since"].sort_index().equals(earliest.sort_index())
    up_to_2010 = lesson5.first_rules(until=2010)
    assert (up_to_2010["since"] <= 2010).all() and len(up_to_2010) < len(firsts)
    matrix = lesson5.feature_matrix(until=2010)
    later = firsts[firsts["since"] > 2010].iloc[0]
    assert matrix.loc[later["jurisdiction_name"], later["feature_name"]] == "later"


@pytest.mark.parametrize(
    "call, words",
    [
        (lambda: lesson5.first_rules(["blocking"]), "Unknown features ['blocking']. Accepted: online_media_status"),
        (lambda: lesson5.first_rules(jurisdictions="Kazakhstan"), "Unknown jurisdictions ['Kazakhstan']. Accepted: KZ"),
        (lambda: lesson5.score_table(["EU"]), "Unknown countries ['EU']. Accepted: KZ"),
        (lambda: lesson5.first_rules(7), "features must be a list of codes"),
        (lambda: lesson5.laws_near("XX", 2020), "Unknown country ['XX']"),
    ],
)
def test_unknown_codes_are_named_with_what_is_accepted(call, words):
    with pytest.raises((ValueError, TypeError), match=words.replace("[", r"\[").replace("]", r"\]")):
        call()


# Scores on one scale -----------------------------------------------------------------------------------------


def test_old_scores_are_converted_and_restated_editions_kept_once():
    published = netgov.load("freedom_on_the_net").dropna(subset=["total"])
    scores = lesson5.score_table()
    assert not scores.duplicated(["country", "edition"]).any()
    for row in scores.itertuples():
        same = published[(published["country"] == row.country) & (published["edition"] == row.edition)]
        new = same[same["scale"] == "new"]
        if len(new):  # a restated edition keeps the score on the new scale
            assert not row.converted and row.score == new["total"].iloc[0]
        else:
            assert row.converted and row.score == 100 - same["total"].iloc[0]
    # Kazakhstan's 2018 edition exists on both scales: the restated score is the one kept.
    kz = scores[scores["country"] == "KZ"].set_index("edition")
    assert kz.loc[2018, "converted"] == False  # noqa: E712 - a numpy bool
    assert kz.loc[2017, "converted"] == True  # noqa: E712


def test_laws_near_an_edition_are_those_signed_that_year_or_the_year_before():
    near = lesson5.laws_near("RU", 2014)
    assert len(near) and set(near["since"]) <= {2013, 2014} and (near["jurisdiction"] == "RU").all()


# Activities ---------------------------------------------------------------------------------------------------


def test_the_comparator_draws_one_series_per_feature_and_follows_the_year():
    comparator = lesson5.LawComparator(features=("platform_representative",))
    assert [trace.name for trace in comparator.figure.data] == [lesson5.FEATURES["platform_representative"]]
    everywhere = len(comparator.figure.data[0].x)
    comparator.until.value = 2018
    assert len(comparator.figure.data[0].x) < everywhere
    assert all(x <= 2018 for x in comparator.figure.data[0].x)
    assert "later:" in comparator.text.value.lower() or "Later:" in comparator.text.value
    assert "not who copied whom" in comparator.text.value


def test_the_comparator_keeps_two_rules_of_one_jurisdiction_apart_and_names_old_acts():
    comparator = lesson5.LawComparator(features=tuple(lesson5.FEATURES))
    points = [(x, y) for trace in comparator.figure.data for x, y in zip(trace.x, trace.y, strict=True)]
    assert len(points) == len(set(points))
    symbols = [trace.marker.symbol for trace in comparator.figure.data]
    assert len(set(symbols)) == len(symbols)  # shapes, not colour alone
    old = lesson5.first_rules()
    old = old[old["since"] < lesson5.activities.EARLIEST_DRAWN]
    for row in old.itertuples():
        assert f"{row.jurisdiction_name}, {int(row.since)}" in comparator.text.value


def test_the_comparator_with_nothing_chosen_says_what_to_do():
    comparator = lesson5.LawComparator()
    comparator.features.value = ()
    assert "Pick at least one feature" in comparator.text.value
    with pytest.raises(ValueError, match="Unknown features"):
        lesson5.LawComparator(features=("shutdowns",))
    with pytest.raises(ValueError, match="until must be a year"):
        lesson5.LawComparator(until=1900)


def test_the_trajectory_marks_converted_scores_and_does_not_pile_up_lines():
    trajectory = lesson5.Trajectory(countries=("KZ",), show_acts=False)
    (line,) = trajectory.figure.data
    scores = lesson5.score_table(["KZ"])
    assert list(line.y) == scores["score"].tolist()
    assert [s.endswith("-open") for s in line.marker.symbol] == scores["converted"].tolist()
    trajectory.show_acts.value = True
    trajectory.countries.value = ("KZ", "RU")
    trajectory.countries.value = ("RU",)
    assert len(trajectory.figure.layout.shapes) == 1 and len(trajectory.figure.layout.annotations) == 1
    dashes = {t.line.dash for t in lesson5.Trajectory(countries=("KZ", "RU", "KG"), show_acts=False).figure.data}
    assert len(dashes) == 3


def test_the_trajectory_names_every_big_move_and_the_acts_near_it():
    trajectory = lesson5.Trajectory(countries=("RU",))
    moves = trajectory.turning_points("RU")
    assert len(moves)
    for move in moves.itertuples():
        assert f"{int(move.edition)} ({int(move.change):+d}" in trajectory.text.value
    trajectory.countries.value = ()
    assert "Pick at least one country" in trajectory.text.value
    with pytest.raises(ValueError, match="No scores for"):
        lesson5.Trajectory(countries=("EU",))


def test_the_three_part_test_compares_ratings_with_the_bodies():
    test = lesson5.ThreePartTest()
    judged = lesson5.judgment_table()
    rows = judged[judged["comparison_id"] == test.measure.value]
    part = rows[rows["part"] != "overall"].iloc[0]
    agreed = test.compare(**{part["part"]: part["verdict"]})
    assert agreed == 1 and "1 of your 1 ratings match" in test.feedback.value
    assert part["assessor"] in test.feedback.value
    other = next(
        v for v in ("meets", "fails", "raises_concern") if v not in set(rows[rows["part"] == part["part"]]["verdict"])
    )
    assert test.compare(**{part["part"]: other}) == 0
    assert test.compare() == 0 and "Rate at least one part" in test.feedback.value
    with pytest.raises(ValueError, match="Unknown rating 'good'"):
        test.compare(legality="good")
    with pytest.raises(ValueError, match="No judgments of"):
        lesson5.ThreePartTest(measure="cmp-xx-nothing")


def test_a_new_measure_clears_the_ratings_and_the_comparison():
    test = lesson5.ThreePartTest()
    if len(test.measure.options) < 2:
        pytest.skip("one measure only")
    test.ratings["legality"].value = "fails"
    test.button.click()
    assert test.feedback.value
    test.measure.value = test.measure.options[1][1]
    assert test.feedback.value == "" and test.ratings["legality"].value is None


def test_a_mapping_made_by_the_kit_is_said_to_be_the_kit_s():
    judged = lesson5.judgment_table()
    mapped = judged[(judged["mapping"] == "kit") & (judged["part"] != "overall")].iloc[0]
    test = lesson5.ThreePartTest(measure=mapped["comparison_id"])
    test.compare(**{mapped["part"]: mapped["verdict"]})
    assert "the kit maps the body's reasons to this part" in test.feedback.value


# Quiz and checks ---------------------------------------------------------------------------------------------


def test_the_scale_question_takes_its_numbers_from_the_data():
    published = netgov.load("freedom_on_the_net").query("country == 'KZ' and edition == 2018")
    old = int(published.query("scale == 'old'")["total"].iloc[0])
    question = next(q for q in lesson5.quiz_questions() if "2018 edition" in q.question)
    assert str(old) in question.question
    right = next(choice for choice in question.choices if choice.correct)
    assert right.text == str(100 - old)


def test_the_right_answers_pass():
    for name, answer in right_answers("lesson5").items():
        assert getattr(check, name)(answer), name


def test_the_change_of_score_checks_its_sign():
    right = right_answers("lesson5")["q2"]
    assert "sign" in check.q2(-right).message
    assert not check.q2(right + 1)


def test_the_chart_check_reads_the_figure_and_names_what_is_missing():
    answer = right_answers("lesson5")["q4"]
    assert check.q4(answer)
    rows = lesson5.score_table(["KZ", "RU", "KG"])
    raw = netgov.load("freedom_on_the_net").query("country in ['KZ', 'RU', 'KG']").dropna(subset=["total"])
    mixed = px.line(
        raw.drop_duplicates(["country", "edition"]).assign(
            country_name=lambda f: f["country"].map(lesson5.JURISDICTIONS)
        ),
        x="edition",
        y="total",
        color="country_name",
        title="Scores",
        labels={"edition": "Edition", "total": "Score"},
    )
    feedback = check.q4(mixed)
    assert not feedback and ("mixes the two scales" in feedback.message or "does not follow" in feedback.message)
    untitled = px.line(
        rows, x="edition", y="score", color="country_name", labels={"edition": "Edition", "score": "Score"}
    )
    assert "no title" in check.q4(untitled).message
    assert not check.q4(pd.DataFrame({"a": [1]}))
    assert check.q4(...).status == "unanswered"


@pytest.mark.parametrize("seed", [3, 7])
def test_a_variant_names_its_own_near_misses(seed):
    """Under a variant each check takes its answer, refuses the published one, and still names the mistakes it
    knows, with the variant's values in its hints."""
    published = check.answers()
    with check.VARIANTS.using(seed) as values:
        answers = check.answers()
        for task in check.VARIANTS.tasks:
            assert getattr(check, task)(answers[task]), task
        assert not check.q1(published["q1"]) and not check.q2(published["q2"]) and not check.q5(published["q5"])
        rules = lesson5.comparison_table()
        found = rules[(rules["feature"] == values["feature"]) & (rules["finding"] == "has_rule")]
        every_year = check.q1(found["jurisdiction"].nunique())
        assert "after" in every_year.message and str(values["by_year"]) in every_year.hint
        assert "sign" in check.q2(-answers["q2"]).message
        scores = lesson5.score_table(list(values["among"]))
        edition = scores[scores["edition"] == values["low_edition"]].set_index("country")["score"]
        assert ".idxmin()" in check.q3(edition.idxmax()).hint
        outside = next(c for c in lesson5.tables.SCORED if c not in values["among"])
        assert "not one of the countries the task asks about" in check.q3(outside).message
        judgments = netgov.load("judgments")
        failing = judgments[(judgments["part"] == values["part"]) & (judgments["verdict"] == "fails")]
        assert "counts judgments" in check.q5(len(failing)).message
        assert values["part"] in check.q5(answers["q5"] + 100).hint


def test_the_three_part_test_names_each_part_whole():
    test = lesson5.ThreePartTest()
    assert [test.ratings[p].description for p in ("legality", "legitimate_aim", "necessity")] == [
        lesson5.tables.PARTS[p] for p in ("legality", "legitimate_aim", "necessity")
    ]
