"""Lesson 5, "Among neighbours and critics": Kazakhstan's rules beside those of eight other jurisdictions,
Freedom on the Net over time, and the three-part test that international law applies to any of them.

What a learner calls, all importable from here (``from netgov import lesson5``):

* tables: :func:`comparison_table`, :func:`first_rules`, :func:`feature_matrix`, :func:`score_table`,
  :func:`laws_near`, :func:`judgment_table` and the plain-language labels of the codes;
* activities: :class:`LawComparator`, :class:`ThreePartTest`, :class:`Trajectory`;
* :func:`quiz_questions`, whose text is in ``quiz.toml`` beside this file.

The exercise checks are in :mod:`netgov.lesson5.checks` (``from netgov.lesson5 import checks as check``).
"""

from __future__ import annotations

from pathlib import Path

from . import activities, tables
from .activities import *  # noqa: F403 - the package is what a learner imports
from .tables import *  # noqa: F403 - the package is what a learner imports

__all__ = [*tables.__all__, *activities.__all__, "quiz_questions"]


def quiz_questions() -> list:
    """The lesson's check-your-understanding questions (``quiz.toml``), with figures from the data."""
    from ..quiz import from_file

    scores = tables.score_table(["KZ"]).set_index("edition")
    old = tables.data.load("freedom_on_the_net")
    kz_2018_old = int(
        old[(old["country"] == "KZ") & (old["edition"] == 2018) & (old["scale"] == "old")]["total"].iloc[0]
    )
    return from_file(
        Path(__file__).with_name("quiz.toml"),
        kz_2018_old=kz_2018_old,
        kz_2018_new=100 - kz_2018_old,
        kz_latest_edition=int(scores.index.max()),
    )
