"""Test factories for the home app's pages (wagtail-factories)."""

import wagtail_factories
from factory import Faker

from home.models import HomePage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    """A home page; pass `parent=` to place it (a root-level home page needs the tree root)."""

    title = "STEM PD Net"
    hero_title = "Better professional development for every STEM teacher"
    intro = Faker("sentence")

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    """A plain content page under a home page."""

    title = Faker("sentence", nb_words=4)
    intro = Faker("sentence")

    class Meta:
        model = StandardPage
