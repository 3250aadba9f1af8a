"""Lesson 2's tables: statements and actions around the OSCE chairmanship, the actors' stated positions, and
the role-play briefs, shaped from the data package."""

from __future__ import annotations

import pandas as pd

from .. import data
from ..figures import BAD, CAUTION, GOOD, MISSING, NEUTRAL, SOFT

__all__ = [
    "ACTOR_GROUPS",
    "ISSUES",
    "KINDS",
    "ROLES",
    "STANCES",
    "STATUSES",
    "latest_positions",
    "role_brief",
    "statement_table",
]

#: How actors are grouped in the timeline's filter.
ACTOR_GROUPS = {
    "Kazakhstan": lambda a: a["country"] == "KZ" and a["kind"] in ("state", "state_body", "person", "court"),
    "OSCE bodies and officials": lambda a: (
        str(a["id"]).startswith("osce") or a["id"] in ("haraszti", "mijatovic", "ribeiro")
    ),
    "Other governments": lambda a: a["id"] in ("eu", "united-states"),
    "NGOs and media": lambda a: a["kind"] in ("ngo", "media", "researchers"),
    "UN and other bodies": lambda a: a["id"] in ("un-hrc", "special-rapporteurs", "un-sr-foe"),
}

KINDS = {
    "statement": "Statement",
    "letter": "Letter",
    "report": "Report",
    "decision": "Decision",
    "commitment": "Commitment",
    "chairmanship": "Chairmanship",
    "summit": "Summit",
    "law_signed": "Law signed",
    "law_adopted": "Law adopted",
    "other": "Other",
}

ISSUES = {
    "osce-chairmanship": "Kazakhstan's OSCE chairmanship",
    "media-law-reform": "Media-law reform",
    "internet-law-2009": "The 2009 internet law",
    "later-laws": "Later internet laws",
    "blocking": "Blocking of websites",
}

#: Stances from most to least favourable, with a colour-blind-safe colour and a score for the heatmap.
STANCES = {
    "supports": ("Supports", NEUTRAL, 2),
    "welcomes_with_reservations": ("Welcomes, with reservations", SOFT, 1),
    "neutral": ("Neutral", "#BBBBBB", 0),
    "concerned": ("Concerned", CAUTION, -1),
    "opposes": ("Opposes", BAD, -2),
}

STATUSES = {
    "met": ("Met", GOOD),
    "partly_met": ("Partly met: modest steps only", CAUTION),
    "not_met": ("Not met", BAD),
    "no_evidence": ("No evidence in the data", MISSING),
}


def _group_of(actor: pd.Series) -> str:
    for name, test in ACTOR_GROUPS.items():
        if test(actor):
            return name
    return "Other"


def statement_table() -> pd.DataFrame:
    """OSCE-topic events and the 2009 law's adoption and signing, with actor name and group, in date order."""
    events = data.load("events")
    chosen = events[(events["topic"] == "osce") | events["kind"].isin(["law_adopted", "law_signed"])]
    chosen = chosen[(chosen["topic"] == "osce") | (chosen["date"].dt.year == 2009)]
    actors = data.load("actors")
    actors["group"] = actors.apply(_group_of, axis=1)
    table = chosen.merge(
        actors[["id", "name", "group"]].rename(columns={"id": "actor_id", "name": "actor"}),
        on="actor_id",
        how="left",
        validate="many_to_one",
    )
    return table.sort_values(["date", "id"], kind="stable").reset_index(drop=True)


def _when(row: pd.Series) -> str:
    fmt = {"month": "%B %Y", "year": "%Y"}.get(row["date_precision"], "%d %B %Y")
    return row["date"].strftime(fmt).lstrip("0")


def _check_year(year: object, positions: pd.DataFrame) -> tuple[int, int]:
    """The years the positions cover; an error naming them when ``year`` is not one of them."""
    if isinstance(year, bool) or not isinstance(year, int):
        raise TypeError(f"year must be a whole number such as 2009, not {year!r}.")
    first, last = int(positions["date"].dt.year.min()), int(positions["date"].dt.year.max())
    if not first <= year <= last:
        raise ValueError(f"year must be between {first} and {last}, the years the positions cover; got {year}.")
    return first, last


def latest_positions(year: int) -> pd.DataFrame:
    """Each actor's most recent stated stance on each issue, as of the end of ``year``."""
    positions = data.load("positions")
    _check_year(year, positions)
    known = positions[positions["date"].dt.year <= year].sort_values(["date", "id"], kind="stable")
    latest = known.groupby(["actor_id", "issue"], as_index=False).tail(1)
    names = data.load("actors").set_index("id")["name"]
    return latest.assign(actor=latest["actor_id"].map(names)).reset_index(drop=True)


#: The roles of the Permanent Council role-play (docs/roleplay-osce-permanent-council.md) and the actors
#: whose statements make up each brief.
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
    "Human Rights Watch (observer)": ("hrw",),
    "Kazakh civil society (observer)": ("ngo-coalition-osce-2010", "adil-soz"),
}


def role_brief(role: str, *, until: str = "2009-07-31"):
    """A role-play brief built from the data: who the role speaks for, what those actors said and did up to
    ``until``, and the sources. Returns ``IPython.display.Markdown``."""
    from IPython.display import Markdown

    if role not in ROLES:
        raise KeyError(f"Unknown role {role!r}. The roles are: {'; '.join(ROLES)}.")
    try:
        cutoff = pd.Timestamp(until)
    except ValueError as exc:
        raise ValueError(f"until must be a date such as '2009-07-31', not {until!r}.") from exc
    ids = ROLES[role]
    actors = data.load("actors").set_index("id").loc[list(ids)]
    positions = data.load("positions")
    said = positions[positions["actor_id"].isin(ids) & (positions["date"] <= cutoff)].sort_values("date")
    events = statement_table()
    did = events[events["actor_id"].isin(ids) & (events["date"] <= cutoff)]
    lines = [
        f"### Brief: {role}",
        "",
        "You speak for: " + "; ".join(f"{n} ({d})" for n, d in zip(actors["name"], actors["description"], strict=True)),
        "",
    ]
    lines.append(f"**What your side said and did, up to {cutoff:%d %B %Y}:**".replace(" 0", " "))
    lines.append("")
    for _, row in said.iterrows():
        lines.append(f"- {_when(row)}, on {ISSUES[row['issue']].lower()}: {row['summary']}")
    for _, row in did.iterrows():
        lines.append(f"- {_when(row)}: {row['title']}.")
    if said.empty and did.empty:
        lines.append("- The data records nothing before this date: argue from your role.")
    sources = data.id_list([*actors["source_ids"], *said["source_ids"], *did["source_ids"]])
    lines += ["", "**Sources**", ""] + [f"{n}. {ref}" for n, ref in enumerate(data.cite(sources), start=1)]
    return Markdown("\n".join(lines))
