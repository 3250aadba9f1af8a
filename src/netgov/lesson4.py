"""Lesson 4, "Blocked": the widgets behind its activities.

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

from . import data
from ._validate import need_whole_number
from .figures import OKABE_ITO
from .widgets import MARKERS, FigureOutput, FilteredTimeline, card, message

__all__ = [
    "KINDS",
    "METHODS",
    "CaseExplorer",
    "ClaimChecker",
    "CollateralDamage",
    "DetectTheBlock",
    "MysteryMeasurement",
    "case_table",
    "collateral",
]

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

KINDS = {
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

VERDICTS = {
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


class CaseExplorer(FilteredTimeline):
    """Filter the cases; each is drawn from its start to its end (a lone marker when the end is unknown)."""

    empty_text = "No case matches these filters: widen the years or pick more targets or methods."

    def __init__(self, years: tuple[int, int] | None = None):
        self.table = case_table()
        self._by_id = self.table.set_index("id")  # for card(), which looks one case up per update
        # What selection() filters on, by row, as plain values: a few comparisons per case beat pandas' overheads.
        self._filtered_on = list(
            zip(
                self.table["year"].tolist(),
                self.table["target_kind"].tolist(),
                self.table["methods"].str.split(";").tolist(),
                strict=True,
            )
        )
        # What draw() shows of each case, by row, worked out once: an update then only picks rows.
        self._drawn = [
            (
                f"{r.target if len(r.target) <= 45 else r.target[:44] + '…'} ({r.year})",
                r.start.strftime("%Y-%m-%d"),
                (r.end if pd.notna(r.end) else r.start).strftime("%Y-%m-%d"),
                "end unknown or ongoing" if pd.isna(r.end) else r.end.strftime("%Y-%m-%d"),
            )
            for r in self.table.itertuples()
        ]
        first, last = int(self.table["year"].min()), int(self.table["year"].max())
        years = years or (first, last)
        kinds = [k for k in KINDS if k in set(self.table["target_kind"])]
        methods = [m for m in METHODS if self.table["methods"].str.contains(m).any()]
        self.kinds = widgets.SelectMultiple(
            options=[(KINDS[k], k) for k in kinds], value=tuple(kinds), rows=6, description="Target"
        )
        self.methods = widgets.SelectMultiple(
            options=[(METHODS[m], m) for m in methods],
            value=tuple(methods),
            rows=6,
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
        self._assemble([self.kinds, self.methods], years, (first, last), chart, "Case")
        self.case = self.picker

    def selection(self) -> pd.DataFrame:
        start, end = self.years.value
        kinds, methods = set(self.kinds.value), set(self.methods.value)
        keep = [
            start <= year <= end and kind in kinds and not methods.isdisjoint(case_methods)
            for year, kind, case_methods in self._filtered_on
        ]
        return self.table[keep]

    def draw(self, rows: pd.DataFrame) -> None:
        drawn = [self._drawn[i] for i in rows.index]  # (label, start, end or start, end as hovered)
        by_method: dict[str, list[tuple[str, str, str, str]]] = {}
        for method, case in zip(rows["method"].tolist(), drawn, strict=True):
            by_method.setdefault(method, []).append(case)
        traces = []
        for n, method in enumerate(m for m in METHODS if m in by_method):
            part = by_method[method]
            xs: list[str | None] = []
            ys: list[str | None] = []
            for label, start, end, _ in part:
                xs += [start, end, None]
                ys += [label, label, None]
            colour = OKABE_ITO[n % 8]
            traces.append(
                dict(
                    type="scatter",
                    x=xs,
                    y=ys,
                    mode="lines",
                    line=dict(color=colour, width=6),
                    showlegend=False,
                    hoverinfo="skip",
                )
            )
            traces.append(
                dict(
                    type="scatter",
                    x=[start for _, start, _, _ in part],
                    y=[label for label, _, _, _ in part],
                    mode="markers",
                    name=METHODS[method],
                    marker=dict(color=colour, symbol=MARKERS[n % len(MARKERS)], size=11),
                    customdata=[hovered for _, _, _, hovered in part],
                    hovertemplate="%{y}<br>from %{x} to %{customdata}<extra>" + METHODS[method] + "</extra>",
                )
            )
        # One add_traces() of plain dicts: add_scatter() builds and validates each trace twice.
        self.figure.add_traces(traces)
        labels = [label for label, _, _, _ in drawn]
        self.figure.update_yaxes(categoryorder="array", categoryarray=list(reversed(labels)), dtick=1)
        self.figure.layout.height = max(420, 24 * len(labels) + 220)  # one readable row per case

    def label(self, row: pd.Series) -> str:
        return f"{_when(row['start'], row['start_precision'])}: {row['target']}"

    def describe(self, rows: pd.DataFrame) -> str:
        # Counter.most_common() orders as value_counts() does (most first, ties in order of appearance),
        # without pandas' overhead on a few dozen rows.
        methods = Counter(METHODS[m] for m in rows["method"].tolist() if m in METHODS).most_common()
        parts = "; ".join(f"{m} {n}" for m, n in methods)
        open_ended = int(rows["end"].isna().sum())
        years = rows["year"].tolist()
        text = (
            f"Timeline of {len(rows)} cases from {min(years)} to {max(years)}, one row each, drawn "
            f"as a bar from start to end; {open_ended} have no known end and show as a single marker. Colour and "
            f"marker shape give the method: {parts}."
        )
        return f"<p>{html.escape(text)}</p>"

    def card(self, case_id: str) -> str:
        r = self._by_id.loc[case_id]
        end = _when(r["end"], r["end_precision"]) or "not known"
        facts = [
            ("What", f"{KINDS.get(r['target_kind'], r['target_kind'])}: {r['target']}"),
            ("Domains", r["domains"]),
            ("From", _when(r["start"], r["start_precision"])),
            ("Until", f"{end}" + (f" ({r['end_note']})" if pd.notna(r["end_note"]) else "")),
            ("How", "; ".join(METHODS.get(m, m) for m in data.split_ids(r["methods"]))),
            ("Ordered by", str(r["ordered_by"]).replace("_", " ")),
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


class DetectTheBlock:
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
        self.output = widgets.HTML()
        self.method.observe(self.update, names="value")
        self.widget = widgets.VBox([self.method, self.output])
        self.update()

    def update(self, change: object = None) -> None:
        row = self.table.loc[self.method.value]
        self.output.value = _signature_table(row) + card(
            "How to recognise it", [("Telltale sign", row["telltale"]), ("Note", row["note"])], row["source_ids"]
        )


class MysteryMeasurement:
    """Results of an unknown method; the learner names it and gets feedback. The sequence is seeded."""

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
        self.results = widgets.HTML()
        self.feedback = widgets.HTML()
        self.check_button.on_click(lambda _: self.check(self.guess.value))
        self.next_button.on_click(lambda _: self.next())
        self.widget = widgets.VBox(
            [self.results, self.guess, widgets.HBox([self.check_button, self.next_button]), self.feedback]
        )
        self.show()

    @property
    def secret(self) -> str:
        return self.order[self.position % len(self.order)]

    def show(self) -> None:
        row = self.table.loc[self.secret]
        self.results.value = f"<p><strong>Measurement {self.position + 1}.</strong></p>" + _signature_table(row)
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
        colour = OKABE_ITO[2] if right else OKABE_ITO[4]
        self.feedback.value = (
            f'<p role="status" style="border-left:6px solid {colour};padding:0.3em 0.8em">{html.escape(text)}</p>'
        )
        return right


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


class CollateralDamage:
    """A platform blocked for a few of its sites: how many unrelated sites go dark, under your assumptions."""

    CASES = {
        "bc-wordpress-2011": 2,  # the court order named two blogs
        "bc-livejournal-2011": 1,  # number of targeted journals not given: an assumption
        "bc-tumblr-2015": 1,
    }

    def __init__(self, case: str = "bc-wordpress-2011"):
        cases = case_table().set_index("id")
        if case not in self.CASES:
            raise ValueError(f"Unknown platform case {case!r}. Cases: {', '.join(self.CASES)}.")
        self.cases = cases.loc[list(self.CASES)]
        self.case = widgets.Dropdown(
            options=[(f"{r.target} ({r.year})", i) for i, r in self.cases.iterrows()],
            value=case,
            description="Case",
            layout=widgets.Layout(width="34em"),
        )
        self.targeted = widgets.BoundedIntText(
            value=self.CASES[case], min=1, max=1000, description="Targeted sites", style={"description_width": "10em"}
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
        self.chart = FigureOutput(
            title_text="Targeted and unrelated sites made unreachable",
            xaxis_title="Sites",
            yaxis_title="Number of sites (log scale)",
            yaxis_type="log",
            height=360,
        )
        self.figure = self.chart.figure
        self.result = widgets.HTML()
        self.case.observe(self._new_case, names="value")
        self.targeted.observe(self.update, names="value")
        self.hosted_exponent.observe(self.update, names="value")
        self.widget = widgets.VBox([self.case, self.targeted, self.hosted_exponent, self.result, self.chart.output])
        self.update()

    def _new_case(self, change: object = None) -> None:
        self.targeted.value = self.CASES[self.case.value]
        self.update()

    @property
    def hosted(self) -> int:
        return int(round(10**self.hosted_exponent.value))

    def update(self, change: object = None) -> None:
        hosted, targeted = self.hosted, self.targeted.value
        if targeted > hosted:
            self.result.value = message(
                f"You assumed {targeted} targeted sites but only {hosted} sites on the platform: raise the number "
                "of sites on the platform or lower the targets."
            )
            return
        result = collateral(targeted, hosted)
        with self.figure.batch_update():
            self.figure.data = []
            self.figure.add_bar(
                x=["Targeted by the order", "Unrelated, also blocked"],
                y=[result["targeted"], max(result["unrelated"], 0.9)],
                marker_color=[OKABE_ITO[3], OKABE_ITO[4]],
                text=[f"{result['targeted']:,}", f"{result['unrelated']:,}"],
                textposition="outside",
            )
        self.chart.refresh()
        row = self.cases.loc[self.case.value]
        self.result.value = (
            f"<p>If the platform hosts <strong>{hosted:,}</strong> sites and the order targets "
            f"<strong>{targeted:,}</strong>, blocking the whole platform also blocks <strong>{result['unrelated']:,}"
            f"</strong> unrelated sites: {result['per_target']:,.0f} for every targeted one "
            f"({result['unrelated_share']:.3%} of what was blocked had nothing to do with the order). "
            f"What the data says about this case: {html.escape(str(row['collateral']))}</p>"
            "<p><em>The number of sites on the platform is your assumption, not data; the kit has no such counts.</em>"
            " Bar chart on a logarithmic scale comparing the two numbers.</p>"
        )


class ClaimChecker:
    """A period source's claims one by one: judge each against the data, then see the evidence."""

    def __init__(self):
        self.table = data.load("claims")
        self.claim = widgets.Dropdown(
            options=[(r.claim[:90] + ("…" if len(r.claim) > 90 else ""), r.id) for r in self.table.itertuples()],
            description="Claim",
            layout=widgets.Layout(width="95%"),
        )
        self.verdict = widgets.Dropdown(
            options=[("Your verdict...", None), *[(v, k) for k, v in VERDICTS.items()]],
            description="Verdict",
            layout=widgets.Layout(width="30em"),
        )
        self.button = widgets.Button(description="Check", button_style="primary")
        self.text = widgets.HTML()
        self.feedback = widgets.HTML()
        self.claim.observe(self._new_claim, names="value")
        self.button.on_click(lambda _: self.check(self.verdict.value))
        self.widget = widgets.VBox([self.claim, self.text, widgets.HBox([self.verdict, self.button]), self.feedback])
        self._new_claim()

    def _new_claim(self, change: object = None) -> None:
        row = self.table.set_index("id").loc[self.claim.value]
        source = data.cite(row["claim_source_id"])[0]
        self.text.value = (
            f"<p><strong>The claim</strong> (paraphrased): {html.escape(row['claim'])}</p>"
            f"<p><small>Made in: {html.escape(source)}</small></p>"
        )
        self.feedback.value = ""
        self.verdict.value = None

    def check(self, verdict: str | None) -> bool:
        if verdict is None:
            self.feedback.value = message("Choose a verdict, then press Check. Use the tables: events, blocking_cases.")
            return False
        if verdict not in VERDICTS:
            raise ValueError(f"Unknown verdict {verdict!r}. Verdicts: {', '.join(VERDICTS)}.")
        row = self.table.set_index("id").loc[self.claim.value]
        right = verdict == row["verdict"]
        head = "Agreed" if right else f"The data points another way: {VERDICTS[row['verdict']].lower()}"
        self.feedback.value = card(head, [("Evidence", row["evidence"])], row["source_ids"])
        return right


def quiz_questions() -> list:
    """The lesson's check-your-understanding questions; facts in the explanations come from the data."""
    from .quiz import Choice, MultipleChoice

    cases = data.load("blocking_cases").set_index("id")
    wp = cases.loc["bc-wordpress-2011"]
    return [
        MultipleChoice(
            "A DNS lookup inside the country returns a different address from the control. Which method is likely?",
            [
                Choice("DNS tampering", True, "Only the DNS answer differs; the site's real address may still work."),
                Choice("IP blocking", False, "IP blocking leaves DNS correct and stops the connection instead."),
                Choice("Throttling", False, "Throttling leaves every answer correct and only slows the traffic."),
                Choice("TLS interception", False, "Interception shows up in the certificate, not in DNS."),
            ],
        ),
        MultipleChoice(
            f"Why did every WordPress.com blog go dark in Kazakhstan in {wp['start']:%Y}?",
            [
                Choice(
                    "A court banned two blogs, and the platform's shared IP addresses were blocked",
                    True,
                    "Blocking by IP address cannot tell the banned blogs from the others on the same servers: "
                    "overblocking.",
                ),
                Choice(
                    "WordPress.com refused to register as a mass-media outlet",
                    False,
                    "The sources give a court order against two blogs as the reason.",
                ),
                Choice(
                    "The whole internet was shut down",
                    False,
                    "Other sites stayed reachable; only the platform was blocked.",
                ),
                Choice(
                    "WordPress.com blocked Kazakh users itself",
                    False,
                    "The block was applied in Kazakhstan, by IP address.",
                ),
            ],
        ),
        MultipleChoice(
            "Why do measurement projects compare every test with a control vantage point?",
            [
                Choice(
                    "To tell deliberate blocking from a site that is simply down",
                    True,
                    "If the control reaches the site and the inside network does not, the difference is evidence "
                    "of interference, and its pattern shows the method.",
                ),
                Choice("To make the test run faster", False, "The control adds a test; it does not speed it up."),
                Choice(
                    "Because the law requires it",
                    False,
                    "The comparison is a matter of method, not of any law.",
                ),
                Choice(
                    "To hide the test from the censor",
                    False,
                    "The control runs elsewhere; it does not hide the test inside the country.",
                ),
            ],
        ),
        MultipleChoice(
            "A 2009 blog post says the Russian-language LiveJournal stayed reachable. What does the data say?",
            [
                Choice(
                    "No source confirms it; people got through via small providers, mirrors and proxies",
                    True,
                    "That is what the sources in blocking_cases describe; a claim no source supports should not "
                    "be repeated as fact.",
                ),
                Choice("It is confirmed by Kazakhtelecom", False, "Kazakhtelecom denied blocking LiveJournal at all."),
                Choice(
                    "It is proved false by measurements from 2008",
                    False,
                    "The data holds no measurement of language versions: not found is not the same as false.",
                ),
                Choice(
                    "LiveJournal was never blocked",
                    False,
                    "It became unreachable on 7 October 2008, and again from August 2011.",
                ),
            ],
        ),
    ]
