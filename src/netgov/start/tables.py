"""The start notebook's table: internet users by country and year, from one release of the ITU estimates."""

from __future__ import annotations

import pandas as pd

from .. import data
from .._validate import need_number

__all__ = ["COUNTRY_NAMES", "first_year_above", "users_series"]

#: The countries the start notebook compares (Kazakhstan, its Central Asian neighbours in the data, and Russia), by
#: the codes the data uses, with the names the data gives them.
COMPARED = ("KZ", "KG", "UZ", "TJ", "RU")
COUNTRY_NAMES = {code: data.labels("internet_users", "country")[code] for code in COMPARED}


def users_series(release: str | None = None) -> pd.DataFrame:
    """Internet users (% of population) as a wide table: one row per year, one column per country.

    Only one release (vintage) is used, so that no line mixes revised and unrevised values.
    ``release=None`` takes the release with the most rows.
    """
    users = data.load("internet_users")
    releases = users["release"].value_counts()
    if release is None:
        release = str(releases.index[0])
    elif release not in releases.index:
        raise ValueError(f"Unknown release {release!r}. The releases in the data are: {list(releases.index)}.")
    chosen = users[users["release"] == release]
    return chosen.pivot(index="year", columns="country", values="value").sort_index()


def first_year_above(values: pd.Series, threshold: float) -> int | None:
    """The first index label (a year) at which a Series is strictly above a threshold, or None."""
    if not isinstance(values, pd.Series):
        raise TypeError(f"first_year_above() needs a pandas Series indexed by year, not {type(values).__name__}.")
    threshold = need_number(threshold, "first_year_above(threshold=...)", "a percentage such as 50")
    above = values[values > threshold]
    return None if above.empty else int(above.index.min())
