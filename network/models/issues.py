"""Cross-cutting issues: themes that run through the network's work, each with an automatic hub.

The hub gathers, in the visitor's language, the publications, news, events and partners linked to
the issue. Publications and news come through this app's reverse relations (`issue_links`);
other apps (events) add sections with the `stempd_hub_section` hook (`home.listings`), so this
app never reads their tables.
"""

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import BodyStreamBlock
from home.caching.restrictions import KeptViewRestrictionsMixin
from home.listings import ListingItem, hub_sections
from home.localization import in_locale
from home.mixins import SocialMetaMixin
from network.blocks import RecommendationsBlock
from network.models.booklets import BookletPage
from network.models.news import NewsPage
from network.models.partners import PartnerPage
from network.queries import visible, visible_children

HUB_LIMIT = 12


@dataclass(frozen=True)
class HubBlock:
    """A section another app contributes to the hub, as the template shows it."""

    name: str
    heading: Any
    items: list[ListingItem]
    more_url: str = ""
    more_label: Any = ""


class CrossCuttingIssueIndexPage(KeptViewRestrictionsMixin, SocialMetaMixin, Page):
    """All cross-cutting issues of one language, in number order."""

    intro = models.TextField(blank=True, verbose_name=_("intro"))

    content_panels = [*Page.content_panels, "intro"]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["network.CrossCuttingIssuePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("cross-cutting issues index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["issues"] = (
            visible_children(CrossCuttingIssuePage, self)
            .defer_streamfields()
            .select_related("coordinator")
            .order_by("number", "pk")
        )
        return context


class CrossCuttingIssuePage(KeptViewRestrictionsMixin, SocialMetaMixin, Page):
    """A theme such as 'Building Comprehensive Partnerships and Alliances for Sustained CPD'."""

    number = models.PositiveSmallIntegerField(help_text=_("Shown as 'Cross-Cutting Issue 06'."))
    summary = models.TextField(
        help_text=_("What the issue is about, in a few sentences."), verbose_name=_("summary")
    )
    coordinator = models.ForeignKey(
        "network.PartnerPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coordinated_issues",
        verbose_name=_("coordinator"),
    )
    coordinator_name = models.CharField(
        max_length=120, blank=True, verbose_name=_("coordinator name")
    )
    key_recommendations = StreamField(
        RecommendationsBlock(),
        blank=True,
        use_json_field=True,
        verbose_name=_("key recommendations"),
    )
    body = StreamField(BodyStreamBlock(), blank=True, use_json_field=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            ["number", "summary", "coordinator", "coordinator_name"],
            heading=_("Issue"),
        ),
        "key_recommendations",
        "body",
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
        context["hub"] = self.hub(request)
        return context

    def listing_item(self, request=None) -> ListingItem:
        """The issue as other apps list it (newsletter cards)."""
        return ListingItem(
            title=self.title,
            url=self.get_url(request) or "",
            summary=self.summary,
            image=self.get_social_image(),
            language=self.locale.language_code,
        )

    @property
    def label(self) -> str:
        return _("Cross-Cutting Issue %(number)02d") % {"number": self.number}

    def hub(self, request=None) -> dict[str, list]:
        """What is linked to this issue, in this page's language: a fixed number of queries.

        Links may point at this page or at any of its translations (a German booklet may still
        link to the English issue), so they are matched by `translation_key`; an item linked in
        any language is shown in this page's language where translated, else in its source's.
        """
        key = self.translation_key

        def linked(model: type[Page], image: str, newest: str) -> list:
            keys = model.objects.filter(issue_links__issue__translation_key=key)
            return list(
                visible(model.objects.all(), self.locale)
                .filter(translation_key__in=keys.values("translation_key"))
                .defer_streamfields()
                .select_related(image)
                .order_by(newest, "-pk")[:HUB_LIMIT]
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
            "booklets": linked(BookletPage, "cover_image", "-publication_date"),
            "news": linked(NewsPage, "hero_image", "-date"),
            "sections": self.hub_sections(request),
            "partners": list(partners),
        }

    def hub_sections(self, request=None) -> list[HubBlock]:
        """The sections other apps register (events…), each with its items and "all" link."""
        blocks = []
        for section in hub_sections():
            result = section.provider(self, request)
            if result.items:
                blocks.append(
                    HubBlock(
                        name=section.name,
                        heading=section.heading,
                        items=result.items,
                        more_url=result.more_url,
                        more_label=section.more_label,
                    )
                )
        return blocks


class IssuePartner(Orderable):
    """A partner working on a cross-cutting issue; shown on the issue's hub."""

    page = ParentalKey(CrossCuttingIssuePage, on_delete=models.CASCADE, related_name="partners")
    partner = models.ForeignKey(
        "network.PartnerPage", on_delete=models.CASCADE, related_name="issue_memberships"
    )

    panels = ["partner"]
