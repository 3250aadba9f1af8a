"""What a browser does to open a site, step by step: the ground every blocking method stands on.

* :func:`connection_table`: the four steps of opening an ``https://`` address (DNS lookup, TCP connection,
  TLS handshake, HTTP request), who the browser talks to at each, what it sends, what someone on the path can
  read, and the blocking methods that act there;
* :func:`connection_steps`: the same as a diagram.

The steps are general teaching content, written in the kit's words. The methods are the rows of
``data/detection_signatures.csv`` (the table *Detect the block* simulates), named by its ``label`` column, so
that the diagram's hover text and the simulation use one name for each method.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import data
from ..figures import MISSING, NEUTRAL, series_style

__all__ = ["ANY_STEP", "STEPS", "connection_steps", "connection_table"]

#: The steps in the order a browser takes them for an ``https://`` address. ``methods`` are
#: ``detection_signatures`` codes; ``encrypted`` says whether what the step sends is hidden from the path.
STEPS = (
    {
        "step": 1,
        "name": "DNS lookup",
        "talks_to": "DNS resolver",
        "sends": "The site's name; the resolver answers with the site's IP address.",
        "path_reads": "The name asked for and the address returned.",
        "encrypted": False,
        "methods": ("dns",),
    },
    {
        "step": 2,
        "name": "TCP connection",
        "talks_to": "Site's server",
        "sends": "A request to open a connection to that address; the server accepts.",
        "path_reads": "The server's address, but not which of the sites it hosts is wanted.",
        "encrypted": False,
        "methods": ("ip",),
    },
    {
        "step": 3,
        "name": "TLS handshake",
        "talks_to": "Site's server",
        "sends": "The ClientHello, which names the site (SNI); the server answers with its certificate.",
        "path_reads": "The site's name, in the ClientHello's SNI field.",
        "encrypted": False,
        "methods": ("tls_sni", "tls_mitm"),
    },
    {
        "step": 4,
        "name": "HTTP request",
        "talks_to": "Site's server",
        "sends": "The request for the page, with its full address; the server sends the page.",
        "path_reads": "Over HTTPS only how much data flows, and when. Over plain HTTP, the full address and the page.",
        "encrypted": True,
        "methods": ("http_url",),
    },
)

#: Methods that do not act at one step: throttling slows the traffic once it flows, a shutdown stops every step.
ANY_STEP = ("throttling", "shutdown")

# What the diagram writes under each link: what someone on the way can read, in as few words as say it.
_READS_SHORT = {
    1: "Seen on the way: the name asked for and the address returned",
    2: "Seen on the way: the server's address, not which of its sites",
    3: "Seen on the way: the site's name (SNI)",
    4: "Seen on the way: over HTTPS only how much data, and when;<br>over plain HTTP the whole address and the page",
}
#: The methods' names on the diagram, shorter than the simulation's labels (the hover text gives those).
_SHORT_NAMES = {
    "dns": "DNS tampering",
    "ip": "IP blocking",
    "tls_sni": "SNI filtering",
    "tls_mitm": "TLS interception",
    "http_url": "URL filtering (plain HTTP only)",
}
_BROWSER, _WAY, _END = 0.0, 1.5, 3.0
#: Labels a little smaller than the kit's base font: four rows of them must fit a projector's height.
_LABEL_SIZE = 14


def _labels() -> dict[str, str]:
    return data.load("detection_signatures").set_index("method")["label"].to_dict()


def connection_table() -> pd.DataFrame:
    """The steps of opening an ``https://`` address, one row each, with the blocking methods that act there.

    Columns: ``step``, ``name``, ``talks_to``, ``sends``, ``path_reads``, ``encrypted`` and ``methods`` (the
    methods' names as *Detect the block* gives them, separated by ``"; "``).
    """
    labels = _labels()
    rows = [{**step, "methods": "; ".join(labels[m] for m in step["methods"])} for step in STEPS]
    return pd.DataFrame(rows)


def connection_steps() -> go.Figure:
    """A diagram of the four steps: who the browser talks to, what can be read on the way, where each method acts.

    One row per step, from the top: a link from the browser, across the networks on the way, to the resolver
    or the site's server (solid when what it carries is readable on the way, dashed when it is encrypted). On
    each link, a marker for each blocking method that acts at that step, with its name above (each method its
    own colour and shape from the kit's palette); under the link, what someone on the way can read.
    """
    labels = _labels()
    fig = go.Figure()
    for encrypted, name, dash in ((False, "Readable on the way", "solid"), (True, "Encrypted (HTTPS)", "dash")):
        xs: list = []
        ys: list = []
        for step in STEPS:
            if step["encrypted"] is encrypted:
                xs += [_BROWSER, _END, None]
                ys += [step["step"], step["step"], None]
        fig.add_scatter(
            x=xs, y=ys, mode="lines", name=name, line=dict(color=MISSING, width=3, dash=dash), hoverinfo="skip"
        )
    rows = [s["step"] for s in STEPS]
    fig.add_scatter(
        x=[_BROWSER] * len(rows),
        y=rows,
        mode="markers",
        marker=dict(symbol="square", size=16, color=NEUTRAL),
        hovertext=[f"Step {s['step']}: the browser sends {s['sends'][0].lower()}{s['sends'][1:]}" for s in STEPS],
        hoverinfo="text",
        showlegend=False,
        name="Browser",
    )
    fig.add_scatter(
        x=[_END] * len(rows),
        y=rows,
        mode="markers+text",
        marker=dict(symbol="square", size=16, color=NEUTRAL),
        text=[s["talks_to"] for s in STEPS],
        textposition="top center",
        textfont=dict(size=_LABEL_SIZE),
        hovertext=[f"Step {s['step']}: the browser talks to the {s['talks_to'].lower()}" for s in STEPS],
        hoverinfo="text",
        showlegend=False,
        name="Resolver or server",
    )
    n = 0
    for step in STEPS:
        places = [(1.0, "top center")] if len(step["methods"]) == 1 else [(0.85, "top left"), (1.2, "top right")]
        for method, (x, where) in zip(step["methods"], places, strict=True):
            colour, symbol = series_style(n)
            n += 1
            fig.add_scatter(
                x=[x],
                y=[step["step"]],
                mode="markers+text",
                name=labels[method],
                text=[_SHORT_NAMES[method]],
                textposition=where,
                textfont=dict(size=_LABEL_SIZE),
                marker=dict(symbol=symbol, size=16, color=colour, line=dict(width=1.5, color="#222222")),
                hovertext=[f"{labels[method]}: acts at step {step['step']}, the {step['name']}"],
                hoverinfo="text",
                showlegend=False,
            )
        fig.add_annotation(
            x=_WAY,
            y=step["step"] + 0.16,
            yanchor="top",
            text=_READS_SHORT[step["step"]],
            showarrow=False,
            font=dict(size=_LABEL_SIZE - 1),
        )
    fig.update_xaxes(
        title_text="Who takes part",
        tickmode="array",
        tickvals=[_BROWSER, _WAY, _END],
        ticktext=["Browser", "Networks on the way", "Resolver or server"],
        side="top",
        range=[-0.25, 3.45],
        showgrid=False,
        zeroline=False,
    )
    fig.update_yaxes(
        title_text="Step, in order",
        tickmode="array",
        tickvals=rows,
        ticktext=[f"{s['step']}. {s['name']}" for s in STEPS],
        range=[4.7, 0.45],
        showgrid=False,
        zeroline=False,
    )
    fig.update_layout(
        title_text="Opening an https:// site: four steps, and where blocking acts",
        height=480,
        legend=dict(orientation="h", yanchor="top", y=-0.02, xanchor="left", x=0),
        # Fixed, wider than the step names need: the plot area is then the same in every browser, which is
        # what the test of the labels' layout measures.
        margin=dict(l=160, r=30, t=110, b=50),
    )
    return fig
