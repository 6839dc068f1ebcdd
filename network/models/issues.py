"""Cross-cutting issues: themes that run through the network's work, each with an automatic hub.

The hub gathers, in the visitor's language, the publications, news, events and partners linked to
the issue. It finds them through reverse relations (`booklet_links`, `news_links`, and the events
app's `event_issue_links`) and never imports the events app.
"""

from django.db import models
from django.db.models.fields.related import ForeignObjectRel
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import BodyStreamBlock
from home.localization import in_locale
from home.mixins import SocialMetaMixin
from network.blocks import RecommendationsBlock
from network.listing import visible

HUB_LIMIT = 12
EVENT_LINKS = "event_issue_links"  # related_name the events app gives its link to an issue


class CrossCuttingIssueIndexPage(SocialMetaMixin, Page):
    """All cross-cutting issues of one language, in number order."""

    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, "intro"]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["network.CrossCuttingIssuePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("cross-cutting issues index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["issues"] = (
            visible(CrossCuttingIssuePage.objects.child_of(self), self.locale)
            .defer_streamfields()
            .select_related("coordinator")
            .order_by("number", "pk")
        )
        return context


class CrossCuttingIssuePage(SocialMetaMixin, Page):
    """A theme such as 'Building Comprehensive Partnerships and Alliances for Sustained CPD'."""

    number = models.PositiveSmallIntegerField(help_text=_("Shown as 'Cross-Cutting Issue 06'."))
    summary = models.TextField(help_text=_("What the issue is about, in a few sentences."))
    coordinator = models.ForeignKey(
        "network.PartnerPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coordinated_issues",
    )
    coordinator_name = models.CharField(max_length=120, blank=True)
    key_recommendations = StreamField(RecommendationsBlock(), blank=True, use_json_field=True)
    body = StreamField(BodyStreamBlock(), blank=True, use_json_field=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("number"),
                FieldPanel("summary"),
                FieldPanel("coordinator"),
                FieldPanel("coordinator_name"),
            ],
            heading=_("Issue"),
        ),
        FieldPanel("key_recommendations"),
        FieldPanel("body"),
        InlinePanel("partners", label=_("Partners working on this issue")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["network.CrossCuttingIssueIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("cross-cutting issue")
        ordering = ["number"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        own = [self.coordinator] if self.coordinator_id else []
        context["coordinator"] = (in_locale(own, self.locale_id) or [None])[0]
        return context

    @property
    def label(self) -> str:
        return _("Cross-Cutting Issue %(number)02d") % {"number": self.number}

    def hub(self) -> dict[str, list]:
        """What is linked to this issue, in this page's language: a fixed number of queries.

        Links may point at this page or at any of its translations (a German booklet may still
        link to the English issue), so they are matched by `translation_key`.
        """
        from network.models.booklets import BookletPage
        from network.models.news import NewsPage
        from network.models.partners import PartnerPage

        key = self.translation_key
        booklets = (
            visible(BookletPage.objects.all(), self.locale)
            .filter(issue_links__issue__translation_key=key)
            .defer_streamfields()
            .select_related("cover_image")
            .order_by("-publication_date")
            .distinct()[:HUB_LIMIT]
        )
        news = (
            visible(NewsPage.objects.all(), self.locale)
            .filter(issue_links__issue__translation_key=key)
            .defer_streamfields()
            .select_related("hero_image")
            .order_by("-date")
            .distinct()[:HUB_LIMIT]
        )
        partner_keys = list(
            IssuePartner.objects.filter(page__translation_key=key).values_list(
                "partner__translation_key", flat=True
            )
        )
        partners = (
            visible(PartnerPage.objects.all(), self.locale)
            .filter(translation_key__in=partner_keys)
            .select_related("logo")
            .order_by("title")
        )
        return {
            "booklets": list(booklets),
            "news": list(news),
            "events": self._linked_events(),
            "partners": list(partners),
        }

    def _linked_events(self) -> list[Page]:
        """Events linked through the events app's reverse relation, if that app provides one."""
        try:
            relation = Page._meta.get_field(EVENT_LINKS)
        except Exception:  # the events app is not installed: no events to show
            return []
        if not isinstance(relation, ForeignObjectRel):
            return []
        link_model = relation.related_model
        issue_field = relation.field.name
        event_field = next(
            field.name for field in link_model._meta.get_fields() if isinstance(field, ParentalKey)
        )
        event_ids = link_model.objects.filter(
            **{f"{issue_field}__translation_key": self.translation_key}
        ).values(event_field)
        events = visible(Page.objects.filter(pk__in=event_ids), self.locale).specific()
        return sorted(events, key=lambda event: getattr(event, "start", None) or event.pk)[
            :HUB_LIMIT
        ]


class IssuePartner(Orderable):
    """A partner working on a cross-cutting issue; shown on the issue's hub."""

    page = ParentalKey(CrossCuttingIssuePage, on_delete=models.CASCADE, related_name="partners")
    partner = models.ForeignKey(
        "network.PartnerPage", on_delete=models.CASCADE, related_name="issue_memberships"
    )

    panels = ["partner"]
