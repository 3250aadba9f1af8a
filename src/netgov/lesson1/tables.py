"""Lesson 1's tables: the provisions of the laws and the laws by theme, shaped from the data package."""

from __future__ import annotations

import pandas as pd

from .. import data

__all__ = ["AFFECTED", "CONTENT", "THEMES", "VERDICTS", "legislation_table", "provision_table"]

#: Plain-language names of the themes in legal_acts.themes.
THEMES = {
    "liability": "Liability for content",
    "registration": "Registration",
    "blocking_powers": "Blocking powers",
    "shutdowns": "Communications shutdowns",
    "interception": "Interception",
    "platform_regulation": "Platform regulation",
    "false_information": "False information",
    "media_regulation": "Media regulation",
    "surveillance": "Surveillance",
}

#: Plain-language names of the people and businesses in provisions.affects.
AFFECTED = {
    "blogger": "Bloggers",
    "commenter": "Commenters",
    "platform_host": "Forum and platform hosts",
    "hosting_provider": "Hosting providers",
    "isp": "Internet service providers",
    "foreign_site": "Foreign websites",
    "media_outlet": "Media outlets",
    "user": "Internet users",
}

#: Plain-language names of the kinds of content in the liability table.
CONTENT = {
    "extremism": "Calls to extremism or terrorism",
    "election_coverage": "Coverage of elections, strikes or protests",
    "others_content": "Someone else's post or site on your service",
}

VERDICTS = {
    "incompatible": "incompatible with the standard",
    "concerns": "raises concerns under the standard",
    "compatible": "compatible with the standard",
    "not_addressed": "not addressed by the standard",
}


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
