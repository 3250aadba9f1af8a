"""The start notebook's one check, which shows the pattern every exercise repeats: an answer, computed from the
data, and feedback that explains."""

from __future__ import annotations

from ..checks import as_int, check, correct, not_yet
from .tables import first_year_above, users_series

__all__ = ["check_first_majority_year"]


@check(as_int, "a year, such as 2005")
def check_first_majority_year(year: int):
    """In which year did more than half of Kazakhstan's population first use the internet (ITU estimate)?"""
    kz = users_series()["KZ"].dropna()
    expected = first_year_above(kz, 50)
    if year == expected:
        before = kz.get(year - 1)
        earlier = f" The year before, it was {before:.1f}%." if before is not None else ""
        return correct(f"In {year} the estimate first passes 50% ({kz[year]:.1f}%).{earlier}")
    if year not in kz.index and 0 <= year <= 100:
        return not_yet(
            f"{year} looks like a percentage, not a year.",
            "The answer is the year in which the estimate first passes 50, not the estimate itself.",
        )
    if year not in kz.index:
        return not_yet(
            f"There is no estimate for {year} in the table.",
            f"The table covers {int(kz.index.min())} to {int(kz.index.max())}.",
        )
    if kz[year] <= 50:
        return not_yet(
            f"In {year} the estimate is {kz[year]:.1f}%, not yet more than half.",
            "Look for the first year whose value is above 50.",
        )
    return not_yet(
        f"In {year} the estimate ({kz[year]:.1f}%) is above half, but it is not the first such year.",
        "Check the years before it: is any of them already above 50?",
    )
