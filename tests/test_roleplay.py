"""Lesson 2's role-play: the cards (written parts from roleplay.toml, dated facts from the data, nothing after the
scene's date), their balance, the format of roleplay.toml, and the role-play document generated from it."""

from __future__ import annotations

import re
import tomllib

import pandas as pd
import pytest
from helpers import ROOT

import netgov
from netgov import lesson2
from netgov.lesson2 import roleplay

DOC = ROOT / "docs" / "roleplay-osce-permanent-council.md"
PLAN = ROOT / "src" / "netgov" / "lesson2" / "plan.toml"
CUTOFF = pd.Timestamp("2009-07-31")


def body(role: str) -> str:
    """A card's text as a student reads it, without the list of sources."""
    return lesson2.role_brief(role).data.split("**Sources**")[0]


def words(text: str) -> int:
    return len(text.split())


# The cards ----------------------------------------------------------------------------------------------


def test_there_is_a_card_for_every_role_and_the_chair():
    assert lesson2.CARDS == ("Chair", *lesson2.ROLES)
    for role in lesson2.CARDS:
        card = lesson2.role_card(role)
        assert card["role"] == role and card["chair"] == (role == "Chair")
        for key in ("goal", "may_concede", "will_not"):
            assert len(card[key].split()) >= 10, f"{role}: {key} is too thin to play from: {card[key]!r}"
        assert len(card["questions"]) == 2 and all(q.strip().endswith("?") for q in card["questions"])
        assert card["facts"], f"{role}: a card needs facts to argue from"
        text = lesson2.role_brief(role).data
        assert text.startswith(f"### Brief: {role}")
        for part in (card["goal"], card["may_concede"], card["will_not"], *card["questions"]):
            assert part in text


def test_every_fact_is_dated_and_cited_on_its_card():
    for role in lesson2.CARDS:
        card = lesson2.role_card(role)
        numbers = {source["number"] for source in card["sources"]}
        assert sorted(numbers) == list(range(1, len(numbers) + 1))
        for fact in card["facts"]:
            assert fact["date"] and fact["when"] and fact["text"]
            assert fact["sources"] and set(fact["sources"]) <= numbers, fact
        dates = [fact["date"] for fact in card["facts"]]
        assert dates == sorted(dates), f"{role}: facts are not in date order"


def test_the_chair_gets_the_osce_bodies_decisions():
    card = lesson2.role_card("Chair")
    texts = " ".join(fact["text"] for fact in card["facts"])
    assert "Decision No. 633" in texts and "Madrid Ministerial Council" in texts
    # Media representatives appointed after the scene have no fact before it, so they are not named either.
    assert not {"Dunja Mijatović", "Teresa Ribeiro"} & set(card["actors"])
    assert "Mijatovi" not in body("Chair") and "Ribeiro" not in body("Chair")


# The seats added for the States that backed the bid ----------------------------------------------------

NEW_SEATS = {"Russian Federation": {"russia", "cis"}, "Germany": {"germany"}}


@pytest.mark.parametrize("role", sorted(NEW_SEATS))
def test_the_russian_and_german_seats_have_sourced_cards_up_to_the_cutoff(role):
    assert set(lesson2.ROLES[role]) == NEW_SEATS[role]
    card = lesson2.role_card(role)
    assert len(card["facts"]) >= 4, f"{role}: too few facts to argue from"
    assert all(pd.Timestamp(fact["date"]) <= CUTOFF for fact in card["facts"])
    known = set(netgov.load("sources")["id"])
    assert {source["id"] for source in card["sources"]} <= known
    # Each seat argues from what its State said about Kazakhstan's bid: at least one coded position on it.
    positions = netgov.load("positions")
    said = positions[positions["actor_id"].isin(NEW_SEATS[role]) & (positions["date"] <= CUTOFF)]
    assert (said["issue"] == "osce-chairmanship").any()
    # A State the kit records no statement on the law for gets no coded stance on the law.
    assert not (said["issue"] == "internet-law-2009").any()


def test_every_seat_is_in_the_speaking_order_and_every_state_can_block():
    rules = lesson2.roleplay_plan()["rules"]
    assert rules["speaking_order"][0] == "Chair" and rules["speaking_order"][-1] == "Kazakhstan's delegation"
    for state in ("Kazakhstan's delegation", "European Union", "Germany", "United States", "Russian Federation"):
        assert state in rules["speaking_order"]
        assert state in rules["consensus"], f"{state} is a participating State: the consensus rule must name it"


def test_every_fact_on_every_card_comes_from_a_sourced_row():
    rows = {
        row_id: sources
        for name in ("positions", "events")
        for row_id, sources in netgov.load(name)[["id", "source_ids"]].itertuples(index=False)
    }
    actors = netgov.load("actors").set_index("id")
    for role in lesson2.CARDS:
        card = lesson2.role_card(role)
        for actor_id in lesson2.ROLES.get(role, ()):
            assert netgov.data.id_list(actors.loc[actor_id, "source_ids"]), f"{actor_id} cites no source"
        facts = roleplay._facts(roleplay._card_actors(role), CUTOFF)
        assert len(facts) == len(card["facts"])
        for _, fact in facts.iterrows():
            assert netgov.data.id_list(rows[fact["id"]]), f"{role}: {fact['id']} cites no source"


def test_the_timing_gives_every_seat_its_statement_and_its_question():
    plan = lesson2.roleplay_plan()
    speakers = len(plan["rules"]["speaking_order"])
    groups = speakers - 1  # every group but the chair's asks one question
    for length in roleplay.LENGTHS:
        rows = [row for row in plan["timing"] if row["length"] == length]
        [statements] = [row for row in rows if row["step"].startswith("Statements")]
        [questions] = [row for row in rows if row["step"].startswith("Questions")]
        assert statements["end"] - statements["start"] >= speakers * plan["rules"]["statement_minutes"], length
        assert questions["end"] - questions["start"] >= groups, f"{length} minutes: less than a minute per question"


def test_a_smaller_class_is_told_how_to_double_up_or_drop_seats():
    text = lesson2.roleplay_plan()["rules"]["smaller_class"]
    short = {"OSCE Representative on Freedom of the Media": "media representative"}
    for role in lesson2.ROLES:
        name = short.get(role, role.replace(" (observer)", ""))
        assert name in text, f"the smaller-class rule does not say what happens to {role}"
    assert "instructor chairs" in text


# The liberties the simulation takes ---------------------------------------------------------------------


def test_the_liberties_are_told_openly():
    liberties = lesson2.roleplay_plan()["rules"]["liberties"]
    for point in (
        "NGOs do not sit in the Permanent Council",
        "Representative on Freedom of the Media sit as a delegation",
        "composed, not the record of a real meeting",
        "31 July 2009",
        "Russia and Germany",
    ):
        assert point in liberties, point


def test_the_lesson_notebook_shows_the_liberties_as_the_plan_words_them():
    import nbformat

    cells = nbformat.read(ROOT / "notebooks" / "02-the-osce-dispute.ipynb", as_version=4).cells
    [cell] = [c for c in cells if c.cell_type == "markdown" and "**Liberties this simulation takes.**" in c.source]
    shown = " ".join(line.removeprefix(">").strip() for line in cell.source.splitlines())
    liberties = " ".join(lesson2.roleplay_plan()["rules"]["liberties"].split())
    assert liberties in " ".join(shown.split()), "the notebook's liberties box differs from roleplay.toml"


def test_the_chair_s_card_carries_the_liberties_and_the_others_do_not():
    liberties = lesson2.roleplay_plan()["rules"]["liberties"]
    assert lesson2.role_card("Chair")["liberties"] == liberties
    assert "Liberties this simulation takes" in body("Chair") and liberties in body("Chair")
    for role in lesson2.ROLES:
        assert lesson2.role_card(role)["liberties"] is None
        assert "Liberties this simulation takes" not in body(role)


# Nothing written after the scene reaches a card ---------------------------------------------------------


def test_actor_descriptions_written_later_do_not_reach_a_card():
    descriptions = netgov.load("actors").set_index("id")["description"]
    for role in lesson2.CARDS:
        text = body(role)
        for actor_id in lesson2.ROLES.get(role, ()):
            assert descriptions[actor_id] not in text, f"{role}: the description of {actor_id} leaks into the card"
    assert "2014 Art. 41-1" not in body("Kazakhstan's delegation")  # Nazarbayev's description
    assert "2024 media law" not in body("Kazakhstan's delegation")  # the foreign ministry's
    assert "held the OSCE chairmanship in 2010" not in body("Kazakhstan's delegation")
    assert "10 March 2010" not in body("OSCE Representative on Freedom of the Media")  # Haraszti's term


@pytest.fixture
def near_misses(monkeypatch):
    """The EU's data with a position and an event on the scene's last day and on the day after it."""
    load = netgov.data.load

    def with_near_misses(name):
        table = load(name)
        if name == "positions":
            rows = [
                ("pos-test-on", "2009-07-31", "Said on the last day of the scene."),
                ("pos-test-after", "2009-08-01", "Said on the day after the scene."),
            ]
            extra = pd.DataFrame(
                [
                    {**table.iloc[0].to_dict(), "id": i, "actor_id": "eu", "date": pd.Timestamp(d), "summary": s}
                    for i, d, s in rows
                ]
            )
            return pd.concat([table, extra.astype(table.dtypes)], ignore_index=True)
        if name == "events":
            template = table[table["topic"] == "osce"].iloc[0].to_dict()
            extra = pd.DataFrame(
                [
                    {
                        **template,
                        "id": "ev-test-after",
                        "actor_id": "eu",
                        "date": pd.Timestamp("2009-08-01"),
                        "date_precision": "day",
                        "title": "Done on the day after the scene",
                    }
                ]
            )
            return pd.concat([table, extra.astype(table.dtypes)], ignore_index=True)
        return table

    monkeypatch.setattr(netgov.data, "load", with_near_misses)


def test_a_fact_dated_the_day_after_the_scene_is_left_out(near_misses):
    card = lesson2.role_card("European Union")
    texts = [fact["text"] for fact in card["facts"]]
    assert "Said on the last day of the scene." in texts
    assert "Said on the day after the scene." not in texts
    assert not any(text.startswith("Done on the day after") for text in texts)
    assert all(pd.Timestamp(fact["date"]) <= CUTOFF for fact in card["facts"])
    earlier = lesson2.role_card("European Union", until="2009-07-30")
    assert "Said on the last day of the scene." not in [fact["text"] for fact in earlier["facts"]]


def test_the_cutoff_can_move_earlier_but_not_later():
    early = lesson2.role_card("European Union", until="2008-12-31")
    assert (
        early["facts"] == []
        and "The data records nothing before this date" in lesson2.role_brief("European Union", until="2008-12-31").data
    )
    with pytest.raises(ValueError, match="no later than the scene's date"):
        lesson2.role_card("European Union", until="2009-08-01")


def test_sources_published_after_the_scene_are_marked():
    card = lesson2.role_card("Kazakhstan's delegation")
    marked = {source["id"]: source["after_cutoff"] for source in card["sources"]}
    assert marked["oreanda-2009-08-04"] is True  # published 4 August 2009, reports Yesekeyev's earlier speech
    assert marked["kazembassy-us-2007-05-02"] is False
    assert "(published after 31 July 2009" in lesson2.role_brief("Kazakhstan's delegation").data


# Balance ------------------------------------------------------------------------------------------------


def test_no_card_is_more_than_three_times_as_long_as_another():
    sizes = {role: words(body(role)) for role in lesson2.CARDS}
    assert max(sizes.values()) <= 3 * min(sizes.values()), sizes


# roleplay.toml: the format -----------------------------------------------------------------------------


def test_the_plan_follows_the_format():
    plan = lesson2.roleplay_plan()
    assert str(plan["cutoff"]) == "2009-07-31"
    assert plan["rules"]["speaking_order"][0] == "Chair"
    assert sorted(plan["rules"]["speaking_order"]) == sorted(lesson2.CARDS)
    assert "NGOs do not sit in the Permanent Council" in plan["rules"]["liberties"]
    assert len(plan["debrief"]["questions"]) >= 3 and plan["debrief"]["exit_task"]
    assert lesson2.roleplay_span(50) == (0, 50)
    start, end = lesson2.roleplay_span(90)
    assert 0 <= start < end <= 90


def _broken(tmp_path, change) -> str:
    plan = tomllib.loads(roleplay.PLAN_FILE.read_text(encoding="utf-8"))
    change(plan)
    lines = []

    def value(v):
        if isinstance(v, str):
            return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, list):
            return "[" + ", ".join(value(x) for x in v) + "]"
        return str(v)

    def tables(v):
        return isinstance(v, list) and v and all(isinstance(x, dict) for x in v)

    lines += [f"{key} = {value(v)}" for key, v in plan.items() if not isinstance(v, dict) and not tables(v)]
    for key, v in plan.items():
        for table in [v] if isinstance(v, dict) else v if tables(v) else []:
            lines.append(f"[{key}]" if isinstance(v, dict) else f"[[{key}]]")
            lines += [f"{k} = {value(x)}" for k, x in table.items()]
    path = tmp_path / "roleplay.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ValueError) as caught:
        lesson2.roleplay_plan(path)
    message = str(caught.value)
    assert str(path) in message
    return message


def test_an_unchanged_copy_is_accepted(tmp_path):
    path = tmp_path / "roleplay.toml"
    path.write_bytes(roleplay.PLAN_FILE.read_bytes())
    assert lesson2.roleplay_plan(path) == lesson2.roleplay_plan()


def test_an_edited_file_is_read_again(tmp_path):
    import os

    path = tmp_path / "roleplay.toml"
    path.write_bytes(roleplay.PLAN_FILE.read_bytes())
    assert lesson2.roleplay_plan(path)["rules"]["statement_minutes"] == 2
    path.write_text(path.read_text(encoding="utf-8").replace("statement_minutes = 2", "statement_minutes = 3"))
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000_000))
    assert lesson2.roleplay_plan(path)["rules"]["statement_minutes"] == 3


@pytest.mark.parametrize(
    "change, fragments",
    [
        (lambda p: p.update(role=[r for r in p["role"] if r["name"] != "Chair"]), ["no card for ['Chair']"]),
        (lambda p: p["role"].append(dict(p["role"][1])), ["more than one card"]),
        (lambda p: p["role"][0].update(name="Mars"), ["'Mars'", "the roles are"]),
        (lambda p: p["role"][2].update(questions=["Why?"]), ["questions", "exactly 2"]),
        (lambda p: p["role"][2].pop("will_not"), ["missing ['will_not']"]),
        (lambda p: p["timing"][1].update(start=6), ["starts at 6", "ends (4)"]),
        (lambda p: p.update(timing=[t for t in p["timing"] if t["length"] != 90]), ["[50, 90]"]),
        (lambda p: p["timing"][6].update(end=55), ["after the class (50 minutes)"]),
        (lambda p: p["rules"].update(speaking_order=p["rules"]["speaking_order"][1:]), ["speaking_order", "chair"]),
        (lambda p: p["rules"].pop("liberties"), ["[rules]", "liberties"]),
        (lambda p: p["rules"].pop("smaller_class"), ["[rules]", "smaller_class"]),
        (lambda p: p["debrief"].update(exit_task=""), ["exit_task"]),
        (lambda p: p.update(cutoff="2009-07-31"), ["cutoff", "no quotes"]),
    ],
)
def test_a_broken_plan_is_refused_with_where_and_what(tmp_path, change, fragments):
    message = _broken(tmp_path, change)
    for fragment in fragments:
        assert fragment in message, message


# The role-play document and the run sheet agree with the plan -------------------------------------------


def test_the_roleplay_document_shows_the_plan():
    text = DOC.read_text(encoding="utf-8")
    start, end = text.index(roleplay.ROLEPLAY_START), text.index(roleplay.ROLEPLAY_END)
    block = text[start + len(roleplay.ROLEPLAY_START) : end].strip("\n")
    assert block == lesson2.roleplay_markdown().strip("\n"), (
        "docs/roleplay-osce-permanent-council.md is out of date: run `python -m netgov roleplay --write`"
    )
    for length in roleplay.LENGTHS:
        first, last = lesson2.roleplay_span(length)
        assert f"**{length}-minute class** (minutes {first}-{last} of the class)" in block
    rules = lesson2.roleplay_plan()["rules"]
    assert f"### Liberties this simulation takes\n\n{rules['liberties']}" in block
    assert f"**A smaller or larger class.** {rules['smaller_class']}" in block


def test_the_command_prints_the_block(capsys):
    from netgov.__main__ import main

    assert main(["roleplay"]) == 0
    assert capsys.readouterr().out.strip() == lesson2.roleplay_markdown().strip()


def run_sheet_disagreements(rows: list[dict]) -> list[str]:
    """How a run sheet's role-play rows (``[[run]]`` rows whose ``do`` or ``project`` names the role-play)
    disagree with the role-play's own timing, one line per class length."""
    found = []
    for length in roleplay.LENGTHS:
        played = [
            row
            for row in rows
            if row.get("length") == length
            and re.search(r"role-?play", f"{row.get('do', '')} {row.get('project', '')}", re.IGNORECASE)
        ]
        if not played:
            found.append(f"the {length}-minute run sheet has no role-play row")
            continue
        span = (min(row["start"] for row in played), max(row["end"] for row in played))
        if span != lesson2.roleplay_span(length):
            found.append(
                f"the {length}-minute run sheet gives the role-play minutes {span}, "
                f"roleplay.toml {lesson2.roleplay_span(length)}"
            )
    return found


def test_the_run_sheet_comparison_finds_a_disagreement():
    def rows(span90):
        return [
            {"length": 50, "start": 0, "end": 50, "do": "Role-play (see the role-play cards)", "project": "-"},
            {"length": 90, "start": 0, "end": span90[0], "do": "Sections 1 to 3", "project": "-"},
            {"length": 90, "start": span90[0], "end": span90[1], "do": "Role-play (see the role-play cards)"},
        ]

    assert run_sheet_disagreements(rows(lesson2.roleplay_span(90))) == []
    assert run_sheet_disagreements(rows((40, 80))) == [
        f"the 90-minute run sheet gives the role-play minutes (40, 80), roleplay.toml {lesson2.roleplay_span(90)}"
    ]
    assert run_sheet_disagreements(rows((40, 80))[1:2]) == [
        "the 50-minute run sheet has no role-play row",
        "the 90-minute run sheet has no role-play row",
    ]


def test_the_lesson_run_sheet_gives_the_roleplay_the_same_minutes():
    assert run_sheet_disagreements(tomllib.loads(PLAN.read_text(encoding="utf-8")).get("run", [])) == []
