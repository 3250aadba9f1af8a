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

#: The groups of actors in the timeline's filter (actors.group; data/README.md gives the rule).
ACTOR_GROUPS = data.labels("actors", "group")

#: The kinds of event the timeline shows, in the order of its legend.
_KIND_LABELS = data.labels("events", "kind")
KINDS = {
    code: _KIND_LABELS[code]
    for code in (
        "statement",
        "letter",
        "report",
        "decision",
        "commitment",
        "chairmanship",
        "summit",
        "law_signed",
        "law_adopted",
        "other",
    )
}

ISSUES = data.labels("positions", "issue")

#: Stances from most to least favourable, with a colour-blind-safe colour and a score for the heatmap.
_STANCE_LOOK = {
    "supports": (NEUTRAL, 2),
    "welcomes_with_reservations": (SOFT, 1),
    "neutral": ("#BBBBBB", 0),
    "concerned": (CAUTION, -1),
    "opposes": (BAD, -2),
}
STANCES = {code: (label, *_STANCE_LOOK[code]) for code, label in data.labels("positions", "stance").items()}

_STATUS_COLOURS = {"met": GOOD, "partly_met": CAUTION, "not_met": BAD, "no_evidence": MISSING}
#: Commitment statuses with their label and colour.
STATUSES = {code: (label, _STATUS_COLOURS[code]) for code, label in data.labels("commitments", "status").items()}


def statement_table() -> pd.DataFrame:
    """OSCE-topic events and the 2009 law's adoption and signing, with the actor's name (also in Russian and
    Kazakh) and group, in date order."""
    events = data.load("events")
    chosen = events[(events["topic"] == "osce") | events["kind"].isin(["law_adopted", "law_signed"])]
    chosen = chosen[(chosen["topic"] == "osce") | (chosen["date"].dt.year == 2009)]
    actors = data.load("actors")
    actors["group"] = actors["group"].map(ACTOR_GROUPS)
    table = chosen.merge(
        actors[["id", "name", "name_ru", "name_kk", "group"]].rename(
            columns={"id": "actor_id", "name": "actor", "name_ru": "actor_ru", "name_kk": "actor_kk"}
        ),
        on="actor_id",
        how="left",
        validate="many_to_one",
    )
    return table.sort_values(["date", "id"], kind="stable").reset_index(drop=True)


def _when(row: pd.Series) -> str:
    return data.format_date(row["date"], row["date_precision"])


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
#: whose statements make up each brief (data/roleplay_roles.csv).
ROLES = {
    role: tuple(group.sort_values("order")["actor_id"])
    for role, group in data.load("roleplay_roles").groupby("role", sort=False)
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
    lines.append(f"**What your side said and did, up to {data.format_date(cutoff)}:**")
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
