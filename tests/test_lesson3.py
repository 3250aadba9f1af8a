"""Lesson 3's network model, widgets and exercise checks, driven headlessly."""

from __future__ import annotations

import networkx as nx
import pytest
from answers import right_answers

import netgov
from netgov import lesson3
from netgov.lesson3 import checks as check

# The model --------------------------------------------------------------------------------------------


def test_topologies_follow_the_links_table():
    links = netgov.load("links")
    for era in lesson3.ERAS:
        graph = lesson3.topology(era)
        era_links = links[links["era"] == era.split("-")[0]]
        for row in era_links.itertuples():
            if era == "2009-all" and row.id == "l09-nursat-ftb":
                assert not graph.has_edge(row.from_id, row.to_id)  # the OpenNet reading drops it
            else:
                assert graph.edges[row.from_id, row.to_id]["certainty"] == row.certainty
        assert nx.is_connected(graph), f"{era}: every network reaches the world in the model"


def test_lose_access_on_a_small_graph():
    graph = nx.Graph()
    for node, role in [
        ("world", "world"),
        ("up", "foreign_upstream"),
        ("hub", "incumbent"),
        ("a", "alternative_isp"),
        ("b", "alternative_isp"),
        ("c", "alternative_isp"),
    ]:
        graph.add_node(node, name=node, country="KZ", role=role, certainty="documented")
    graph.add_edges_from([("world", "up"), ("up", "hub"), ("hub", "a"), ("hub", "b"), ("up", "c")])
    assert lesson3.lose_access(graph, "hub") == ["a", "b", "hub"]
    assert lesson3.lose_access(graph, "c") == ["c"]
    assert lesson3.lose_access(graph, "up") == ["a", "b", "c", "hub"]
    assert lesson3.lose_access(graph, "a", destination="a") == ["b", "c", "hub"]  # the site itself is gone
    assert lesson3.chokepoint_share(graph, "hub") == pytest.approx(3 / 4)  # the hub's own users count too
    assert lesson3.chokepoint_share(graph, "up") == pytest.approx(4 / 4)
    with pytest.raises(ValueError, match="Unknown blocking point 'zz'"):
        lesson3.lose_access(graph, "zz")


def test_kazakhtelecom_was_the_chokepoint_in_2009_and_less_so_today():
    assert lesson3.chokepoint_share(lesson3.topology("2009-all")) > 0.8
    assert lesson3.chokepoint_share(lesson3.topology("2009-part")) < lesson3.chokepoint_share(
        lesson3.topology("2009-all")
    )
    assert lesson3.chokepoint_share(lesson3.topology("today")) < 0.5
    assert lesson3.betweenness(lesson3.topology("2009-all")).index[0] == "Kazakhtelecom JSC"


def test_a_new_gateway_lowers_the_chokepoint_share():
    graph = lesson3.topology("2009-all")
    before = lesson3.chokepoint_share(graph)
    after = lesson3.chokepoint_share(lesson3.add_gateways(graph, ["isps-kg", "nursat"]))
    assert after < before
    assert lesson3.add_gateways(graph, []).number_of_nodes() == graph.number_of_nodes()
    with pytest.raises(ValueError, match="Unknown network"):
        lesson3.add_gateways(graph, ["atlantis"])


def test_hhi_and_bands():
    assert lesson3.hhi([100]) == 10_000
    assert lesson3.hhi([40, 37, 23]) == 3498
    assert lesson3.hhi_band(999) == "unconcentrated"
    assert lesson3.hhi_band(1000) == "moderately concentrated"
    assert lesson3.hhi_band(1800) == "moderately concentrated"
    assert lesson3.hhi_band(1801) == "highly concentrated"
    with pytest.raises(ValueError, match="percentages from 0 to 100"):
        lesson3.hhi([120])
    with pytest.raises(ValueError, match="between 0 and 10,000"):
        lesson3.hhi_band(-5)


def test_market_shares_table_and_unknown_segment():
    table = lesson3.market_shares()
    assert 2016 in table.index and table.loc[2016].dropna().sum() == pytest.approx(100)
    with pytest.raises(ValueError, match="No market shares for segment 'radio'"):
        lesson3.market_shares("radio")


# Widgets ------------------------------------------------------------------------------------------------


def test_chokepoint_explorer_marks_who_loses_access():
    explorer = lesson3.ChokepointExplorer()
    names = {trace.name for trace in explorer.figure.data}
    assert {"Loses access", "Where the block is applied", "Link: documented", "Link: illustrative"} <= names
    assert "cuts off 12 of 14 networks" in explorer.text.value
    explorer.blocked_at.value = "foreign-transit-b"
    assert "cuts off 2 of 14 networks" in explorer.text.value  # 2Day Telecom and Ducat
    assert "2Day Telecom" in explorer.text.value
    explorer.era.value = "today"
    assert explorer.blocked_at.value == "foreign-transit-b"  # kept, as it exists today too
    explorer.blocked_at.value = "kazakhtelecom"
    assert "Countries affected: KZ." in explorer.text.value


def test_chokepoint_explorer_rejects_unknown_era():
    with pytest.raises(ValueError, match="Unknown era"):
        lesson3.ChokepointExplorer(era="1990")


def test_concentration_calculator_follows_the_sliders():
    calc = lesson3.ConcentrationCalculator()
    assert "HHI = 3,498" in calc.text.value and "highly concentrated" in calc.text.value
    calc.sliders["Beeline"].value = 10
    assert "HHI = 1,998" in calc.text.value  # 10² + 37² + 23²
    for slider in calc.sliders.values():
        slider.value = 0
    assert "All shares are zero" in calc.text.value
    calc.year.value = 2011
    assert "more than 100%" in calc.text.value  # the 2011 sources add up to 103%
    assert list(calc.sliders) == ["Altel", "Beeline", "Kcell", "Tele2"]
    with pytest.raises(ValueError, match="No mobile-broadband shares for 1999"):
        lesson3.ConcentrationCalculator(year=1999)


def test_gateway_explorer_reports_the_fall():
    explorer = lesson3.GatewayExplorer()
    assert "No new gateway yet" in explorer.text.value
    before = explorer.current
    explorer.gateways.value = ("isps-kg", "isps-tj", "isps-uz", "nursat")
    assert explorer.current[0] < before[0] and explorer.current[1] < before[1]
    assert "4 new gateway(s)" in explorer.text.value


# Exercise checks ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def answers():
    return right_answers("lesson3")


def test_wrong_answers_get_specific_hints(answers):
    assert "sum of the shares" in check.q1(100).message
    assert "squares the total" in check.q1(10_000).message
    assert "fractions" in check.q1(answers["q1"] / 10_000).message
    assert "own network out" in check.q2(11 / 13).message  # 11 of the 13 networks other than Kazakhtelecom
    assert "second highest" in check.q3(lesson3.betweenness(lesson3.topology("2009-all")).index[1]).message
    assert "Leave Kazakhstan itself out" in check.q4(["KZ", *answers["q4"]]).message
    assert "2009 figure" in check.q5(lesson3.chokepoint_share(lesson3.topology("2009-all"))).message
    assert "own network out" in check.q5(2 / 9).message
    assert check.q2(150).status == "unreadable"


def test_equivalent_forms_are_accepted(answers):
    assert check.q2(100 * answers["q2"])
    assert check.q3("kazakhtelecom")
    assert check.q4(["Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"])
    assert check.q5(100 * answers["q5"])


def test_quiz_explains_every_choice():
    for question in lesson3.quiz_questions():
        for index, choice in enumerate(question.choices):
            assert question.answer(index) is choice.correct
    hhi_question = lesson3.quiz_questions()[1]
    right = next(c for c in hhi_question.choices if c.correct)
    assert float(right.text.replace(",", "")) == lesson3.hhi([50, 30, 20])


def test_concentration_calculator_explains_shares_beyond_100_percent_instead_of_failing():
    calc = lesson3.ConcentrationCalculator()
    for slider in calc.sliders.values():
        slider.value = 100
    assert "outside every band" in calc.text.value and "more than 100%" in calc.text.value


# One definition, one number ---------------------------------------------------------------------------


def test_the_chokepoint_share_is_one_number_wherever_it_is_shown(answers):
    """The share of networks a block at Kazakhtelecom cuts off is the same in the model function, both
    activities, the exercise and the quiz (it once read 86% in one place and 85% in another)."""
    graph = lesson3.topology("2009-all")
    share = lesson3.chokepoint_share(graph)
    lost = lesson3.lose_access(graph, "kazakhtelecom")
    assert share == len(lost) / len(lesson3.access_networks(graph))
    assert f"({share:.0%})" in lesson3.ChokepointExplorer().text.value
    assert f"<strong>{share:.0%}</strong>" in lesson3.GatewayExplorer().text.value
    assert answers["q2"] == share and check.q2(share)
    quiz_text = " ".join(c.why for q in lesson3.quiz_questions() for c in q.choices)
    assert f"{share:.0%} chokepoint share" in quiz_text
    today = lesson3.topology("today")
    assert answers["q5"] == len(lesson3.lose_access(today, "kazakhtelecom")) / len(lesson3.access_networks(today))
