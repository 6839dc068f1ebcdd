"""A partner's heading names its acronym once, whether or not the title already contains it."""

import re

import pytest

from tests.factories.network import PartnerPageFactory

pytestmark = pytest.mark.django_db


def _heading(client, page) -> str:
    html = client.get(page.url).content.decode()
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    return " ".join(re.sub(r"<[^>]+>", "", heading).split())


def test_heading_does_not_repeat_an_acronym_the_title_already_has(client, partner_index):
    partner = PartnerPageFactory(
        parent=partner_index,
        title="International Centre for STEM Education (ICSE), University of Education Freiburg",
        short_name="ICSE",
    )
    heading = _heading(client, partner)
    assert heading.count("(ICSE)") == 1
    assert heading.endswith("University of Education Freiburg")


def test_heading_adds_the_acronym_when_the_title_lacks_it(client, partner_index):
    partner = PartnerPageFactory(
        parent=partner_index, title="LUMA Centre Finland network", short_name="LUMA-FI"
    )
    assert _heading(client, partner) == "LUMA Centre Finland network (LUMA-FI)"


def test_heading_skips_an_acronym_that_is_the_whole_title(client, partner_index):
    partner = PartnerPageFactory(parent=partner_index, title="IMST", short_name="IMST")
    assert _heading(client, partner) == "IMST"


def test_heading_skips_an_acronym_the_title_starts_with(client, partner_index):
    partner = PartnerPageFactory(
        parent=partner_index, title="IMST, University of Klagenfurt", short_name="IMST"
    )
    assert _heading(client, partner) == "IMST, University of Klagenfurt"
