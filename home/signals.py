"""Signal handlers of the home app: content changes invalidate cached fragments and pages.

One content version covers the layout fragments (`home.fragment_cache`) and whole pages
(`home.page_cache`): anything a page can show, or that decides who may see it, bumps it.
"""

from django.conf import settings
from django.db.models import Q
from django.db.models.signals import post_delete, post_save

from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import BaseViewRestriction, Page, Site, TranslatableMixin
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from home.fragment_cache import bump_content_version

CONTENT_TYPES = (
    Page,
    TranslatableMixin,
    Site,
    BaseSiteSetting,
    BaseGenericSetting,
    BaseViewRestriction,  # a newly private section must leave the page cache at once
    AbstractImage,  # a replaced image file changes rendition URLs in stored pages
    AbstractDocument,
)


def bump_on_content_change(sender, instance=None, **kwargs) -> None:
    """Pages, snippets, sites, settings, media and view restrictions shape what pages show."""
    if instance is None or isinstance(instance, CONTENT_TYPES):
        bump_content_version()


def purge_listings_from_frontend_cache(sender, instance, **kwargs) -> None:
    """Also purge the pages that list a published page: its parent index and its home page.

    Wagtail purges the page itself; the purge runs in Wagtail's background task either way,
    and only when a frontend cache is configured.
    """
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache

    listings = instance.get_ancestors().filter(Q(depth=2) | Q(depth=instance.depth - 1))
    purge_pages_from_cache([page.specific_deferred for page in listings])


def connect() -> None:
    """Wire the handlers (called from `HomeConfig.ready`)."""
    for signal in (
        post_save,
        post_delete,
        page_published,
        page_unpublished,
        published,
        unpublished,
    ):
        signal.connect(bump_on_content_change, dispatch_uid=f"home-fragments-{id(signal)}")
    post_page_move.connect(bump_on_content_change, dispatch_uid="home-fragments-move")
    for signal in (page_published, page_unpublished):
        signal.connect(purge_listings_from_frontend_cache, dispatch_uid=f"home-purge-{id(signal)}")
