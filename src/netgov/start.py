"""What the start notebook uses: a small live widget and one auto-checked question.

They show, on real data, the two patterns every lesson repeats: a widget that asks a question of
the data, and a check that answers with explained feedback.
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from . import data
from ._validate import need_items
from .checks import Feedback, as_int, correct, first_year_above, not_yet
from .figures import OKABE_ITO, SYMBOLS, year_axis
from .widgets import FigureOutput

__all__ = ["UsersExplorer", "check_first_majority_year", "users_series"]

COUNTRY_NAMES = {"KZ": "Kazakhstan", "KG": "Kyrgyzstan", "UZ": "Uzbekistan", "TJ": "Tajikistan", "RU": "Russia"}


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


class UsersExplorer:
    """Pick countries and a span of years; the chart and its text description follow.

    Attributes ``countries`` (a multiple-choice widget), ``years`` (a range slider), ``figure`` (the
    plotly figure), ``description`` (plain text for screen readers) and ``widget`` (everything laid
    out, ready to display).
    """

    def __init__(self, countries: tuple[str, ...] = ("KZ", "KG", "RU")):
        self.table = users_series()
        available = [c for c in COUNTRY_NAMES if c in self.table.columns]
        countries = need_items(
            countries, "countries", "a list or tuple of country codes such as ('KZ', 'KG')", item=str
        )
        unknown = [c for c in countries if c not in available]
        if unknown:
            raise ValueError(f"Unknown country code(s) {unknown}. Choose from {available}.")
        first, last = int(self.table.index.min()), int(self.table.index.max())
        self.countries = widgets.SelectMultiple(
            options=[(COUNTRY_NAMES[c], c) for c in available],
            value=tuple(countries),
            rows=len(available),
            description="Countries",
        )
        self.years = widgets.IntRangeSlider(
            value=(first, last), min=first, max=last, step=1, description="Years", continuous_update=False
        )
        self.chart = FigureOutput(
            title_text="Internet users, % of population (ITU estimates)",
            xaxis_title="Year",
            yaxis_title="Internet users (% of population)",
            yaxis_range=[0, 100],
            height=420,
        )
        self.figure = self.chart.figure
        self.description = widgets.HTML()
        self.countries.observe(self.update, names="value")
        self.years.observe(self.update, names="value")
        self.widget = widgets.VBox([widgets.HBox([self.countries, self.years]), self.chart.output, self.description])
        self.update()

    def update(self, change: object = None) -> None:
        start, end = self.years.value
        chosen = list(self.countries.value)
        span = self.table.loc[start:end, chosen]
        with self.figure.batch_update():
            self.figure.data = []
            traces = []
            for n, code in enumerate(chosen):
                series = span[code].dropna()
                traces.append(
                    dict(
                        type="scatter",
                        x=series.index.tolist(),
                        y=series.tolist(),
                        name=COUNTRY_NAMES[code],
                        mode="lines+markers",
                        line=dict(color=OKABE_ITO[n % len(OKABE_ITO)]),
                        marker=dict(symbol=SYMBOLS[n % len(SYMBOLS)]),
                    )
                )
            # One add_traces() of plain dicts: add_scatter() builds and validates each trace twice.
            self.figure.add_traces(traces)
            year_axis(self.figure, range(start, end + 1))
        self.chart.refresh()
        self.description.value = self.describe(chosen, start, end)

    def describe(self, chosen: list[str], start: int, end: int) -> str:
        if not chosen:
            return "<p><strong>No country selected.</strong> Pick at least one country in the list to draw a line.</p>"
        parts = []
        for code in chosen:
            series = self.table.loc[start:end, code].dropna()
            if series.empty:
                parts.append(f"{COUNTRY_NAMES[code]}: no estimate between {start} and {end}")
            else:
                parts.append(
                    f"{COUNTRY_NAMES[code]} {series.iloc[0]:.1f}% in {series.index[0]} to "
                    f"{series.iloc[-1]:.1f}% in {series.index[-1]}"
                )
        return (
            f"<p>Line chart of internet users as a percentage of the population, {start} to {end}. "
            + "; ".join(parts)
            + ".</p>"
        )


def check_first_majority_year(answer: object) -> Feedback:
    """In which year did more than half of Kazakhstan's population first use the internet (ITU estimate)?"""
    year = as_int(answer, "a year, such as 2005")
    if isinstance(year, Feedback):
        return year
    kz = users_series()["KZ"].dropna()
    expected = first_year_above(kz, 50)
    if year == expected:
        before = kz.get(year - 1)
        earlier = f" The year before, it was {before:.1f}%." if before is not None else ""
        return correct(f"In {year} the estimate first passes 50% ({kz[year]:.1f}%).{earlier}")
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
