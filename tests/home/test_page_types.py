"""Page-type rules keep editors from building nonsense trees; pages render."""

from wagtail.models import Page

import pytest

from home.models import HomePage, StandardPage
from tests.factories.home import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_home_page_only_sits_at_the_root_of_the_tree(home_page):
    assert HomePage.can_create_at(Page.get_first_root_node())
    assert not HomePage.can_create_at(home_page)


def test_standard_pages_live_under_home_or_other_standard_pages(home_page):
    about = StandardPageFactory(parent=home_page, title="About")
    assert StandardPage.can_create_at(home_page)
    assert StandardPage.can_create_at(about)
    assert not StandardPage.can_create_at(Page.get_first_root_node())


def test_standard_page_renders_its_title_and_intro(client, home_page):
    StandardPageFactory(parent=home_page, title="Imprint", slug="imprint", intro="Who we are.")
    response = client.get("/en/imprint/")
    assert response.status_code == 200
    assert "<h1>Imprint</h1>" in response.content.decode()
    assert "Who we are." in response.content.decode()


def test_a_draft_page_is_not_served(client, home_page):
    StandardPageFactory(parent=home_page, title="Secret", slug="secret", live=False)
    assert client.get("/en/secret/").status_code == 404
