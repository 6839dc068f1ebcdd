"""Test factories for the network's pages and snippets (wagtail-factories)."""

import datetime

import factory
import wagtail_factories
from factory import Faker

from network import models


class PersonFactory(factory.django.DjangoModelFactory):
    """An author or coordinator."""

    name = Faker("name")
    role = "Coordinator"

    class Meta:
        model = models.Person


class NewsCategoryFactory(factory.django.DjangoModelFactory):
    """A news category."""

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")

    class Meta:
        model = models.NewsCategory


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "News"
    slug = "news"

    class Meta:
        model = models.NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"News item {n}")
    date = factory.Sequence(lambda n: datetime.date(2019, 1, 1) + datetime.timedelta(days=n))
    lead = Faker("sentence")

    class Meta:
        model = models.NewsPage


class PartnerIndexPageFactory(wagtail_factories.PageFactory):
    title = "Partners"
    slug = "partners"

    class Meta:
        model = models.PartnerIndexPage


class PartnerPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Partner organisation {n}")
    short_name = factory.Sequence(lambda n: f"P{n}")
    partner_type = "pd-centre"
    role = "partner"
    country = "DE"
    city = "Freiburg"

    class Meta:
        model = models.PartnerPage


class CrossCuttingIssueIndexPageFactory(wagtail_factories.PageFactory):
    title = "Cross-cutting issues"
    slug = "cross-cutting-issues"

    class Meta:
        model = models.CrossCuttingIssueIndexPage


class CrossCuttingIssuePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Issue {n}")
    number = factory.Sequence(lambda n: n + 1)
    summary = Faker("sentence")

    class Meta:
        model = models.CrossCuttingIssuePage


class BookletIndexPageFactory(wagtail_factories.PageFactory):
    title = "Publications"
    slug = "publications"

    class Meta:
        model = models.BookletIndexPage


class BookletPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Booklet {n}")
    summary = Faker("sentence")
    publication_date = factory.Sequence(
        lambda n: datetime.date(2018, 1, 1) + datetime.timedelta(days=n)
    )

    class Meta:
        model = models.BookletPage
