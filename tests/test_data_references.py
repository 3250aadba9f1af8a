"""One date formatter and one citation record for the whole kit (``netgov.data.format_date``, ``Reference``)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

import netgov
from netgov.data import Reference, format_date


@pytest.mark.parametrize(
    ("precision", "long", "iso"),
    [
        ("day", "1 July 2009", "2009-07-01"),
        ("month", "July 2009", "2009-07"),
        ("year", "2009", "2009"),
        (None, "1 July 2009", "2009-07-01"),
        (np.nan, "1 July 2009", "2009-07-01"),
    ],
)
def test_a_date_is_written_at_its_precision(precision, long, iso):
    day = pd.Timestamp("2009-07-01")
    assert format_date(day, precision) == long
    assert format_date(day, precision, style="iso") == iso


def test_two_digit_days_keep_both_digits():
    assert format_date(pd.Timestamp("2009-07-10")) == "10 July 2009"
    assert format_date(pd.Timestamp("2010-12-01"), "day") == "1 December 2010"


def test_other_kinds_of_date_are_accepted():
    assert format_date(dt.date(2009, 7, 10)) == "10 July 2009"
    assert format_date(dt.datetime(2009, 7, 10, 15, 30), "month") == "July 2009"
    assert format_date("2009-07-10", style="iso") == "2009-07-10"


@pytest.mark.parametrize("missing", [None, pd.NaT, np.nan, pd.NA])
def test_a_missing_date_is_empty(missing):
    assert format_date(missing) == ""
    assert format_date(missing, "year", style="iso") == ""


def test_format_date_says_what_it_accepts():
    with pytest.raises(ValueError, match="precision must be one of day, month, year"):
        format_date(pd.Timestamp("2009-07-01"), "week")
    with pytest.raises(ValueError, match="style must be 'long'.*or 'iso'"):
        format_date(pd.Timestamp("2009-07-01"), style="short")
    with pytest.raises(TypeError, match="needs a date.*not int"):
        format_date(2009)
    with pytest.raises(ValueError, match="cannot read 'July' as a date"):
        format_date("July")


def test_dates_in_the_data_are_written_from_their_precision():
    netgov.data.clear_cache()
    cases = netgov.load("blocking_cases").set_index("id")
    tumblr = cases.loc["bc-tumblr-2015"]
    assert format_date(tumblr["start"], tumblr["start_precision"]) == "October 2015"
    assert format_date(tumblr["end"], tumblr["end_precision"]) == ""


WORDPRESS = Reference(
    id="rferl-2011-wordpress",
    title="Kazakh Blog Ban Demonstrates Complexity Of Digital Free Speech",
    publisher="Radio Free Europe/Radio Liberty",
    url="https://www.rferl.org/a/transmission_kazakh_blog_ban_shows_complexity_of_digital_free_speech/24275964.html",
    date="2011",
)


def test_a_reference_reads_as_the_one_line_citation():
    assert str(WORDPRESS) == (
        "Radio Free Europe/Radio Liberty (2011). Kazakh Blog Ban Demonstrates Complexity Of Digital Free Speech. "
        "https://www.rferl.org/a/transmission_kazakh_blog_ban_shows_complexity_of_digital_free_speech/24275964.html"
    )
    assert WORDPRESS.text == str(WORDPRESS).rpartition(" ")[0]
    undated = Reference(id="x", title="T", publisher="P", url="https://example.org", author="A. Author")
    assert str(undated) == "A. Author, P (n.d.). T. https://example.org"


def test_a_long_address_is_shortened_only_where_it_is_shown():
    assert len(WORDPRESS.url) > 80
    assert WORDPRESS.short_url == WORDPRESS.url[:70] + "…"
    assert WORDPRESS.markdown().endswith(f"[{WORDPRESS.short_url}]({WORDPRESS.url})")
    short = Reference(id="x", title="T", publisher="P", url="https://example.org/" + "a" * 60)
    assert len(short.url) == 80 and short.short_url == short.url


def test_a_reference_is_a_frozen_record():
    with pytest.raises(AttributeError):
        WORDPRESS.title = "changed"  # type: ignore[misc]


def test_reference_list_reads_the_sources_table():
    netgov.data.clear_cache()
    first, second = netgov.data.reference_list("rferl-2011-wordpress;hrw-2009-07-14;rferl-2011-wordpress")
    assert first == WORDPRESS
    assert second.id == "hrw-2009-07-14" and second.date == "2009-07-14" and second.author is None
    assert netgov.cite(["rferl-2011-wordpress", "hrw-2009-07-14"]) == [str(first), str(second)]
    with pytest.raises(KeyError, match=r"Unknown source id\(s\) \['nope'\]"):
        netgov.data.reference_list(["nope"])
    with pytest.raises(ValueError, match="at least one source id"):
        netgov.data.reference_list([])


def test_every_source_makes_a_reference():
    netgov.data.clear_cache()
    sources = netgov.load("sources")
    references = netgov.data.reference_list(sources["id"])
    assert [r.id for r in references] == list(sources["id"])
    # a month-precision source is dated to its month, an undated one says so
    by_id = {r.id: r for r in references}
    assert by_id["opennet-2011-09-lj"].date == "2011-09"
    assert str(by_id["ooni-glossary"]).startswith("Open Observatory of Network Interference (OONI) (n.d.).")
