"""What the network shows on the home page: the "latest news" and "latest publications"
sections (hooked up in `network.wagtail_hooks`)."""

from django.http import HttpRequest

from wagtail.models import Locale

from network.models import BookletPage, NewsPage
from network.queries import visible


def latest_news(request: HttpRequest | None, locale: Locale, limit: int) -> list[NewsPage]:
    """The newest live news items in `locale`."""
    items = visible(NewsPage.objects.all(), locale).defer_streamfields()
    return list(items.select_related("hero_image").order_by("-date", "-pk")[:limit])


def latest_booklets(request: HttpRequest | None, locale: Locale, limit: int) -> list[BookletPage]:
    """The most recent live publications in `locale`."""
    items = visible(BookletPage.objects.all(), locale).defer_streamfields()
    return list(items.select_related("cover_image").order_by("-publication_date", "-pk")[:limit])
