"""Test factories: topics, subscribers, consent records, the newsletter archive and issues."""

from django.utils import timezone

from wagtail.models import Locale
from wagtail.rich_text import RichText

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from newsletters.models import (
    ConsentRecord,
    NewsletterIndexPage,
    NewsletterPage,
    Subscriber,
    SuppressedAddress,
    Topic,
    email_hash,
)


class TopicFactory(DjangoModelFactory):
    """A public topic in the default language (`locale` needs the `locales` fixture's rows)."""

    name = factory.Sequence(lambda n: f"Topic {n}")
    description = "What this topic's subscribers receive."
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Topic


class SubscriberFactory(DjangoModelFactory):
    """A confirmed English subscriber."""

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    language = "en"
    status = Subscriber.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Subscriber
        skip_postgeneration_save = True

    @factory.post_generation
    def topics(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.topics.set(extracted)


class ConsentRecordFactory(DjangoModelFactory):
    """An unconfirmed sign-up through the form."""

    subscriber = factory.SubFactory(SubscriberFactory, status=Subscriber.Status.PENDING)
    source = ConsentRecord.Source.FORM
    consent_text = "I want to receive the STEM PD Net newsletter by email."
    language = "en"
    ip_address = "192.0.2.10"

    class Meta:
        model = ConsentRecord


class SuppressedAddressFactory(DjangoModelFactory):
    """A suppression entry; pass `email=` to derive the hash."""

    class Meta:
        model = SuppressedAddress
        exclude = ["email"]

    email = factory.Sequence(lambda n: f"gone{n}@example.org")
    email_hash = factory.LazyAttribute(lambda entry: email_hash(entry.email))
    reason = SuppressedAddress.Reason.BOUNCED


class NewsletterIndexPageFactory(wagtail_factories.PageFactory):
    """The newsletter archive; pass `parent=` (a home page)."""

    title = "Newsletter"
    slug = "newsletter"
    intro = "Every issue of the network's newsletter."

    class Meta:
        model = NewsletterIndexPage


class NewsletterPageFactory(wagtail_factories.PageFactory):
    """A published issue with a paragraph and a call to action; pass `parent=` (an archive)."""

    title = factory.Sequence(lambda n: f"Newsletter issue {n}")
    subject = ""
    preheader = "What happened in the network this month."
    body = factory.LazyFunction(
        lambda: [
            ("heading", {"text": "News from the centres", "level": "h2"}),
            (
                "paragraph",
                RichText('<p>Read <a href="https://example.org/report">the report</a>.</p>'),
            ),
            (
                "call_to_action",
                {
                    "text": "Join us.",
                    "label": "See the events",
                    "page": None,
                    "url": "https://example.org/events",
                },
            ),
        ]
    )

    class Meta:
        model = NewsletterPage
