"""Facts and teaching choices that the lessons held in Python are data now, and say exactly what the code said.

The expected values below are copies of the lessons' constants as they were when the facts moved
(lesson2.ACTOR_GROUPS and ROLES, lesson3's first-tier ISPs, lesson4.CollateralDamage.CASES, notebook 02's
list of the OSCE media representative's ids), so that reading them from the data cannot change a lesson.
"""

from __future__ import annotations

import pandas as pd
import pytest

import netgov
from netgov.data import split_ids

# lesson2.ACTOR_GROUPS applied to every actor (first matching group; "Other" when none matches).
ACTOR_GROUPS = {
    "Kazakhstan": [
        "kazakhstan",
        "nazarbayev",
        "tokayev",
        "tazhin",
        "saudabayev",
        "kz-parliament",
        "kz-government",
        "kz-prosecutor-general",
        "kz-knb",
        "kz-ministry-information",
        "kz-ict-agency",
        "kz-mfa",
        "kz-courts",
        "apdc",
        "kz-interior-ministry",
        "samruk-kazyna",
        "kairat-satybaldy",
        "rakhat-aliyev",
        "kz-ministry-digital",
    ],
    "OSCE bodies and officials": [
        "osce",
        "osce-rfom",
        "haraszti",
        "mijatovic",
        "ribeiro",
        "osce-ministerial-council",
        "osce-permanent-council",
    ],
    "Other governments": ["eu", "united-states", "kyrgyzstan", "russia", "germany", "cis"],
    "NGOs and media": [
        "hrw",
        "freedom-house",
        "cpj",
        "rsf",
        "adil-soz",
        "ngo-coalition-osce-2010",
        "legal-media-center",
        "ipi",
        "rferl",
        "ooni",
        "meduza",
        "censored-planet",
        "netblocks",
        "access-now",
        "ripe-ncc",
        "eurasian-digital-foundation",
        "respublika",
    ],
    "UN and other bodies": ["un-hrc", "special-rapporteurs", "un-sr-foe"],
    "Other": [
        "kazakhtelecom",
        "transtelecom",
        "nursat",
        "kar-tel",
        "kcell",
        "mobile-telecom-service",
        "power-international-holding",
        "telia",
        "livejournal",
        "wordpress",
        "cloudflare",
        "mozilla",
        "google",
        "apple",
        "microsoft",
        "kyrgyztelecom",
    ],
}

# lesson2.ROLES
ROLES = {
    "Kazakhstan's delegation": (
        "kazakhstan",
        "nazarbayev",
        "tazhin",
        "kz-mfa",
        "kz-government",
        "kz-ministry-information",
        "kz-ict-agency",
    ),
    "OSCE Representative on Freedom of the Media": ("osce-rfom", "haraszti"),
    "European Union": ("eu",),
    "United States": ("united-states",),
    "Russian Federation": ("russia", "cis"),
    "Germany": ("germany",),
    "Human Rights Watch (observer)": ("hrw",),
    "Kazakh civil society (observer)": ("ngo-coalition-osce-2010", "adil-soz"),
}

# lesson3.topology("2009-all"): the first-tier ISPs whose own foreign links ONI's reading leaves out.
FIRST_TIER_BESIDES_KAZAKHTELECOM = {"nursat", "transtelecom", "kaztranscom", "arna", "astel", "tns-plus"}

# lesson4.CollateralDamage.CASES, in the order of its dropdown.
COLLATERAL_CASES = {"bc-wordpress-2011": 2, "bc-livejournal-2011": 1, "bc-tumblr-2015": 1}

# notebooks/02-the-osce-dispute.ipynb, cell rfom_actions.
RFOM_IDS = {"osce-rfom", "haraszti", "mijatovic", "ribeiro"}


@pytest.fixture(scope="module")
def tables():
    netgov.data.clear_cache()
    names = ("actors", "networks", "links", "roleplay_roles", "collateral_cases", "blocking_cases", "sources")
    return {name: netgov.load(name) for name in names}


def test_actor_groups_are_the_lesson_groups(tables):
    labels = netgov.data.labels("actors", "group")
    actors = tables["actors"]
    got: dict[str, list[str]] = {}
    for actor_id, group in zip(actors["id"], actors["group"], strict=True):
        got.setdefault(labels[group], []).append(actor_id)
    assert got == ACTOR_GROUPS
    # the timeline lists the groups in this order, "Other" last
    assert list(labels.values()) == list(ACTOR_GROUPS)


def test_actor_groups_follow_the_documented_rule(tables):
    """The rule in data/README.md ("How actors are grouped"), applied to each row's other columns."""
    actors = tables["actors"]
    osce_bodies = set(actors.loc[actors["id"].str.startswith("osce"), "id"])

    def rule(actor: pd.Series) -> str:
        if actor["country"] == "KZ" and actor["kind"] in ("state", "state_body", "person", "court"):
            return "kazakhstan"
        if actor["id"] in osce_bodies or actor["office_id"] in osce_bodies:
            return "osce"
        if (actor["kind"] == "state" and actor["country"] != "KZ") or actor["id"] in ("eu", "cis"):
            return "other_governments"
        if actor["kind"] in ("ngo", "media", "researchers"):
            return "ngos_and_media"
        if actor["id"] in ("un-hrc", "un-sr-foe", "special-rapporteurs"):
            return "un_and_other_bodies"
        return "other"

    wrong = actors[actors.apply(rule, axis=1) != actors["group"]]
    assert wrong.empty, wrong[["id", "kind", "country", "group"]].to_string()


def test_roles_are_the_lesson_roles(tables):
    roles = tables["roleplay_roles"].sort_values("order")
    got = {role: tuple(rows["actor_id"]) for role, rows in roles.groupby("role", sort=False)}
    assert got == ROLES
    assert list(got) == list(ROLES), "the roles in the order the role-play sheet gives them"


def test_first_tier_is_the_lesson_first_tier(tables):
    networks = tables["networks"]
    first = networks[(networks["tier"] == "first") & (networks["role"] != "incumbent")]
    assert set(first["id"]) == FIRST_TIER_BESIDES_KAZAKHTELECOM
    assert set(networks.loc[(networks["tier"] == "first") & (networks["role"] == "incumbent"), "id"]) == {
        "kazakhtelecom"
    }


def test_a_tier_cites_the_source_that_gives_it(tables):
    networks = tables["networks"].dropna(subset=["tier"])
    for _, row in networks.iterrows():
        cited = set(split_ids(row["source_ids"]))
        assert cited & {"wikipedia-internet-in-kazakhstan", "fh-fotn-2011"}, f"{row['id']}: tier without its source"
    assert (tables["networks"].loc[tables["networks"]["tier"].notna(), "country"] == "KZ").all()


def test_first_tier_links_are_the_ones_the_2009_model_drops(tables):
    """The links ONI's reading removes are exactly the first tier's own foreign links: the model is unchanged."""
    networks = tables["networks"].set_index("id")
    links = tables["links"]
    foreign = set(networks.index[networks["role"] == "foreign_upstream"])
    dropped = links[
        (links["era"] == "2009")
        & links["from_id"].isin(FIRST_TIER_BESIDES_KAZAKHTELECOM)
        & links["to_id"].isin(foreign)
    ]
    first = set(networks.index[(networks["tier"] == "first") & (networks["role"] != "incumbent")])
    by_tier = links[(links["era"] == "2009") & links["from_id"].isin(first) & links["to_id"].isin(foreign)]
    assert len(dropped) > 0 and dropped.equals(by_tier)


def test_collateral_cases_are_the_lesson_cases(tables):
    cases = tables["collateral_cases"]
    assert dict(zip(cases["case_id"], cases["targeted"], strict=True)) == COLLATERAL_CASES
    assert list(cases["case_id"]) == list(COLLATERAL_CASES), "the order of the activity's dropdown"


def test_an_assumed_count_says_so(tables):
    cases = tables["collateral_cases"].set_index("case_id")
    # the lesson's own comments: the court order named two blogs; LiveJournal's count is an assumption
    assert cases.loc["bc-wordpress-2011", "targeted_basis"] == "stated"
    assert cases.loc["bc-livejournal-2011", "targeted_basis"] == "assumed"
    assumed = cases[cases["targeted_basis"] == "assumed"]
    assert assumed["note"].str.contains("assumption").all()
    platforms = tables["blocking_cases"].set_index("id").loc[cases.index]
    assert (platforms["target"].str.contains("whole platform")).all()


def test_the_media_representative_and_the_people_who_held_the_post(tables):
    actors = tables["actors"]
    office = "osce-rfom"
    got = {office} | set(actors.loc[actors["office_id"] == office, "id"])
    assert got == RFOM_IDS
