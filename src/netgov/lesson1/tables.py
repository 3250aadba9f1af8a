"""Lesson 1's tables: the provisions of the laws and the laws by theme, shaped from the data package."""

from __future__ import annotations

import pandas as pd

from .. import data

__all__ = [
    "AFFECTED",
    "CONTENT",
    "ACTOR_ROLES",
    "GROUPS",
    "THEMES",
    "VERDICTS",
    "acts_by_year",
    "legislation_table",
    "provision_table",
]

# Plain-language names of the codes, from the data package (datapackage.json keeps them beside the codes).
THEMES = data.labels("legal_acts", "themes")
AFFECTED = data.labels("provisions", "affects")
ACTOR_ROLES = data.labels("liability", "actor_role")
CONTENT = data.labels("liability", "content")
VERDICTS = data.labels("assessments", "verdict")

#: The two groups of acts the timeline and the chart of acts by year tell apart, by ``extends_2009_law``.
GROUPS = {True: "Extends the 2009 law", False: "Other acts"}


def provision_table() -> pd.DataFrame:
    """Provisions joined with the act they belong to (short title and date signed), in date order."""
    provisions = data.load("provisions")
    acts = data.load("legal_acts")[["id", "short_title", "signed", "adopted", "in_force"]]
    acts = acts.rename(columns={"id": "act_id", "short_title": "act"})
    joined = provisions.merge(acts, on="act_id", how="left", validate="many_to_one")
    joined["act_date"] = joined["signed"].fillna(joined["adopted"]).fillna(joined["in_force"])
    return joined.sort_values(["act_date", "id"], kind="stable").reset_index(drop=True)


def legislation_table() -> pd.DataFrame:
    """One row per act and theme (an act with two themes appears twice), with the date to plot.

    The date is when the act was signed, or adopted, or entered into force, whichever the data has first.
    """
    acts = data.load("legal_acts")
    acts["date"] = acts["signed"].fillna(acts["adopted"]).fillna(acts["in_force"])
    acts["theme"] = acts["themes"].str.split(";")
    long = acts.explode("theme").reset_index(drop=True)
    return long.dropna(subset=["date"]).sort_values(["date", "id"], kind="stable").reset_index(drop=True)


def acts_by_year() -> pd.DataFrame:
    """The acts counted by year and group: one row for every year from the first act in the data to the newest
    and for each of the two :data:`GROUPS`, with ``new_acts`` (the acts of that year, 0 in a year without one) and
    ``acts_so_far`` (the acts up to and including that year).

    An act is placed in the year the timeline places it (signed, or else adopted, or else in force); an act with
    none of these dates is left out.
    """
    acts = legislation_table().drop_duplicates("id")
    acts = acts.assign(year=acts["date"].dt.year.astype(int), group=acts["extends_2009_law"].map(GROUPS))
    years = range(int(acts["year"].min()), int(acts["year"].max()) + 1)
    grid = pd.MultiIndex.from_product([list(GROUPS.values()), years], names=["group", "year"])
    counts = acts.groupby(["group", "year"]).size().reindex(grid, fill_value=0).rename("new_acts").reset_index()
    counts["acts_so_far"] = counts.groupby("group")["new_acts"].cumsum()
    return counts[["year", "group", "new_acts", "acts_so_far"]]
