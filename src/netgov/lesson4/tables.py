"""Lesson 4's tables: the blocking cases, and the arithmetic of collateral damage."""

from __future__ import annotations

import pandas as pd

from .. import data

__all__ = ["CLAIM_VERDICTS", "METHODS", "ORDERED_BY", "TARGET_KINDS", "case_table", "collateral", "collateral_cases"]

# Plain-language names of the codes, from the data package (datapackage.json keeps them beside the codes).
METHODS = data.labels("blocking_cases", "methods")
TARGET_KINDS = data.labels("blocking_cases", "target_kind")
ORDERED_BY = data.labels("blocking_cases", "ordered_by")
CLAIM_VERDICTS = data.labels("claims", "verdict")


def case_table() -> pd.DataFrame:
    """Blocking cases with their first method as ``method`` and the start year, in date order."""
    cases = data.load("blocking_cases")
    cases["method"] = cases["methods"].str.split(";").str[0]
    cases["year"] = cases["start"].dt.year
    return cases.sort_values(["start", "id"], kind="stable").reset_index(drop=True)


def collateral(targeted: int, hosted: int) -> dict[str, float]:
    """Unrelated items made unreachable when a whole platform hosting ``hosted`` items is blocked for ``targeted``."""
    for name, value in (("targeted", targeted), ("hosted", hosted)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{name} must be a whole number of at least 1, not {value!r}.")
    if targeted > hosted:
        raise ValueError(f"targeted ({targeted}) cannot exceed hosted ({hosted}): the targets are on the platform.")
    unrelated = hosted - targeted
    return {
        "targeted": targeted,
        "unrelated": unrelated,
        "per_target": unrelated / targeted,
        "unrelated_share": unrelated / hosted,
    }


def collateral_cases() -> dict[str, int]:
    """The platform blocks the collateral-damage activity offers, with the number of sites each order targeted
    (``collateral_cases``: stated by a source, or the kit's assumption where no source gives a number)."""
    cases = data.load("collateral_cases")
    return dict(zip(cases["case_id"], cases["targeted"].astype(int), strict=True))
