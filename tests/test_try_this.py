"""Every "Try this" in a lesson has a folded "What you should find", and the facts those answers state still hold.

A learner alone tries the prompt, then opens the answer to compare. The answers are prose in the notebooks; the
tests below recompute what each one states from the data, so that a change to the data that makes an answer
wrong fails here (update the answer in the notebook, then the expected values below).
"""

from __future__ import annotations

import re

import nbformat
import pytest
from helpers import ROOT

import netgov
from netgov import data, lesson1, lesson2, lesson4, lesson5
from netgov.lesson4.activities import PROBES
from netgov.lessons import LESSONS

FOLDED = re.compile(r"\*\*Try this:?\*\*.*?<details>\s*<summary>What you should find", re.S)


def try_this_cells(notebook: str) -> list[str]:
    cells = nbformat.read(ROOT / notebook, as_version=4).cells
    return [c.source for c in cells if c.cell_type == "markdown" and "**Try this" in c.source]


@pytest.mark.parametrize("notebook", [lesson.notebook for lesson in LESSONS], ids=lambda n: n.split("/")[-1])
def test_every_try_this_has_a_folded_answer(notebook):
    for source in try_this_cells(notebook):
        assert FOLDED.search(source), f"{notebook}: a 'Try this' without 'What you should find':\n{source[:300]}"
        assert source.rstrip().endswith("</details>"), f"{notebook}: the answer should close the cell"


def test_the_check_catches_a_prompt_without_an_answer():
    assert not FOLDED.search("**Try this:** move the slider. What changes?")


# Lesson 1 ---------------------------------------------------------------------------------------------------


def test_lesson1_provisions_answer():
    provisions = lesson1.provision_table()
    law = provisions[provisions["act_id"] == "law-2009-internet"]
    assert len(law) == 5  # "five provisions"
    reach_bloggers = law[law["affects"].str.contains("blogger")]["label"]
    assert set(reach_bloggers) == {
        "Internet resources treated as mass media",
        "Owners and authors liable for online content",
        "More grounds to suspend or close media",
    }
    labels = set(provisions["label"])
    for label in ("Prosecutor may block sites and cut networks, no court", "Sites must identify commenters"):
        assert label in labels


def test_lesson1_liability_answer():
    liability = netgov.load("liability").set_index(["actor_role", "content"])["framework_2009"]
    assert "publisher" in liability[("platform_host", "others_content")]
    assert "say nothing specific" in liability[("hosting_provider", "others_content")]
    assert "blocked as a whole" in liability[("foreign_site", "others_content")]
    assert ("commenter", "others_content") not in liability.index  # "combinations with no card"


def test_lesson1_timeline_answer():
    table = lesson1.legislation_table().drop_duplicates(["id", "theme"])
    blocking = table[table["theme"] == "blocking_powers"].sort_values("date")
    before = blocking[blocking["date"].dt.year < 2009]
    assert before["short_title"].tolist() == ["Mass Media Law (1999)", "Law on Communications (2004)"]
    after = blocking[blocking["date"].dt.year >= 2009]
    assert after["extends_2009_law"].all()
    assert after["short_title"].tolist() == [
        "2009 internet law",
        "2014 Art. 41-1 amendments",
        "2014 court ban on anonymisers",
        "Law on Informatization (2015)",
        "2017 joint order on suspension rules",
        "Law No. 118-VII (2022, 'cyberbullying law')",
        "Order No. 409 (reporting illegal URLs)",
        "Online Platforms Law (2023)",
    ]
    platforms = table[table["theme"] == "platform_regulation"].sort_values("date")
    assert platforms["date"].dt.year.tolist() == [2022, 2023] and platforms["extends_2009_law"].all()
    media_2024 = table[(table["date"].dt.year == 2024) & table["theme"].isin(["media_regulation", "registration"])]
    extending = media_2024.groupby("short_title")["extends_2009_law"].first().to_dict()
    assert extending == {
        "Mass Media Law (2024)": True,
        "Foreign-media accreditation rules (2024)": True,  # "which the data also marks as extending the 2009 law"
    }
    # "The standard rules for accrediting journalists, which the data does not mark, are not on the chart"
    acts = data.load("legal_acts").set_index("id")
    journalists = acts.loc["order-2024-08-journalist-accreditation"]
    assert not journalists["extends_2009_law"]
    assert journalists[["signed", "adopted", "in_force"]].isna().all()
    assert "order-2024-08-journalist-accreditation" not in set(table["id"])


# Lesson 2 ---------------------------------------------------------------------------------------------------


def test_lesson2_timeline_answer():
    law = netgov.load("legal_acts").set_index("id").loc["law-2009-internet"]
    assert (str(law["adopted"].date()), str(law["signed"].date())) == ("2009-06-24", "2009-07-10")
    table = lesson2.statement_table()
    between = table[(table["date"] > law["adopted"]) & (table["date"] < law["signed"])]
    shown = zip(between["date"].dt.strftime("%m-%d"), between["actor_id"], between["date_precision"], strict=True)
    assert sorted(shown) == [
        ("06-29", "osce-rfom", "day"),
        ("07-01", "eu", "month"),  # the EU's regret of the signature: known only to the month
        ("07-02", "eu", "day"),
    ]
    kazakhstan = table[(table["group"] == "Kazakhstan") & (table["date"].dt.year == 2009)]
    assert set(kazakhstan["kind"]) == {"law_signed", "law_adopted"}  # acts, no statements


def test_lesson2_positions_answer():
    last = int(netgov.load("positions")["date"].dt.year.max())
    assert last == 2026  # the answer names the slider's last year
    years = [*range(2007, 2012), last]
    maps = {y: lesson2.latest_positions(y).set_index(["actor_id", "issue"])["stance"] for y in years}
    moves = set()
    for earlier, later in zip(years, years[1:], strict=False):
        for key, stance in maps[later].items():
            if key in maps[earlier].index and maps[earlier][key] != stance:
                moves.add((later, *key, maps[earlier][key], stance))
    assert moves == {
        (2009, "osce-rfom", "media-law-reform", "opposes", "welcomes_with_reservations"),
        (2009, "hrw", "osce-chairmanship", "opposes", "concerned"),
        (2011, "osce-rfom", "media-law-reform", "welcomes_with_reservations", "opposes"),
        (2026, "osce-rfom", "media-law-reform", "opposes", "welcomes_with_reservations"),
    }
    assert not any(old in ("opposes", "concerned") and new == "supports" for *_, old, new in moves)
    # the last year's map, as the answer describes it
    newest = maps[last]
    assert newest[("osce-rfom", "media-law-reform")] == "welcomes_with_reservations"
    assert newest[("ipi", "media-law-reform")] == "opposes"
    assert newest[("access-now", "blocking")] == "opposes"
    assert newest[("kz-ministry-information", "later-laws")] == "supports"
    assert newest[("kz-ministry-information", "blocking")] == "supports"
    for actor in ("kz-ministry-digital", "kz-mfa", "tokayev"):
        assert newest[(actor, "blocking")] == "supports"
    # "The information ministry states its support first, in December 2008"
    before = maps[2008].xs("internet-law-2009", level="issue")
    assert before.to_dict() == {"kz-ministry-information": "supports"}
    # "the parliament supports them too (a deputy's call for such an age limit ...)"
    assert newest[("kz-parliament", "later-laws")] == "supports"
    first = maps[2009].xs("internet-law-2009", level="issue")
    assert set(first[first == "supports"].index) == {
        "kz-government",
        "kz-mfa",
        "kz-ministry-information",
        "kz-ict-agency",
        "tokayev",
    }
    assert newest[("tokayev", "online-speech")] == "supports"
    assert newest[("hrw", "online-speech")] == "opposes"
    assert newest[("kz-ministry-information", "online-speech")] == "supports"
    assert newest[("legal-media-center", "later-laws")] == "concerned"
    ngos = netgov.load("actors").query("group == 'ngos_and_media'")["id"]
    later = newest.xs("later-laws", level="issue")
    assert set(later[later.index.isin(ngos)]) == {"concerned"}


# Lesson 4 ---------------------------------------------------------------------------------------------------


def test_lesson4_cases_answer():
    cases = lesson4.case_table()
    blogs = cases[cases["target_kind"] == "blog_platform"]
    assert [(r.id, str(r.start)[:7], str(r.end)[:7]) for r in blogs.itertuples()] == [
        ("bc-livejournal-2008", "2008-10", "2010-11"),
        ("bc-wordpress-2011", "2011-06", "2011-07"),
        ("bc-livejournal-2011", "2011-08", "2015-11"),
        ("bc-tumblr-2015", "2015-10", "NaT"),
    ]
    shutdowns = cases[cases["methods"].str.contains("shutdown")]
    assert shutdowns["id"].tolist() == [
        "bc-zhanaozen-2011",
        "bc-south-kz-2015",
        "bc-election-day-2019",
        "bc-cities-2021",
        "bc-mobile-2022",
        "bc-blackout-2022",
    ]
    note = cases.set_index("id").loc["bc-blackout-2022", "note"]
    for fragment in ("10 January", "11 January", "17 January", "10:30 UTC", "11:15 UTC", "17:00 local"):
        assert fragment in note


def test_lesson4_after_2024_answer():
    # Section 7: the only low-confidence case begun after OONI's report of 19 September 2024 is Respublika's own
    # claim, and "what you should now see" says the period holds more journalists' cases than measured blocks.
    cases = lesson4.case_table()
    after = cases[cases["start"] > "2024-09-19"]
    assert after.loc[after["confidence"] == "low", "id"].tolist() == ["bc-respublika-2025"]
    measured = after["methods"].str.contains("tls_|throttling|shutdown").sum()
    events = netgov.load("events")
    speech = events[(events["topic"] == "speech") & (events["date"] > "2024-09-19")]
    assert len(speech) > measured


def test_lesson4_connection_answer():
    # Section 2: each method shows first at the step the diagram puts it at, in the way the simulation shows it.
    step_of = {method: step["name"] for step in lesson4.STEPS for method in step["methods"]}
    assert step_of == {
        "dns": "DNS lookup",
        "ip": "TCP connection",
        "tls_sni": "TLS handshake",
        "tls_mitm": "TLS handshake",
        "http_url": "HTTP request",
    }
    probes = netgov.load("detection_signatures").set_index("method")
    assert "wrong address" in probes.loc["dns", "dns"] and "name does not exist" in probes.loc["dns", "dns"]
    assert probes.loc["ip", "tcp"].startswith("Times out or is reset")
    assert "after the ClientHello" in probes.loc["tls_sni", "tls"]
    assert probes.loc["tls_mitm", "tls"].startswith("Completes") and "do not trust" in probes.loc["tls_mitm", "tls"]
    assert probes.loc["http_url", "http"].startswith("A block page or a reset")
    # Throttling fails no step; a shutdown fails from the lookup on, for every site.
    assert set(lesson4.ANY_STEP) == {"throttling", "shutdown"}
    assert "Connects" in probes.loc["throttling", "tcp"] and "slowly" in probes.loc["throttling", "http"]
    assert probes.loc["shutdown", "dns"].startswith("No answer") and "every other site" in probes.loc["shutdown", "tcp"]
    # The simulation asks for the page over plain HTTP before it tries the HTTPS handshake.
    assert [label for _, label in PROBES] == ["DNS lookup", "TCP connection", "HTTP request", "TLS handshake"]


def test_lesson4_detection_answer():
    probes = netgov.load("detection_signatures").set_index("method")
    assert "wrong address" in probes.loc["dns", "dns"]  # DNS tampering: the lookup differs first
    assert probes.loc["ip", "dns"] == "The correct address" and "Times out" in probes.loc["ip", "tcp"]
    for method in ("tls_sni", "tls_mitm"):  # both leave DNS and TCP alone
        assert (probes.loc[method, "dns"], probes.loc[method, "tcp"]) == ("The correct address", "Connects")
    assert "ClientHello" in probes.loc["tls_sni", "tls"] and "do not trust" in probes.loc["tls_mitm", "tls"]


def test_lesson4_collateral_answer():
    assert lesson4.collateral_cases()["bc-wordpress-2011"] == 2
    assert lesson4.collateral(2, 1000)["unrelated"] == 998 and lesson4.collateral(2, 1000)["per_target"] == 499
    assert lesson4.collateral(2, 1_000_000)["unrelated"] == 999_998


def test_lesson4_claims_answer():
    claims = netgov.load("claims").set_index("id")
    assert claims.loc["claim-lj-russian-version", "verdict"] == "not_found"
    assert netgov.data.labels("claims", "verdict")["not_found"] == "No evidence found"


# Lesson 5 ---------------------------------------------------------------------------------------------------


def test_lesson5_comparator_answer():
    offences = lesson5.first_rules("false_information_offence")
    by_2010 = offences[offences["since"] <= 2010]
    assert dict(zip(by_2010["jurisdiction"], by_2010["since"], strict=True)) == {"DE": 1871, "CN": 2005, "BY": 2005}
    later = offences[offences["since"] > 2014]
    assert dict(zip(later["jurisdiction"], later["since"], strict=True)) == {
        "UZ": 2016,
        "RU": 2019,
        "TR": 2022,
        "KG": 2025,
    }
    assert offences.set_index("jurisdiction").loc["KZ", "since"] == 2014
    matrix = lesson5.feature_matrix()
    assert matrix.loc["European Union", "Offence of spreading false information"] == "none found"
    representative = lesson5.first_rules("platform_representative")
    assert list(zip(representative["jurisdiction"], representative["since"], strict=True)) == [
        ("EU", 2016),
        ("DE", 2017),
        ("TR", 2020),
        ("RU", 2021),
        ("CN", 2021),
        ("KZ", 2022),
    ]
    column = matrix["Platforms must have a local representative"]
    assert set(column[column == "none found"].index) == {"Kyrgyzstan", "Uzbekistan", "Belarus"}


def test_lesson5_three_part_test_answer():
    judged = lesson5.judgment_table().set_index("id")
    assert judged.loc["jdg-kz-41-1-osce-rfom-2014-legality", ["verdict", "mapping"]].tolist() == [
        "raises_concern",
        "kit",
    ]
    assert judged.loc["jdg-kz-41-1-osce-rfom-2014-necessity", ["verdict", "mapping"]].tolist() == [
        "raises_concern",
        "kit",
    ]
    assert judged.loc["jdg-kz-41-1-osce-rfom-2014-legality", "date"].strftime("%Y-%m") == "2014-04"
    for case, year in (("yildirim-2012", 2012), ("cengiz-2015", 2015)):
        row = judged.loc[f"jdg-tr-5651-echr-{case}-legality"]
        assert (row["verdict"], row["date"].year) == ("fails", year)
    assert judged.loc["jdg-tr-5651-venice-2016-necessity", "date"].year == 2016
    assert judged.loc["jdg-de-netzdg-un-sr-2017-legality", "verdict"] == "fails"
    assert judged.loc["jdg-de-netzdg-un-sr-2017-necessity", "verdict"] == "raises_concern"


def test_lesson5_trajectory_answer():
    scores = lesson5.score_table(["KZ", "KG"]).pivot_table(index="edition", columns="country", values="score")
    both = scores.dropna()
    assert (both["KG"] > both["KZ"]).all()
    gaps = both["KG"] - both["KZ"]
    assert gaps.iloc[-1] < gaps.iloc[0]  # the gap narrows
    trajectory = lesson5.Trajectory(countries=("KZ", "KG"))
    kg = trajectory.turning_points("KG").set_index("edition")["change"].to_dict()
    assert kg == {2021: -8, 2024: -4}
    assert "Protection from Inaccurate (False) Information" in " ".join(lesson5.laws_near("KG", 2021)["act_title"])
    kz = trajectory.turning_points("KZ").set_index("edition")["change"]
    assert kz.abs().idxmax() == 2019 and kz[2019] == -6
    assert "operational-search" in " ".join(lesson5.laws_near("KZ", 2019)["act_title"])
    latest = lesson5.score_table(["KZ"]).set_index("edition")["score"]
    assert latest.iloc[-1] > latest[2022]
