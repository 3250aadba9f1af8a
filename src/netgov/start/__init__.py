"""The start notebook (``notebooks/00-start-here.ipynb``): the kit's two patterns on real data.

* :func:`users_series`: internet users by country and year (one release of the ITU estimates);
* :class:`UsersExplorer`: pick countries and years, and the chart and its description follow;
* :func:`check_first_majority_year`: one auto-checked question with explained feedback.
"""

from __future__ import annotations

from . import activities, checks, tables
from .activities import *  # noqa: F403 - the package is what a learner imports
from .checks import *  # noqa: F403 - the package is what a learner imports
from .tables import *  # noqa: F403 - the package is what a learner imports

__all__ = [*tables.__all__, *activities.__all__, *checks.__all__]
