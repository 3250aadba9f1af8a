"""Lesson 2, "Chairing the OSCE": the dispute over the 2009 law and Kazakhstan's 2010 chairmanship.

What a learner calls, all importable from here (``from netgov import lesson2``):

* tables: :func:`statement_table`, :func:`latest_positions` and the plain-language labels of the codes;
* the Permanent Council role-play (``roleplay.toml`` beside this file): :data:`ROLES`, :data:`CARDS`,
  :func:`role_card` (a card as data), :func:`role_brief` (a card as Markdown), :func:`roleplay_plan`;
* activities: :class:`StatementTimeline`, :class:`CommitmentsTracker`, :class:`PositionsMap`;
* :func:`quiz_questions`, whose text is in ``quiz.toml`` beside this file.

The exercise checks are in :mod:`netgov.lesson2.checks` (``from netgov.lesson2 import checks as check``).
"""

from __future__ import annotations

from pathlib import Path

from . import activities, roleplay, tables
from .activities import *  # noqa: F403 - the package is what a learner imports
from .roleplay import *  # noqa: F403 - the package is what a learner imports
from .tables import *  # noqa: F403 - the package is what a learner imports

__all__ = [*tables.__all__, *activities.__all__, *roleplay.__all__, "quiz_questions"]


def quiz_questions() -> list:
    """The lesson's check-your-understanding questions (``quiz.toml``), with dates and counts from the data."""
    from .. import data
    from ..quiz import from_file

    events = data.load("events").set_index("id")
    chair = events.loc["ev-2010-01-01-kz-chairmanship", "date"]
    commitments = data.load("commitments")
    assessed = int((commitments["status"] != "no_evidence").sum())
    return from_file(
        Path(__file__).with_name("quiz.toml"),
        madrid=events.loc["ev-2007-11-30-madrid-chairmanship-decision", "date"],
        chair_day=data.format_date(chair),
        summit=events.loc["ev-2010-12-01-astana-summit", "date"],
        met=int((commitments["status"] == "met").sum()),
        assessed=assessed,
        commitments=len(commitments),
        unassessed=len(commitments) - assessed,
    )
