"""An event's inline rows: dates it does not happen, organising partners, related issues."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import PageChooserPanel
from wagtail.models import Orderable

from events.models.pages import EventPage


class EventExceptionDate(Orderable):
    """A date on which a repeating event does not take place (EXDATE)."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="exception_dates")
    date = models.DateField(help_text=_("In the event's own time zone."))

    panels = ["date"]

    class Meta(Orderable.Meta):
        verbose_name = _("exception date")


class EventOrganiser(Orderable):
    """An organising partner of an event, named and linked on the event page and in its JSON-LD.

    It points at any page (limited to partner pages in the chooser), so events need no import
    of the network app's models."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="organisers")
    partner_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="event_organiser_links",
        help_text=_("The partner's profile page."),
    )

    panels = [PageChooserPanel("partner_page", page_type="network.PartnerPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("organising partner")


class EventIssueLink(Orderable):
    """A cross-cutting issue the event is about: the issue's hub lists its events
    (`events.providers.issue_hub_events`) and the events index filters by it (`?issue=<id>`)."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="issue_links")
    issue_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="event_issue_links",
        help_text=_("The cross-cutting issue page."),
    )

    panels = [PageChooserPanel("issue_page", page_type="network.CrossCuttingIssuePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("related cross-cutting issue")


def issue_event_keys(issue_key) -> models.QuerySet:
    """A subquery: translation keys of the events linked to any version of an issue."""
    return EventIssueLink.objects.filter(issue_page__translation_key=issue_key).values(
        "page__translation_key"
    )
