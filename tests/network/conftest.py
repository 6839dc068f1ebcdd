"""Fixtures for the network's pages: one index of each kind under the English home page."""

import pytest

from tests.factories.network import (
    BookletIndexPageFactory,
    CrossCuttingIssueIndexPageFactory,
    NewsIndexPageFactory,
    PartnerIndexPageFactory,
)


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page)


@pytest.fixture
def booklet_index(home_page):
    return BookletIndexPageFactory(parent=home_page)


@pytest.fixture
def issue_index(home_page):
    return CrossCuttingIssueIndexPageFactory(parent=home_page)


@pytest.fixture
def partner_index(home_page):
    return PartnerIndexPageFactory(parent=home_page)
