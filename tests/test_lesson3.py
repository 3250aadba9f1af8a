"""Lesson 3's network model, widgets and exercise checks, driven headlessly."""

from __future__ import annotations

import networkx as nx
import pytest
from answers import right_answers
from helpers import ROOT

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


# "Try this": what a learner should find ---------------------------------------------------------------


def _try_this_answers() -> list[str]:
    """The folded answer under each "Try this" of the lesson notebook, with its lines joined."""
    import nbformat

    nb = nbformat.read(ROOT / "notebooks" / "03-one-gateway.ipynb", as_version=4)
    found = []
    for cell in nb.cells:
        if cell.cell_type == "markdown" and "**Try this:**" in cell.source:
            after = cell.source.split("**Try this:**", 1)[1]
            opening = "<details><summary>What you should find</summary>"
            assert opening in after and after.rstrip().endswith("</details>"), cell.source[:80]
            found.append(" ".join(after.split(opening, 1)[1].split()))
    return found


def _names(graph, nodes) -> list[str]:
    return [graph.nodes[n]["name"] for n in nodes]


NUMBERS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


def test_every_try_this_has_a_folded_answer():
    assert len(_try_this_answers()) == 3  # one per activity


def test_what_the_concentration_calculator_should_show():
    calculator = _try_this_answers()[0]
    # From the largest operator to the smallest, in 2016.
    shares = lesson3.market_shares().loc[2016].dropna()
    assert shares.size == 3
    largest, smallest = shares.idxmax(), shares.idxmin()
    big, small = shares[largest], shares[smallest]
    (middle,) = (v for k, v in shares.items() if k not in (largest, smallest))
    assert f"from {largest}, at {big:.0f}%, to {smallest}, at {small:.0f}%," in calculator

    def index(moved: float) -> float:
        return lesson3.hhi([big - moved, small + moved, middle])

    equal = (big - small) / 2
    start = f"lowers the HHI from {index(0):,.0f} until the two are equal at {big - equal:.1f}% each"
    assert f"{start} (HHI {index(equal):,.0f})" in calculator
    assert index(equal - 0.5) > index(equal) < index(equal + 0.5)  # lowest there, then it rises again
    assert f"doubled its share to {2 * small:.0f}% and {largest} is down to {big - small:.0f}%" in calculator
    assert f"the HHI is {index(small):,.0f}, more than at the start" in calculator and index(small) > index(0)
    assert 2 * small > big  # "now larger than Beeline was"
    third, sixth, fifth = (lesson3.hhi([100 / n] * n) for n in (3, 6, 5))
    assert f"give {third:,.0f}, the lowest" in calculator
    assert f"six equal firms to fall below 1,800 (HHI {sixth:,.0f}); five give {fifth:,.0f}" in calculator
    assert sixth < 1800 < fifth

    # The shares of 2011: each operator's subscribers over one total, which they exceed.
    market = netgov.load("market")
    rows = market[(market["segment"] == "mobile_broadband") & (market["year"] == 2011)]
    whole = rows["operator"] == "all operators"
    (total,) = rows[whole & (rows["metric"] == "subscribers")]["value"]
    operators = rows[~whole].pivot_table(index="operator", columns="metric", values="value")
    assert len(operators) == 4
    for row in operators.itertuples():
        assert row.share_percent == pytest.approx(100 * row.subscribers / total, abs=0.01), row.Index
    assert f"divided by {total:,.0f}" in calculator
    assert operators["subscribers"].sum() > total
    assert f"add up to {operators['subscribers'].sum():,.0f}, more than that count" in calculator
    assert f"the shares add up to {lesson3.market_shares().loc[2011].sum():.1f}%" in calculator
    assert all("table 84" in note for note in rows[~whole]["note"])
    assert all("table 75" in note and "GSMA Intelligence, ITU" in note for note in rows[whole]["note"])
    assert "its table 84" in calculator and "(its table 75, from GSMA Intelligence and ITU)" in calculator


def test_what_the_chokepoint_explorer_should_show():
    chokepoint = _try_this_answers()[1]
    links = netgov.load("links").set_index("id")
    # 2009 (OpenNet reading), a block at Kazakhtelecom.
    graph = lesson3.topology("2009-all")
    lost = lesson3.lose_access(graph, "kazakhtelecom")
    networks = len(lesson3.access_networks(graph))
    assert f"cuts off {len(lost)} of the {networks} networks ({len(lost) / networks:.0%})" in chokepoint
    countries = {graph.nodes[n]["country"] for n in lost}
    names = check.COUNTRY_NAMES
    listed = sorted(names[code] for code in countries)
    assert f"in {NUMBERS[len(countries)]} countries: {', '.join(listed[:-1])} and {listed[-1]}." in chokepoint
    assert len(links.loc["l09-tm-kt", "source_ids"].split(";")) == 1  # "Only one source names Turkmenistan"
    # The block at Foreign transit B.
    via_b = lesson3.lose_access(graph, "foreign-transit-b")
    assert f"cuts off {len(via_b)} networks, {' and '.join(_names(graph, via_b))}" in chokepoint
    assert set(via_b) == set(lesson3.access_networks(graph)) - set(lost)  # "the only networks"
    for link in ("l09-2day-ftb", "l09-ducat-ftb"):
        assert links.loc[link, "certainty"] == "illustrative" and "2008" in links.loc[link, "note"]
        assert "LiveJournal stayed reachable" in links.loc[link, "note"]
    # Today, the block at Foreign transit B, then back at Kazakhtelecom.
    today = lesson3.topology("today")
    networks = len(lesson3.access_networks(today))
    via_b = lesson3.lose_access(today, "foreign-transit-b")
    assert f"Today a block at Foreign transit B cuts off {len(via_b)} of the {networks} networks" in chokepoint
    assert all(name in chokepoint for name in _names(today, via_b))
    lost = lesson3.lose_access(today, "kazakhtelecom")
    back = f"Back at Kazakhtelecom it cuts off {len(lost)} ({len(lost) / networks:.0%}), all in Kazakhstan"
    assert back in chokepoint and {today.nodes[n]["country"] for n in lost} == {"KZ"}
    assert all(name in chokepoint for name in _names(today, lost))


def test_what_the_gateway_explorer_should_show():
    gateway = _try_this_answers()[2]
    base = lesson3.topology("2009-all")
    share = lesson3.chokepoint_share(base)
    networks = len(lesson3.access_networks(base))
    losing = [n for n in lesson3.lose_access(base, "kazakhtelecom") if n != "kazakhtelecom"]
    others = [n for n in lesson3.access_networks(base) if n not in losing and n != "kazakhtelecom"]
    after = {n: lesson3.add_gateways(base, [n]) for n in losing + others}

    def central(graph) -> float:
        return lesson3.betweenness(graph)["Kazakhtelecom JSC"]

    # Any network that loses access lowers the share and the betweenness by as much as any other.
    shares = {lesson3.chokepoint_share(after[n]) for n in losing}
    centrals = {round(central(after[n]), 2) for n in losing}
    assert len(shares) == 1 and len(centrals) == 1
    assert f"Any one of the {len(losing)} networks that lose access" in gateway
    assert f"lowers the share from {share:.0%} to {shares.pop():.0%}: one network fewer out of {networks}" in gateway
    assert f"betweenness falls from {central(base):.2f} to {centrals.pop():.2f}" in gateway
    assert "(about 100" in base.nodes["kz-second-tier-isps"]["name"]
    # Two networks change nothing but the betweenness, which falls only because the model has one more node.
    assert f"{' and '.join(_names(base, others))} already reach Foreign transit B" in gateway
    for n in others:
        assert lesson3.chokepoint_share(after[n]) == share and f"leaves the share at {share:.0%}" in gateway
        assert f"to {central(after[n]):.2f}, only because" in gateway
        crossing = nx.betweenness_centrality(after[n], normalized=False)["kazakhtelecom"]
        assert crossing >= nx.betweenness_centrality(base, normalized=False)["kazakhtelecom"]
    # Each gateway frees only the network that gets it.
    for n in losing:
        assert set(lesson3.lose_access(after[n], "kazakhtelecom")) == set(
            lesson3.lose_access(base, "kazakhtelecom")
        ) - {n}
    shares = [lesson3.chokepoint_share(lesson3.add_gateways(base, losing[:k])) for k in range(len(losing) + 1)]
    needed = next(k for k, s in enumerate(shares) if s < 0.5)
    assert f"{NUMBERS[needed].title()}, all for networks that lose access" in gateway
    assert (
        f"{shares[needed - 1]:.0%} with {NUMBERS[needed - 1]} gateways, {shares[needed]:.0%} with {NUMBERS[needed]}"
        in (gateway)
    )
    # What a government can do: the sources' cases.
    links = netgov.load("links").set_index("id")
    tajik = links.loc["lt-tj-tajiktelecom", "note"]
    assert "single gateway" in tajik and "2018" in tajik and "Tajikistan's rule since 2018" in gateway
    assert "all internet traffic passes through Kazakhtelecom" in links.loc["l09-nursat-kt", "note"]
    provision = netgov.load("provisions").set_index("id").loc["prov-2014-art41-1-extrajudicial"]
    assert "Prosecutor General" in provision["summary"] and provision["act_id"].startswith("law-2014")
    assert "Prosecutor General has had since 2014" in gateway


# Tasks 6 to 8: networkx itself, and a figure in the open -------------------------------------------------


def _graph_from_links(era: str = "2009") -> nx.Graph:
    """The graph a learner builds in task 6: one era's rows of links.csv, with networkx itself."""
    links = netgov.load("links")
    return nx.from_pandas_edgelist(links[links["era"] == era], source="from_id", target="to_id")


def test_the_path_check_wants_the_networks_in_order(answers):
    path = answers["q6"]
    assert path == nx.shortest_path(_graph_from_links(), "isps-kg", "foreign-transit-a")
    assert path[0] == "isps-kg" and path[-1] == "foreign-transit-a"
    assert check.q6(path) and check.q6(" -> ".join(path)) and check.q6(tuple(path))
    assert check.q6(["ISPs in Kyrgyzstan (group)", "Kazakhtelecom", "Foreign transit A"])
    assert "from the foreign upstream to the users" in check.q6(path[::-1]).message
    assert "both its ends" in check.q6(path[1:]).message
    assert "both its ends" in check.q6(path[:-1]).message
    assert "another order" in check.q6([path[1], path[0], *path[2:]]).message
    today = nx.shortest_path(_graph_from_links("today"), "isps-kg", "foreign-transit-a")
    assert today != path and "today's route" in check.q6(today).message
    assert check.q6(set(path)).status == "unreadable"
    assert "not the id" in check.q6([*path[:-1], "Foreign transit C"]).message
    assert "Kazakhtelecom JSC" in check.q6(path).message and "transit" in check.q6(path).message


def test_the_reachability_check_follows_the_graph_the_learner_built(answers):
    blocked = _graph_from_links()
    blocked.remove_node("kazakhtelecom")
    foreign = ["foreign-transit-a", "foreign-transit-b"]
    still = sorted(n for n in blocked if n not in foreign and any(nx.has_path(blocked, n, f) for f in foreign))
    assert answers["q7"] == still
    assert check.q7(still) and check.q7([netgov.load("networks").set_index("id").loc[n, "name"] for n in still])
    right = check.q7(still)
    share = lesson3.chokepoint_share(lesson3.topology("2009-part"))
    users = [n for n in _graph_from_links() if n not in foreign]  # Kazakhtelecom's own users count too
    assert share == (len(users) - len(still)) / len(users) and f"{share:.0%}" in right.message
    model = lesson3.topology("2009-all")
    in_model = sorted(set(lesson3.access_networks(model)) - set(lesson3.lose_access(model, "kazakhtelecom")))
    assert in_model != still and "OpenNet's reading" in check.q7(in_model).message
    assert "where the block is" in check.q7([*still, "kazakhtelecom"]).message
    assert "foreign upstream" in check.q7([*still, "foreign-transit-b"]).message
    assert "1 missing" in check.q7(still[1:]).message
    assert "no path abroad" in check.q7([*still, "astel"]).message
    assert "not the id" in check.q7([*still, "atlantis"]).message


def test_the_chart_check_reads_the_figure_and_names_what_is_missing(answers):
    import plotly.express as px
    import plotly.graph_objects as go

    figure = answers["q8"]
    assert check.q8(figure)
    market = netgov.load("market")
    rows = market[(market["segment"] == "mobile_broadband") & (market["metric"] == "share_percent")]
    assert {trace.name for trace in figure.data} == set(rows["operator"])
    labels = {"year": "Year", "value": "Share (%)"}
    wide = px.line(lesson3.market_shares(), markers=True, title="Mobile broadband", labels=labels)
    assert check.q8(wide)  # the wide table: its gaps (NaN) are not points
    counts = market[(market["segment"] == "mobile_broadband") & (market["metric"] == "subscribers")]
    drawn = px.line(counts, x="year", y="value", color="operator", markers=True, title="Counts", labels=labels)
    assert not check.q8(drawn)
    untitled = px.line(rows, x="year", y="value", color="operator", markers=True, labels=labels)
    assert "no title" in check.q8(untitled).message
    bare = px.line(rows, x="year", y="value", color="operator", markers=True, title="Shares")
    assert "not labelled in words" in check.q8(bare).message
    plain = px.line(rows, x="year", y="value", color="operator", title="Shares", labels=labels)
    single = [o for o, group in rows.groupby("operator") if len(group) == 1]
    assert single and "no markers" in check.q8(plain).message and single[0] in check.q8(plain).message
    fewer = px.line(
        rows[rows["operator"] != "Kcell"],
        x="year",
        y="value",
        color="operator",
        markers=True,
        title="Shares",
        labels=labels,
    )
    assert "No line named Kcell" in check.q8(fewer).message
    assert check.q8(go.Figure()).status == "not yet"
    assert "HHI" in check.q8(figure).message and "highly concentrated" in check.q8(figure).message


# Variants -----------------------------------------------------------------------------------------------


def test_every_variant_accepts_its_own_answers_and_changes_them():
    published = check.answers()
    for seed in range(1, 31, 3):  # every third seed; all 30 take some 20 seconds
        with check.VARIANTS.using(seed):
            answers = check.answers()
            changed = check.VARIANTS.changed_tasks(seed)
            assert len(changed) >= 4, seed
            for task in ("q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8"):
                result = getattr(check, task)(answers[task])
                assert result, (seed, task, result.message)
            for task in changed:
                if task != "q8":
                    assert answers[task] != published[task], (seed, task)
                assert not getattr(check, task)(published[task]), (seed, task)


def test_variants_are_chosen_the_same_way_each_time():
    first = check.VARIANTS.parameters(7)
    check.VARIANTS._cache.clear()
    assert check.VARIANTS.parameters(7) == first
    assert check.VARIANTS.parameters(None) == check.VARIANTS.defaults


@pytest.mark.parametrize("seed", [7, 2])
def test_near_misses_under_a_variant(seed):
    with check.VARIANTS.using(seed) as p:
        answers = check.answers()
        # Task 1: another year of the market.
        shares = netgov.load("market").query(
            f"segment == '{p['segment']}' and metric == 'share_percent' and year == {p['hhi_year']}"
        )["value"]
        assert "sum of the shares" in check.q1(float(shares.sum())).message
        assert "fractions" in check.q1(answers["q1"] / 10_000).message
        assert str(p["hhi_year"]) in check.q1(1).hint
        # Task 2: another model or blocking network.
        model = lesson3.topology(p["share_era"])
        lost = lesson3.lose_access(model, p["share_at"])
        assert f"{len(lost)} is the number of networks" in check.q2(len(lost)).message
        if p["share_at"] in lesson3.access_networks(model):
            others = [n for n in lesson3.access_networks(model) if n != p["share_at"]]
            without = len([n for n in lost if n != p["share_at"]]) / len(others)
            assert "own network out" in check.q2(without).message
        # Task 3: another model.
        scores = lesson3.betweenness(lesson3.topology(p["central_era"]))
        assert check.q3(scores.index[0]) and "second highest" in check.q3(scores.index[1]).message
        # Task 4: another block.
        assert "Leave Kazakhstan itself out" in check.q4(["KZ", *answers["q4"]]).message
        assert p["reach_at"] in check.q4(["RU"]).hint or "not the code" in check.q4(["RU"]).message
        # Task 5: another network blocks in today's model.
        then = lesson3.topology("2009-all")
        if p["today_at"] in then:
            share_2009 = lesson3.chokepoint_share(then, p["today_at"])
            assert share_2009 != answers["q5"] and "2009 figure" in check.q5(share_2009).message
        assert p["today_at"] in check.q5(0.99).hint
        # Task 6: another start, end or era.
        path = answers["q6"]
        assert "from the foreign upstream" in check.q6(path[::-1]).message
        assert "both its ends" in check.q6(path[1:]).message
        assert p["path_from"] in check.q6(path[::-1]).hint
        # Task 7: another network removed.
        still = answers["q7"]
        assert "where the block is" in check.q7([*still, p["cut_at"]]).message
        assert "1 missing" in check.q7(still[1:]).message
        # Task 8: another run of years; the published chart draws years outside it.
        published = check.VARIANTS.using(None)
        with published:
            full = check.answers()["q8"]
        result = check.q8(full)
        assert not result and f"before {p['chart_from']} or after {p['chart_to']}" in result.message


def test_variant_words_read_as_the_prompts_need():
    words = check.VARIANTS.texts(None)
    assert words["share_phrase"] == "Kazakhtelecom" and words["share_blocks"] == "blocks"
    assert words["path_from_phrase"] == "the ISPs in Kyrgyzstan"
    assert words["share_own_note"] == " (Kazakhtelecom's own network among them)"
    assert words["reach_setup"] == "" and words["reach_hint"] == ""
    assert check._phrase("kz-transit-sellers-2016") == (
        "the Kazakh operators selling transit to Kyrgyzstan (four, unnamed)",
        True,
    )
