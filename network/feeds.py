"""RSS 2.0 feed of the news items of one language, at /<language>/news/feed/."""

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from wagtail.models import Locale

from network.models import NewsIndexPage, NewsPage

FEED_ITEMS = 20


class NewsFeed(Feed):
    """Newest news items in the visitor's language; readers subscribe per language.

    Like every listing, it shows an untranslated item in its source language (`home.fallback`).
    """

    feed_type = Rss201rev2Feed

    def get_object(self, request: HttpRequest, *args, **kwargs) -> NewsIndexPage:
        self.request = request
        locale = Locale.get_active()
        index = NewsIndexPage.objects.live().public().filter(locale=locale).first()
        if index is None:
            raise Http404("There is no news section in this language.")
        return index

    def title(self, index: NewsIndexPage) -> str:
        return _("STEM PD Net: %(title)s") % {"title": index.title}

    def link(self, index: NewsIndexPage) -> str:
        return index.get_url(self.request) or "/"

    def description(self, index: NewsIndexPage) -> str:
        return index.intro or _("News from the European STEM PD Centre Network")

    def items(self, index: NewsIndexPage):
        return index.news_items().prefetch_related("categories")[:FEED_ITEMS]

    def item_title(self, item: NewsPage) -> str:
        return item.title

    def item_description(self, item: NewsPage) -> str:
        return item.lead

    def item_link(self, item: NewsPage) -> str:
        return item.get_url(self.request)

    def item_pubdate(self, item: NewsPage):
        return item.first_published_at

    def item_updateddate(self, item: NewsPage):
        return item.last_published_at

    def item_categories(self, item: NewsPage) -> list[str]:
        return [category.name for category in item.categories.all()]
