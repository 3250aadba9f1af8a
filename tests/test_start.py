"""The start notebook's widget and check, driven headlessly."""

from __future__ import annotations

import pandas as pd
import pytest

import netgov
from netgov.start import UsersExplorer, check_first_majority_year, users_series


@pytest.fixture(scope="module")
def kz():
    return users_series()["KZ"].dropna()


def test_users_series_uses_one_release():
    users = netgov.load("internet_users")
    table = users_series()
    biggest = users["release"].value_counts().index[0]
    expected = users[(users["release"] == biggest) & (users["country"] == "KZ")].set_index("year")["value"]
    pd.testing.assert_series_equal(table["KZ"].dropna(), expected.sort_index(), check_names=False)
    with pytest.raises(ValueError, match="Unknown release 'nope'. The releases in the data are"):
        users_series("nope")


def test_explorer_draws_one_line_per_country():
    explorer = UsersExplorer(countries=("KZ", "RU"))
    assert [trace.name for trace in explorer.figure.data] == ["Kazakhstan", "Russia"]
    explorer.countries.value = ("KZ", "KG", "UZ")
    assert [trace.name for trace in explorer.figure.data] == ["Kazakhstan", "Kyrgyzstan", "Uzbekistan"]
    assert explorer.figure.layout.yaxis.title.text == "Internet users (% of population)"
    assert explorer.figure.layout.xaxis.tickformat == "d"


def test_explorer_follows_the_year_slider(kz):
    explorer = UsersExplorer(countries=("KZ",))
    drawn = explorer.chart.refreshes
    explorer.years.value = (2005, 2012)
    assert explorer.chart.refreshes == drawn + 1
    xs = list(explorer.figure.data[0].x)
    assert min(xs) == 2005 and max(xs) == 2012
    assert f"{kz[2012]:.1f}% in 2012" in explorer.text.value
    assert explorer.figure.layout.xaxis.dtick == 1


def test_explorer_with_nothing_selected_says_so():
    explorer = UsersExplorer()
    explorer.countries.value = ()
    assert len(explorer.figure.data) == 0
    assert "No country selected" in explorer.text.value


def test_explorer_rejects_unknown_countries():
    with pytest.raises(ValueError, match=r"Unknown country code\(s\) \['XX'\]. Choose from"):
        UsersExplorer(countries=("XX",))


def test_check_accepts_the_right_year_in_any_form(kz):
    year = int(kz[kz > 50].index.min())
    for answer in (year, str(year), float(year), pd.Series([year])):
        assert check_first_majority_year(answer), answer


def test_check_explains_wrong_years(kz):
    year = int(kz[kz > 50].index.min())
    too_early = check_first_majority_year(year - 1)
    assert not too_early and "not yet more than half" in too_early.message
    too_late = check_first_majority_year(year + 2)
    assert not too_late and "not the first such year" in too_late.message
    outside = check_first_majority_year(1950)
    assert not outside and "no estimate for 1950" in outside.message
    assert str(year) not in too_early.message + (too_early.hint or "")


def test_check_answers_blank_and_bad_types_with_guidance():
    assert check_first_majority_year(...).status == "unanswered"
    assert check_first_majority_year("soon").status == "unreadable"
    assert check_first_majority_year([2011]).status == "unreadable"
