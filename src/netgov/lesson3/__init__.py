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

from . import activities, tables
from .activities import *  # noqa: F403 - the package is what a learner imports
from .tables import *  # noqa: F403 - the package is what a learner imports

__all__ = [*tables.__all__, *activities.__all__, "quiz_questions"]


def quiz_questions() -> list:
    """The lesson's check-your-understanding questions (``quiz.toml``), with the model's numbers."""
    from ..quiz import from_file

    share_2009 = tables.chokepoint_share(tables.topology("2009-all"))
    return from_file(Path(__file__).with_name("quiz.toml"), share_2009=share_2009)
