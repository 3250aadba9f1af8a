"""Lesson 2's tables: statements and actions around the OSCE chairmanship and the actors' stated positions,
shaped from the data package, and the roles of the role-play (its cards are in :mod:`.roleplay`)."""

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
    "powers_table",
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


def powers_table() -> pd.DataFrame:
    """Actions an OSCE body or a participating State might take (``data/osce_powers.csv``), with the body's name
    in ``body`` and its id in ``body_id``; ``verdict`` says whether the action is within the body's powers and
    ``basis`` why, from the sources on the mandate of 1997 and the consensus rule."""
    powers = data.load("osce_powers")
    names = data.load("actors").set_index("id")["name"]
    table = powers.rename(columns={"body": "body_id"})
    table.insert(1, "body", table["body_id"].map(names))
    return table.reset_index(drop=True)


#: The roles of the Permanent Council role-play (docs/roleplay-osce-permanent-council.md) and the actors
#: whose statements make up each brief (data/roleplay_roles.csv).
ROLES = {
    role: tuple(group.sort_values("order")["actor_id"])
    for role, group in data.load("roleplay_roles").groupby("role", sort=False)
}
