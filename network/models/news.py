"""News: a paginated, filterable index per language and the news items under it."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import BodyStreamBlock
from home.caching.fragments import lazy_value
from home.caching.restrictions import KeptViewRestrictionsMixin
from home.listings import ListingItem
from home.localization import in_locale, source_language_if_translated
from home.mixins import SocialMetaMixin
from network.forms import LocaleChoicesPageForm
from network.models.snippets import NewsCategory
from network.queries import paginate, query_value, visible_children

NEWS_PER_PAGE = 10


class NewsIndexPage(KeptViewRestrictionsMixin, SocialMetaMixin, Page):
    """The news section of one language: newest first, filterable by tag or category, with RSS."""

    intro = models.TextField(
        blank=True,
        help_text=_("A sentence under the heading of the list."),
        verbose_name=_("intro"),
    )

    content_panels = [*Page.content_panels, "intro"]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["network.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index page")

    def news_items(self):
        """Live, public news items of this index's language, newest first, ready for cards.

        Cards show neither categories nor tags, so they are not fetched here (the feed does).
        """
        return (
            visible_children(NewsPage, self)
            .defer_streamfields()
            .select_related("hero_image")
            .order_by("-date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        tag = query_value(request, "tag")
        category = query_value(request, "category")

        def news_page():
            items = self.news_items()
            if tag:
                items = items.filter(tags__slug=tag).distinct()
            if category:  # slugs are the same in every language (a synchronised field)
                items = items.filter(categories__slug=category).distinct()
            return paginate(request, items, NEWS_PER_PAGE)

        context.update(
            # Lazy, even the query's building: the first, unfiltered page is usually a cached
            # fragment (`cached_content`).
            news_page=lazy_value(news_page),
            active_tag=tag,
            active_category=category,
            categories=lazy_value(lambda: list(self._categories_in_use())),
        )
        return context

    def _categories_in_use(self):
        # wagtail-localize copies many-to-many links as they are, so a German item may still
        # point at English categories: match them to this language by translation_key.
        used = NewsCategory.objects.filter(
            newspage__in=NewsPage.objects.child_of(self).live()
        ).values("translation_key")
        return NewsCategory.objects.filter(translation_key__in=used, locale_id=self.locale_id)


class NewsPageTag(TaggedItemBase):
    """Free keywords on a news item (shared by its translations)."""

    content_object = ParentalKey(
        "network.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class NewsPage(KeptViewRestrictionsMixin, SocialMetaMixin, Page):
    """A news item: what happened in the network, by whom, and what it relates to."""

    date = models.DateField(
        default=timezone.localdate, help_text=_("Shown on the item; sorts lists.")
    )
    lead = models.TextField(
        help_text=_("One or two sentences that sum up the news; used in lists and feeds."),
        verbose_name=_("lead"),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hero image"),
        help_text=_("Wide image at the top. Give it alt text in the image library."),
    )
    body = StreamField(BodyStreamBlock(), blank=True, use_json_field=True, verbose_name=_("body"))
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True)
    categories = ParentalManyToManyField("network.NewsCategory", blank=True)

    base_form_class = LocaleChoicesPageForm

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(["date", "lead", "hero_image"], heading=_("Summary")),
        "body",
        InlinePanel("authors", label=_("Authors")),
        MultiFieldPanel(["categories", "tags"], heading=_("Topics")),
        InlinePanel("issue_links", label=_("Cross-cutting issues")),
        InlinePanel("related_pages", label=_("Related pages")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["network.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")

    @property
    def listing_image(self):
        """The image cards and social previews use."""
        return self.hero_image

    def listing_item(self, request=None) -> ListingItem:
        """The news item as other apps list it (newsletter cards)."""
        return ListingItem(
            title=self.title,
            url=self.get_url(request) or "",
            summary=self.lead,
            image=self.hero_image,
            start=self.date,
            language=self.locale.language_code,
        )

    def get_context(self, request, *args, **kwargs):
        """Authors, topics and related pages in the item's language, in fixed queries."""
        context = super().get_context(request, *args, **kwargs)

        def related() -> list:
            issues = [link.issue for link in self.issue_links.select_related("issue")]
            pages = [link.related for link in self.related_pages.select_related("related")]
            return in_locale([*issues, *pages], self.locale_id, live_pages=True)

        # Lazy: the article is usually a cached fragment (`cached_content`).
        context.update(
            authors=lazy_value(
                lambda: in_locale(
                    [link.person for link in self.authors.select_related("person")],
                    self.locale_id,
                )
            ),
            categories=lazy_value(lambda: in_locale(list(self.categories.all()), self.locale_id)),
            # Tags are free keywords in the source's language that wagtail-localize does not
            # translate: a translation leaves them out rather than show English words.
            tags=lazy_value(
                lambda: [] if source_language_if_translated() else list(self.tags.all())
            ),
            related=lazy_value(related),
        )
        return context


class NewsAuthor(Orderable):
    """An author of a news item."""

    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey("network.Person", on_delete=models.CASCADE, related_name="+")

    panels = ["person"]


class NewsIssueLink(Orderable):
    """A cross-cutting issue a news item is about; the issue's hub lists the item."""

    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="issue_links")
    issue = models.ForeignKey(
        "network.CrossCuttingIssuePage", on_delete=models.CASCADE, related_name="news_links"
    )

    panels = ["issue"]


class NewsRelatedPage(Orderable):
    """Another page readers of this item may want next."""

    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_pages")
    related = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    panels = ["related"]
