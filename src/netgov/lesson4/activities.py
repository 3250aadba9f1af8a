"""Lesson 4's activities.

* :class:`CaseExplorer`: blocking cases on a timeline, filtered by years, kind of target and method, with a
  detail card and sources for the chosen case.
* :class:`DetectTheBlock`: a teaching simulation of what measurements show for each blocking method, from
  inside the country and from a control vantage point; and :class:`MysteryMeasurement`, which asks the
  learner to classify results.
* :class:`CollateralDamage`: how many unrelated sites a platform-level block hits, under assumptions the
  learner sets.
* :class:`ClaimChecker`: a period source's claims, to be checked against the evidence in the data.
"""

from __future__ import annotations

import html
import random
from collections import Counter

import ipywidgets as widgets
import pandas as pd

from .. import data, projector
from .._validate import need_whole_number
from ..activity import Activity, FigureOutput, FilteredTimeline
from ..cards import card, message, status_box
from ..figures import BAD, NEUTRAL, fit_rows, legend_html, series_style
from .tables import CLAIM_VERDICTS, METHODS, ORDERED_BY, TARGET_KINDS, case_table, collateral, collateral_cases

__all__ = ["CaseExplorer", "ClaimChecker", "CollateralDamage", "DetectTheBlock", "MysteryMeasurement"]


class CaseExplorer(FilteredTimeline):
    """Filter the cases; each is drawn from its start to its end (a lone marker when the end is unknown)."""

    empty_text = "No case matches these filters: widen the years or pick more targets or methods."

    def __init__(self, years: tuple[int, int] | None = None):
        self.table = case_table()
        self._by_id = self.table.set_index("id")  # for card(), which looks one case up per update
        # What an update filters on and draws, worked out once per case as plain values: an update then only
        # compares and picks (pandas' overhead on a few dozen rows is most of an update's time).
        self._filtered_on = list(
            zip(
                self.table["year"].tolist(),
                self.table["target_kind"].tolist(),
                self.table["methods"].str.split(";").tolist(),
                strict=True,
            )
        )
        # A case's row is named by its target, shortened (whole in the hover and the card); on a projector the
        # names are shorter still, so that the narrow screen keeps room for the bars.
        projected = projector.active()
        longest = 28 if projected else 45
        self._drawn = [  # (label, start, end or start when unknown, end as hovered)
            (
                f"{r.target if len(r.target) <= longest else r.target[: longest - 1] + '…'} ({r.year})",
                r.start.strftime("%Y-%m-%d"),
                (r.end if pd.notna(r.end) else r.start).strftime("%Y-%m-%d"),
                "end unknown or ongoing" if pd.isna(r.end) else r.end.strftime("%Y-%m-%d"),
            )
            for r in self.table.itertuples()
        ]
        self._extra = 150 if projected else 220  # the height besides the rows: title, axis and legend
        first, last = int(self.table["year"].min()), int(self.table["year"].max())
        years = years or (first, last)
        kinds = [k for k in TARGET_KINDS if k in set(self.table["target_kind"])]
        methods = [m for m in METHODS if self.table["methods"].str.contains(m).any()]
        self.kinds = widgets.SelectMultiple(
            options=[(TARGET_KINDS[k], k) for k in kinds], value=tuple(kinds), rows=len(kinds), description="Target"
        )
        self.methods = widgets.SelectMultiple(
            options=[(METHODS[m], m) for m in methods],
            value=tuple(methods),
            rows=len(methods),
            description="Method",
            layout=widgets.Layout(width="30em"),
        )
        chart = FigureOutput(
            title_text="Blocking, throttling, interception and shutdowns in Kazakhstan",
            xaxis_title="Year",
            yaxis_title="Case",
            height=640,
            legend=dict(orientation="h", y=-0.12),
            margin=dict(l=330),
        )
        legend = ()
        if projected:
            # Plotly's legend would take the screen's rows: it becomes a line of text under the chart.
            chart.figure.update_layout(margin=dict(l=120), showlegend=False)
            entries = [(METHODS[m], *series_style(list(METHODS).index(m))) for m in methods]
            legend = (widgets.HTML(legend_html(entries)),)
        self._assemble([self.kinds, self.methods], years, (first, last), chart, "Case", legend)

    def selection(self) -> pd.DataFrame:
        start, end = self.years.value
        kinds, methods = set(self.kinds.value), set(self.methods.value)
        keep = [
            start <= year <= end and kind in kinds and not methods.isdisjoint(case_methods)
            for year, kind, case_methods in self._filtered_on
        ]
        return self.table[keep]

    def draw_rows(self, rows: pd.DataFrame) -> None:
        drawn = [self._drawn[i] for i in rows.index]
        by_method: dict[str, list[tuple[str, str, str, str]]] = {}
        for method, case in zip(rows["method"].tolist(), drawn, strict=True):
            by_method.setdefault(method, []).append(case)
        traces = []
        for method in (m for m in METHODS if m in by_method):
            part = by_method[method]
            colour, symbol = series_style(list(METHODS).index(method))  # a method keeps its look whatever is shown
            bars = dict(x=[], y=[])
            for label, start, end, _ in part:
                bars["x"] += [start, end, None]
                bars["y"] += [label, label, None]
            traces.append(
                dict(type="scatter", mode="lines", line=dict(color=colour, width=6), showlegend=False, hoverinfo="skip")
                | bars
            )
            traces.append(
                dict(
                    type="scatter",
                    x=[start for _, start, _, _ in part],
                    y=[label for label, _, _, _ in part],
                    mode="markers",
                    name=METHODS[method],
                    marker=dict(color=colour, symbol=symbol, size=11),
                    customdata=[hovered for _, _, _, hovered in part],
                    hovertemplate="%{y}<br>from %{x} to %{customdata}<extra>" + METHODS[method] + "</extra>",
                )
            )
        self.figure.add_traces(traces)  # one call with plain dicts: add_scatter() builds and checks each twice
        labels = [label for label, _, _, _ in drawn]
        self.figure.update_yaxes(categoryorder="array", categoryarray=list(reversed(labels)), dtick=1)
        # One readable row per case; on a projector, the rows that fit, the others a drag away.
        self.rows_shown = fit_rows(self.figure, len(labels), row_height=24, extra=self._extra, least=420)

    def label(self, row: pd.Series) -> str:
        return f"{data.format_date(row['start'], row['start_precision'])}: {row['target']}"

    def describe_rows(self, rows: pd.DataFrame) -> str:
        # most_common() orders as value_counts() does (most first, ties in order of appearance).
        methods = Counter(METHODS[m] for m in rows["method"].tolist() if m in METHODS).most_common()
        parts = "; ".join(f"{m} {n}" for m, n in methods)
        open_ended = int(rows["end"].isna().sum())
        years = rows["year"].tolist()
        text = (
            f"Timeline of {len(rows)} cases from {min(years)} to {max(years)}, one row each, drawn "
            f"as a bar from start to end; {open_ended} have no known end and show as a single marker. Colour and "
            f"marker shape give the method: {parts}."
        )
        if self.rows_shown < len(rows):
            text += f" The chart shows {self.rows_shown} rows at a time: drag it up or down to see the others."
        return f"<p>{html.escape(text)}</p>"

    def card(self, case_id: str) -> str:
        r = self._by_id.loc[case_id]
        end = data.format_date(r["end"], r["end_precision"]) or "not known"
        facts = [
            ("What", f"{TARGET_KINDS.get(r['target_kind'], r['target_kind'])}: {r['target']}"),
            ("Domains", r["domains"]),
            ("From", data.format_date(r["start"], r["start_precision"])),
            ("Until", f"{end}" + (f" ({r['end_note']})" if pd.notna(r["end_note"]) else "")),
            ("How", "; ".join(METHODS.get(m, m) for m in data.split_ids(r["methods"]))),
            ("Ordered by", ORDERED_BY.get(r["ordered_by"], r["ordered_by"])),
            ("Legal basis", r["legal_basis"]),
            ("Stated reason", r["stated_reason"]),
            ("Who else was hit", r["collateral"]),
            ("How sure", f"Confidence: {r['confidence']}"),
            ("Note", r["note"]),
        ]
        return card(r["target"], facts, r["source_ids"])


PROBES = (("dns", "DNS lookup"), ("tcp", "TCP connection"), ("http", "HTTP request"), ("tls", "TLS handshake"))


def _signature_table(row: pd.Series) -> str:
    cells = "".join(
        f"<tr><th scope='row' style='text-align:left;padding:0.3em'>{label}</th>"
        f"<td style='padding:0.3em'>{html.escape(str(row[key]))}</td>"
        f"<td style='padding:0.3em'>{html.escape(str(_CONTROL[key]))}</td></tr>"
        for key, label in PROBES
    )
    return (
        "<table style='border-collapse:collapse;max-width:60em' border='1'>"
        "<caption style='text-align:left'><em>Teaching simulation</em>, based on how measurement projects describe "
        "each method.</caption><thead><tr><th scope='col'>Probe</th><th scope='col'>Inside the country</th>"
        f"<th scope='col'>Control vantage point</th></tr></thead><tbody>{cells}</tbody></table>"
    )


_CONTROL = {
    "dns": "The site's correct address",
    "tcp": "Connects",
    "http": "The page",
    "tls": "Handshake completes with the site's valid certificate",
}


class DetectTheBlock(Activity):
    """Pick a blocking method; see what each probe returns inside the country and from the control."""

    def __init__(self, method: str = "dns"):
        self.table = data.load("detection_signatures").set_index("method")
        if method not in self.table.index:
            raise ValueError(f"Unknown method {method!r}. Methods: {', '.join(self.table.index)}.")
        self.method = widgets.Dropdown(
            options=[(r.label, m) for m, r in self.table.iterrows()],
            value=method,
            description="Censor uses",
            layout=widgets.Layout(width="34em"),
        )
        self._build([self.method])

    def describe(self) -> str:
        row = self.table.loc[self.method.value]
        return _signature_table(row) + card(
            "How to recognise it", [("Telltale sign", row["telltale"]), ("Note", row["note"])], row["source_ids"]
        )


class MysteryMeasurement(Activity):
    """Results of an unknown method; the learner names it and gets feedback. The sequence is seeded.

    ``text`` shows the measurement; ``feedback`` what the Check button says of the learner's answer.
    """

    def __init__(self, seed: int = 2009):
        need_whole_number(seed, "seed", 2009)
        self.table = data.load("detection_signatures").set_index("method")
        self.order = list(self.table.index)
        random.Random(seed).shuffle(self.order)
        self.position = 0
        self.guess = widgets.Dropdown(
            options=[("Choose a method...", None), *[(r.label, m) for m, r in self.table.iterrows()]],
            description="Your answer",
            layout=widgets.Layout(width="34em"),
        )
        self.check_button = widgets.Button(description="Check", button_style="primary")
        self.next_button = widgets.Button(description="Next measurement")
        self.feedback = widgets.HTML()
        self.check_button.on_click(lambda _: self.check(self.guess.value))
        self.next_button.on_click(lambda _: self.next())
        self._build(
            [self.guess],
            layout=["text", self.guess, widgets.HBox([self.check_button, self.next_button]), self.feedback],
        )
        self.show()

    @property
    def secret(self) -> str:
        return self.order[self.position % len(self.order)]

    def update(self, change: object = None) -> None:
        """Choosing an answer changes nothing until Check is pressed; the measurement stays as it is."""
        self.text.value = self.describe()

    def describe(self) -> str:
        row = self.table.loc[self.secret]
        return f"<p><strong>Measurement {self.position + 1}.</strong></p>" + _signature_table(row)

    def show(self) -> None:
        self.text.value = self.describe()
        self.feedback.value = ""
        self.guess.value = None

    def next(self) -> None:
        self.position += 1
        self.show()

    def check(self, guess: str | None) -> bool:
        if guess is None:
            self.feedback.value = message("Choose a method in the list, then press Check.")
            return False
        if guess not in self.table.index:
            raise ValueError(f"Unknown method {guess!r}. Methods: {', '.join(self.table.index)}.")
        right = guess == self.secret
        truth = self.table.loc[self.secret]
        if right:
            text = f"Correct: {truth['label']}. {truth['telltale']}"
        else:
            text = (
                f"Not quite: that would look different. Compare the rows with the control one by one: "
                f"which is the first probe that differs, and how? ({self.table.loc[guess, 'label']}: "
                f"{self.table.loc[guess, 'telltale']})"
            )
        self.feedback.value = status_box(html.escape(text), "good" if right else "bad")
        return right


class CollateralDamage(Activity):
    """A platform blocked for a few of its sites: how many unrelated sites go dark, under your assumptions."""

    has_figure = True

    def __init__(self, case: str = "bc-wordpress-2011"):
        cases = case_table().set_index("id")
        self.targets = collateral_cases()
        if case not in self.targets:
            raise ValueError(f"Unknown platform case {case!r}. Cases: {', '.join(self.targets)}.")
        self.cases = cases.loc[list(self.targets)]
        self.case = widgets.Dropdown(
            options=[(f"{r.target} ({r.year})", i) for i, r in self.cases.iterrows()],
            value=case,
            description="Case",
            layout=widgets.Layout(width="34em"),
        )
        self.targeted = widgets.BoundedIntText(
            value=self.targets[case], min=1, max=1000, description="Targeted sites", style={"description_width": "10em"}
        )
        self.hosted_exponent = widgets.FloatSlider(
            value=5,
            min=1,
            max=8,
            step=0.5,
            description="Sites on it (10^)",
            continuous_update=False,
            readout_format=".1f",
            style={"description_width": "10em"},
            layout=widgets.Layout(width="34em"),
        )
        chart = FigureOutput(
            title_text="Targeted and unrelated sites made unreachable",
            xaxis_title="Sites",
            yaxis_title="Number of sites (log scale)",
            yaxis_type="log",
            height=360,
        )
        self._build(
            [self.targeted, self.hosted_exponent],
            chart=chart,
            layout=[self.case, self.targeted, self.hosted_exponent, "text", "chart"],
        )
        self.controls.insert(0, self.case)
        self.case.observe(self._new_case, names="value")

    def _new_case(self, change: object = None) -> None:
        self.targeted.value = self.targets[self.case.value]
        self.update()

    @property
    def hosted(self) -> int:
        return int(round(10**self.hosted_exponent.value))

    def update(self, change: object = None) -> None:
        hosted, targeted = self.hosted, self.targeted.value
        if targeted > hosted:
            self.text.value = message(
                f"You assumed {targeted} targeted sites but only {hosted} sites on the platform: raise the number "
                "of sites on the platform or lower the targets."
            )
            return
        self.outcome = collateral(targeted, hosted)
        super().update()

    def draw(self) -> None:
        result = self.outcome
        self.figure.data = []
        self.figure.add_bar(
            x=["Targeted by the order", "Unrelated, also blocked"],
            y=[result["targeted"], max(result["unrelated"], 0.9)],
            marker_color=[NEUTRAL, BAD],
            text=[f"{result['targeted']:,}", f"{result['unrelated']:,}"],
            textposition="outside",
        )

    def describe(self) -> str:
        result, hosted, targeted = self.outcome, self.hosted, self.targeted.value
        row = self.cases.loc[self.case.value]
        return (
            f"<p>If the platform hosts <strong>{hosted:,}</strong> sites and the order targets "
            f"<strong>{targeted:,}</strong>, blocking the whole platform also blocks <strong>{result['unrelated']:,}"
            f"</strong> unrelated sites: {result['per_target']:,.0f} for every targeted one "
            f"({result['unrelated_share']:.3%} of what was blocked had nothing to do with the order). "
            f"What the data says about this case: {html.escape(str(row['collateral']))}</p>"
            "<p><em>The number of sites on the platform is your assumption, not data; the kit has no such counts.</em>"
            " Bar chart on a logarithmic scale comparing the two numbers.</p>"
        )


class ClaimChecker(Activity):
    """A period source's claims one by one: judge each against the data, then see the evidence.

    ``text`` shows the claim; ``feedback`` what the Check button says of the learner's verdict.
    """

    def __init__(self):
        self.table = data.load("claims")
        self._by_id = self.table.set_index("id")  # looked up on every claim shown and every Check
        self.claim = widgets.Dropdown(
            options=[(r.claim[:90] + ("…" if len(r.claim) > 90 else ""), r.id) for r in self.table.itertuples()],
            description="Claim",
            layout=widgets.Layout(width="95%"),
        )
        self.verdict = widgets.Dropdown(
            options=[("Your verdict...", None), *[(v, k) for k, v in CLAIM_VERDICTS.items()]],
            description="Verdict",
            layout=widgets.Layout(width="30em"),
        )
        self.button = widgets.Button(description="Check", button_style="primary")
        self.feedback = widgets.HTML()
        self.button.on_click(lambda _: self.check(self.verdict.value))
        self._build([self.claim], layout=[self.claim, "text", widgets.HBox([self.verdict, self.button]), self.feedback])

    def update(self, change: object = None) -> None:
        """A new claim: show it, and clear the verdict and the feedback on the previous one."""
        super().update()
        self.feedback.value = ""
        self.verdict.value = None

    def describe(self) -> str:
        row = self._by_id.loc[self.claim.value]
        source = data.cite(row["claim_source_id"])[0]
        return (
            f"<p><strong>The claim</strong> (paraphrased): {html.escape(row['claim'])}</p>"
            f"<p><small>Made in: {html.escape(source)}</small></p>"
        )

    def check(self, verdict: str | None) -> bool:
        if verdict is None:
            self.feedback.value = message("Choose a verdict, then press Check. Use the tables: events, blocking_cases.")
            return False
        if verdict not in CLAIM_VERDICTS:
            raise ValueError(f"Unknown verdict {verdict!r}. Verdicts: {', '.join(CLAIM_VERDICTS)}.")
        row = self._by_id.loc[self.claim.value]
        right = verdict == row["verdict"]
        head = "Agreed" if right else f"The data points another way: {CLAIM_VERDICTS[row['verdict']].lower()}"
        self.feedback.value = card(head, [("Evidence", row["evidence"])], row["source_ids"])
        return right
