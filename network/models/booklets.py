"""Booklets: the network's publications (booklets, guidelines, catalogues, policy briefings).

Each translation can swap in its own PDF (wagtail-localize treats the document as overridable per
language). Downloads are counted per booklet, language and day (`network.downloads`).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.caching.fragments import lazy_value
from home.caching.restrictions import KeptViewRestrictionsMixin
from home.listings import ListingItem
from home.localization import in_locale
from home.mixins import SocialMetaMixin
from network.blocks import ChapterStreamBlock
from network.queries import paginate, query_value, visible_children

BOOKLETS_PER_PAGE = 12


class BookletType(models.TextChoices):
    """What kind of publication a booklet is; visitors can filter by it."""

    BOOKLET = "booklet", _("Booklet")
    GUIDELINES = "guidelines", _("Guidelines")
    CATALOGUE = "catalogue", _("Catalogue")
    POLICY_BRIEFING = "policy-briefing", _("Policy briefing")
    REVIEW = "review", _("Review")
    MATERIALS = "materials", _("Materials selection")


class BookletIndexPage(KeptViewRestrictionsMixin, SocialMetaMixin, Page):
    """All publications of one language, newest first, filterable by type."""

    intro = models.TextField(blank=True, verbose_name=_("intro"))

    content_panels = [*Page.content_panels, "intro"]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["network.BookletPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("publications index page")

    def booklets(self):
        """Live, public booklets of this language with what their cards show."""
        return (
            visible_children(BookletPage, self)
            .defer_streamfields()
            .select_related("cover_image", "coordinator")
            .order_by("-publication_date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        booklet_type = query_value(request, "type")
        if booklet_type not in BookletType.values:
            booklet_type = ""

        def booklets_page():
            booklets = self.booklets()
            if booklet_type:
                booklets = booklets.filter(booklet_type=booklet_type)
            return paginate(request, booklets, BOOKLETS_PER_PAGE)

        context.update(
            # Lazy, even the query's building: the first, unfiltered page is usually a cached
            # fragment (`cached_content`).
            booklets_page=lazy_value(booklets_page),
            booklet_types=BookletType.choices,
            active_type=booklet_type,
        )
        return context


class BookletPage(KeptViewRestrictionsMixin, SocialMetaMixin, Page):
    """One publication with its PDF, chapters, partners and the cross-cutting issues it covers."""

    booklet_type = models.CharField(
        max_length=20, choices=BookletType.choices, default=BookletType.BOOKLET
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cover image"),
    )
    summary = models.TextField(
        help_text=_("What the publication offers and to whom (2–4 sentences)."),
        verbose_name=_("summary"),
    )
    coordinator = models.ForeignKey(
        "network.PartnerPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coordinated_booklets",
        help_text=_("The partner organisation that coordinated the publication."),
        verbose_name=_("coordinator"),
    )
    coordinator_name = models.CharField(
        max_length=120,
        blank=True,
        help_text=_("The person who coordinated it, e.g. 'Doris Arztmann'."),
        verbose_name=_("coordinator name"),
    )
    publication_date = models.DateField(default=timezone.localdate)
    edition = models.CharField(
        max_length=60, blank=True, help_text=_("E.g. 'First edition'."), verbose_name=_("edition")
    )
    isbn = models.CharField(_("ISBN"), max_length=20, blank=True)
    doi = models.CharField(
        _("DOI"),
        max_length=120,
        blank=True,
        help_text=_("E.g. 10.5281/zenodo.123456"),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The PDF. Translators can replace it with a PDF in their language."),
        verbose_name=_("document"),
    )
    chapters = StreamField(
        ChapterStreamBlock(), blank=True, use_json_field=True, verbose_name=_("chapters")
    )
    how_to_cite = models.TextField(
        blank=True,
        help_text=_("The full citation readers should use."),
        verbose_name=_("how to cite"),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            ["booklet_type", "summary", "cover_image", "document"],
            heading=_("Publication"),
        ),
        MultiFieldPanel(
            [
                "coordinator",
                "coordinator_name",
                InlinePanel("partners", label=_("Contributing partners")),
            ],
            heading=_("Who made it"),
        ),
        MultiFieldPanel(
            ["publication_date", "edition", "isbn", "doi", "how_to_cite"],
            heading=_("Bibliographic details"),
        ),
        "chapters",
        InlinePanel("issue_links", label=_("Cross-cutting issues covered")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("chapters"),
        index.FilterField("booklet_type"),
    ]
    parent_page_types = ["network.BookletIndexPage"]
    subpage_types: list[str] = []
    # Identifiers are the same in every language; a translated DOI would be a broken link.
    override_translatable_fields = [SynchronizedField("isbn"), SynchronizedField("doi")]

    class Meta:
        verbose_name = _("publication")

    @property
    def listing_image(self):
        """The image cards and social previews use."""
        return self.cover_image

    def listing_item(self, request=None) -> ListingItem:
        """The publication as other apps list it (newsletter cards)."""
        return ListingItem(
            title=self.title,
            url=self.get_url(request) or "",
            summary=self.summary,
            image=self.cover_image,
            start=self.publication_date,
            language=self.locale.language_code,
        )

    def get_context(self, request, *args, **kwargs):
        """Partners and issues in the booklet's language, in a fixed number of queries."""
        context = super().get_context(request, *args, **kwargs)
        partners = [link.partner for link in self.partners.select_related("partner")]
        issues = [link.issue for link in self.issue_links.select_related("issue")]
        own = [self.coordinator] if self.coordinator_id else []
        people = in_locale([*own, *partners], self.locale_id)
        coordinator = people.pop(0) if own else None
        context.update(
            coordinator=coordinator,
            contributing_partners=people,
            issues=in_locale(issues, self.locale_id, live_pages=True),
        )
        return context

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else ""


class BookletPartner(Orderable):
    """A partner that contributed to a publication."""

    page = ParentalKey(BookletPage, on_delete=models.CASCADE, related_name="partners")
    partner = models.ForeignKey(
        "network.PartnerPage", on_delete=models.CASCADE, related_name="contributed_booklets"
    )

    panels = ["partner"]


class BookletIssueLink(Orderable):
    """A cross-cutting issue a publication covers; the issue's hub lists the publication."""

    page = ParentalKey(BookletPage, on_delete=models.CASCADE, related_name="issue_links")
    issue = models.ForeignKey(
        "network.CrossCuttingIssuePage", on_delete=models.CASCADE, related_name="booklet_links"
    )

    panels = ["issue"]


class BookletDownload(models.Model):
    """How often a booklet's PDF was downloaded in one language on one day; nothing personal."""

    booklet = models.ForeignKey(BookletPage, on_delete=models.CASCADE, related_name="downloads")
    language_code = models.CharField(max_length=10)
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["booklet", "language_code", "day"], name="one_download_row_per_day"
            )
        ]
        verbose_name = _("booklet download count")

    def __str__(self) -> str:
        return f"{self.booklet_id} {self.language_code} {self.day}: {self.count}"
