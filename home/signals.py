"""Signal handlers of the home app: content changes invalidate the cached site-wide fragments."""

from django.db.models.signals import post_delete, post_save

from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page, Site, TranslatableMixin
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from home.fragment_cache import bump_content_version

CONTENT_TYPES = (Page, TranslatableMixin, Site, BaseSiteSetting, BaseGenericSetting)


def bump_on_content_change(sender, instance=None, **kwargs) -> None:
    """Pages, translatable snippets, sites and settings feed the menu, footer and slots."""
    if instance is None or isinstance(instance, CONTENT_TYPES):
        bump_content_version()


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
