"""Lesson 1, "When a blog became mass media": the July 2009 law that made internet resources mass media.

What a learner calls, all importable from here (``from netgov import lesson1``):

* tables: :func:`provision_table`, :func:`legislation_table` and the plain-language labels of their codes;
* activities: :class:`ProvisionExplorer`, :class:`LiabilityExplorer`, :class:`LegislationTimeline`;
* :func:`quiz_questions`, whose text is in ``quiz.toml`` beside this file.

The exercise checks are in :mod:`netgov.lesson1.checks` (``from netgov.lesson1 import checks as check``).
"""

from __future__ import annotations

from pathlib import Path

from . import activities, tables
from .activities import *  # noqa: F403 - the package is what a learner imports
from .tables import *  # noqa: F403 - the package is what a learner imports

__all__ = [*tables.__all__, *activities.__all__, "quiz_questions"]


def quiz_questions() -> list:
    """The lesson's check-your-understanding questions (``quiz.toml``), with dates and gaps from the data."""
    from .. import data
    from ..quiz import from_file

    law = data.load("legal_acts").set_index("id").loc["law-2009-internet"]
    events = data.load("events")
    appeal = events.set_index("id").loc["ev-2009-06-29-haraszti-veto-appeal"]
    return from_file(
        Path(__file__).with_name("quiz.toml"),
        appeal_date=appeal["date"],
        gap=(appeal["date"] - law["adopted"]).days,
        law_signed=law["signed"],
        gc34=events[events["actor_id"] == "un-hrc"]["date"].min(),
    )
