"""Lesson 4's tables: the blocking cases, and the arithmetic of collateral damage."""

from __future__ import annotations

import pandas as pd

from .. import data

__all__ = ["CLAIM_VERDICTS", "METHODS", "TARGET_KINDS", "case_table", "collateral"]

METHODS = {
    "dns": "DNS tampering",
    "ip": "IP blocking",
    "url_dpi": "URL filtering or deep packet inspection",
    "tls_sni": "TLS filtering by server name (SNI)",
    "tls_mitm": "TLS interception",
    "throttling": "Throttling",
    "shutdown": "Shutdown",
    "unknown": "Method not documented",
}

TARGET_KINDS = {
    "blog_platform": "Blog platform",
    "news_site": "News site",
    "social_network": "Social network",
    "messenger": "Messenger",
    "video_platform": "Video platform",
    "opposition_site": "Opposition site",
    "circumvention_tool": "Circumvention tool",
    "petition_site": "Petition site",
    "whole_internet": "Whole internet",
    "many_sites": "Many sites",
    "https_traffic": "HTTPS traffic",
    "other": "Other",
}

CLAIM_VERDICTS = {
    "supported": "Supported by the evidence",
    "partly_supported": "Partly supported",
    "contradicted": "Contradicted by the evidence",
    "not_found": "No evidence found",
}


def _when(value: pd.Timestamp, precision: object) -> str:
    if pd.isna(value):
        return ""
    fmt = {"month": "%B %Y", "year": "%Y"}.get(precision if isinstance(precision, str) else "day", "%d %B %Y")
    return value.strftime(fmt).lstrip("0")


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
