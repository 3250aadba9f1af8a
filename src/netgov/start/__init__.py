"""The start notebook (``notebooks/00-start-here.ipynb``): the kit's two patterns on real data.

* :func:`users_series`: internet users by country and year (one release of the ITU estimates);
* :class:`UsersExplorer`: pick countries and years, and the chart and its description follow;
* :func:`check_first_majority_year`: one auto-checked question with explained feedback.
"""

from __future__ import annotations

from .activities import UsersExplorer
from .checks import check_first_majority_year
from .tables import COUNTRY_NAMES, first_year_above, users_series

__all__ = ["COUNTRY_NAMES", "UsersExplorer", "check_first_majority_year", "first_year_above", "users_series"]
