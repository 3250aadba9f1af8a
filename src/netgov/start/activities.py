"""The start notebook's activity: a small live chart that shows, on real data, the pattern every lesson
repeats (a widget that asks a question of the data)."""

from __future__ import annotations

import ipywidgets as widgets

from .._validate import need_items
from ..activity import Activity, FigureOutput, year_range
from ..figures import series_style, year_axis
from .tables import COUNTRY_NAMES, users_series

__all__ = ["UsersExplorer"]


class UsersExplorer(Activity):
    """Pick countries and a span of years; the chart and its text description follow.

    Controls ``countries`` (a multiple-choice widget) and ``years`` (a range slider); like every activity it
    has a ``figure`` (the plotly figure), a ``text`` (the figure described in words, for screen readers) and a
    ``widget`` (everything laid out, ready to display).
    """

    has_figure = True

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
        self.years = year_range((first, last), first, last)
        chart = FigureOutput(
            title_text="Internet users, % of population (ITU estimates)",
            xaxis_title="Year",
            yaxis_title="Internet users (% of population)",
            yaxis_range=[0, 100],
            height=420,
        )
        self._build(
            [self.countries, self.years],
            chart=chart,
            layout=[widgets.HBox([self.countries, self.years]), "chart", "text"],
        )

    def draw(self) -> None:
        start, end = self.years.value
        chosen = list(self.countries.value)
        span = self.table.loc[start:end, chosen]
        self.figure.data = []
        for code in chosen:
            series = span[code].dropna()
            colour, symbol = series_style(list(COUNTRY_NAMES).index(code))  # a country keeps its look
            self.figure.add_scatter(
                x=series.index.tolist(),
                y=series.tolist(),
                name=COUNTRY_NAMES[code],
                mode="lines+markers",
                line=dict(color=colour),
                marker=dict(symbol=symbol),
            )
        year_axis(self.figure, range(start, end + 1))

    def describe(self) -> str:
        start, end = self.years.value
        chosen = list(self.countries.value)
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
