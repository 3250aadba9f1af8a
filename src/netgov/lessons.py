"""The kit's lessons, listed once.

Every tool that needs to know the lessons (the tests, the benchmarks, the static edition, the browser drivers,
the bad-input audit, ``import netgov``'s lazy modules) reads :data:`LESSONS`. Adding a lesson is adding its
own files (a package ``netgov.lessonN`` with its tables, activities, ``quiz.toml`` and ``checks``; the lesson
notebook; the exercise and solutions notebooks; its tests) and one entry here. The tests fail for a lesson
package or notebook that is not listed, and for a listed lesson without tests (``tests/test_lessons.py``).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType


@dataclass(frozen=True)
class Lesson:
    """One lesson: where its parts are, and the activities its notebook shows, in the order it shows them.

    ``module`` is the package a learner imports (``netgov.lesson1``); it holds the activities, the tables,
    ``quiz_questions()`` (when the lesson has a quiz) and a ``checks`` module (when it has an exercise), whose
    ``answers()`` gives the right answer to each check. ``diagrams`` names the package's functions that return a
    figure the notebook shows on its own, outside any activity (a diagram that explains, with nothing to change).
    """

    number: int
    slug: str
    title: str
    module: str
    activities: tuple[str, ...]
    exercise: bool = True
    quiz: bool = True
    diagrams: tuple[str, ...] = ()

    @property
    def stem(self) -> str:
        """The lesson notebook's file name without ``.ipynb`` (``01-the-2009-law``); the exercise and solution
        notebooks add ``-exercises`` and ``-solutions`` to it."""
        return f"{self.number:02d}-{self.slug}"

    @property
    def notebook(self) -> str:
        """The lesson notebook, relative to the kit's folder."""
        return f"notebooks/{self.stem}.ipynb"

    @property
    def exercise_notebook(self) -> str | None:
        # "-exercises" and "-solutions": open beside the lesson, the three tabs are told apart by their names.
        return f"exercises/{self.stem}-exercises.ipynb" if self.exercise else None

    @property
    def solution_notebook(self) -> str | None:
        return f"exercises/solutions/{self.stem}-solutions.ipynb" if self.exercise else None

    @property
    def name(self) -> str:
        """The module's own name: ``lesson1``, ``start``."""
        return self.module.rpartition(".")[2]

    def load(self) -> ModuleType:
        """The lesson's package, imported."""
        return importlib.import_module(self.module)

    def activity_classes(self) -> list[type]:
        module = self.load()
        return [getattr(module, name) for name in self.activities]

    def diagram_functions(self) -> list:
        """The functions that draw the lesson's diagrams, in the order the notebook shows them."""
        module = self.load()
        return [getattr(module, name) for name in self.diagrams]

    @property
    def figures(self) -> int:
        """How many plotly figures the lesson notebook shows once it has run: one per activity that draws, and
        one per diagram."""
        return sum(cls.has_figure for cls in self.activity_classes()) + len(self.diagrams)

    def checks(self) -> dict:
        """The exercise checks by name (``{"q1": ..., ...}``), in order; empty when the lesson has no exercise."""
        if not self.exercise:
            return {}
        checks = importlib.import_module(f"{self.module}.checks")
        return {name: getattr(checks, name) for name in checks.__all__ if hasattr(getattr(checks, name), "expected")}

    def answers(self) -> dict:
        """The right answer to each exercise check (``{"q1": ..., ...}``), computed from the data by the checks
        module's ``answers()``: the instructors' answer key. Empty when the lesson has no exercise."""
        if not self.exercise:
            return {}
        return importlib.import_module(f"{self.module}.checks").answers()

    def quiz_questions(self) -> list:
        """The lesson's quiz questions, built from the data; empty when the lesson has no quiz."""
        return self.load().quiz_questions() if self.quiz else []


LESSONS: tuple[Lesson, ...] = (
    Lesson(
        0,
        "start-here",
        "Start here: how this kit works",
        "netgov.start",
        ("UsersExplorer",),
        exercise=False,
        quiz=False,
    ),
    Lesson(
        1,
        "the-2009-law",
        "When a blog became mass media: Kazakhstan's 2009 internet law",
        "netgov.lesson1",
        ("ProvisionExplorer", "LiabilityExplorer", "LegislationTimeline"),
    ),
    Lesson(
        2,
        "the-osce-dispute",
        "Chairing the OSCE: the OSCE dispute",
        "netgov.lesson2",
        ("StatementTimeline", "CommitmentsTracker", "PositionsMap"),
    ),
    Lesson(
        3,
        "one-gateway",
        "One gateway: Kazakhtelecom and the architecture of the network",
        "netgov.lesson3",
        ("ConcentrationCalculator", "ChokepointExplorer", "GatewayExplorer"),
    ),
    Lesson(
        4,
        "blocked",
        "Blocked: LiveJournal, RFE/RL and what came after",
        "netgov.lesson4",
        ("CaseExplorer", "DetectTheBlock", "MysteryMeasurement", "CollateralDamage", "ClaimChecker"),
        diagrams=("connection_steps",),
    ),
    Lesson(
        5,
        "among-neighbours",
        "Among neighbours and critics: Kazakhstan compared, and the test for any state",
        "netgov.lesson5",
        ("LawComparator", "ThreePartTest", "Trajectory"),
    ),
)


def lesson(key: int | str) -> Lesson:
    """A lesson by number (``1``), module name (``"lesson1"``) or notebook file name (``"01-the-2009-law.ipynb"``)."""
    for entry in LESSONS:
        if key in (entry.number, entry.name, entry.stem, f"{entry.stem}.ipynb") and not isinstance(key, bool):
            return entry
    known = ", ".join(f"{e.number} ({e.name}, {e.stem}.ipynb)" for e in LESSONS)
    raise KeyError(f"No lesson {key!r}. The lessons: {known}.")
