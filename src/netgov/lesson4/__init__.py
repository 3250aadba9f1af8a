"""Lesson 4, "Blocked": blocking, throttling, interception and shutdowns, and how measurement detects them.

What a learner calls, all importable from here (``from netgov import lesson4``):

* tables: :func:`case_table`, :func:`collateral` and the plain-language labels of the codes;
* how a browser opens a site: :func:`connection_table` and its diagram, :func:`connection_steps`;
* activities: :class:`CaseExplorer`, :class:`DetectTheBlock`, :class:`MysteryMeasurement`,
  :class:`CollateralDamage`, :class:`ClaimChecker`;
* :func:`quiz_questions`, whose text is in ``quiz.toml`` beside this file.

The exercise checks are in :mod:`netgov.lesson4.checks` (``from netgov.lesson4 import checks as check``).
"""

from __future__ import annotations

from pathlib import Path

from . import activities, connection, tables
from .activities import *  # noqa: F403 - the package is what a learner imports
from .connection import *  # noqa: F403 - the package is what a learner imports
from .tables import *  # noqa: F403 - the package is what a learner imports

__all__ = [*tables.__all__, *connection.__all__, *activities.__all__, "quiz_questions"]


def quiz_questions() -> list:
    """The lesson's check-your-understanding questions (``quiz.toml``), with dates from the data."""
    from .. import data
    from ..quiz import from_file

    wordpress = data.load("blocking_cases").set_index("id").loc["bc-wordpress-2011"]
    return from_file(Path(__file__).with_name("quiz.toml"), wordpress_start=wordpress["start"])
