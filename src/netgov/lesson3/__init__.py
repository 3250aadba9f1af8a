"""Lesson 3, "One gateway": Kazakhtelecom's place in the country's international traffic, as a network model.

What a learner calls, all importable from here (``from netgov import lesson3``):

* the model and tables: :func:`topology`, :func:`lose_access`, :func:`chokepoint_share`, :func:`betweenness`,
  :func:`add_gateways`, :func:`access_networks`, :func:`market_shares`, :func:`hhi`, :func:`hhi_band`;
* activities: :class:`ChokepointExplorer`, :class:`ConcentrationCalculator`, :class:`GatewayExplorer`, and
  :func:`draw`, which draws a topology into a plotly figure;
* :func:`quiz_questions`, whose text is in ``quiz.toml`` beside this file.

The exercise checks are in :mod:`netgov.lesson3.checks` (``from netgov.lesson3 import checks as check``).
"""

from __future__ import annotations

from pathlib import Path

from .activities import ChokepointExplorer, ConcentrationCalculator, GatewayExplorer, draw
from .tables import (
    ERAS,
    HHI_THRESHOLDS,
    WORLD,
    access_networks,
    add_gateways,
    betweenness,
    chokepoint_share,
    hhi,
    hhi_band,
    lose_access,
    market_shares,
    topology,
)

__all__ = [
    "ERAS",
    "HHI_THRESHOLDS",
    "WORLD",
    "ChokepointExplorer",
    "ConcentrationCalculator",
    "GatewayExplorer",
    "access_networks",
    "add_gateways",
    "betweenness",
    "chokepoint_share",
    "draw",
    "hhi",
    "hhi_band",
    "lose_access",
    "market_shares",
    "quiz_questions",
    "topology",
]


def quiz_questions() -> list:
    """The lesson's check-your-understanding questions (``quiz.toml``), with the model's numbers."""
    from ..quiz import from_file

    return from_file(Path(__file__).with_name("quiz.toml"), share_2009=chokepoint_share(topology("2009-all")))
