"""Privacy follows translations: a page's view restriction covers every translation of it.

Each language's version is a page of its own, so making the English page private would leave
`/de/…` public. The source page (the default locale's version) decides: its restrictions are
mirrored as real `PageViewRestriction` rows onto every translation, and rows changed on a
translation alone are put back, so nobody weakens privacy in one language. Real rows, so all that
Wagtail derives from restrictions agrees: the login page, `public()`, search, sitemap, page cache.
"""

from contextvars import ContextVar

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.signals import copy_for_translation_done

_mirroring: ContextVar[bool] = ContextVar("privacy_mirroring", default=False)
# Pages being deleted: their restrictions go with them, which must neither be put back (the
# translation is going) nor lift a translation's privacy (its source is going).
_deleting: ContextVar[frozenset[int]] = ContextVar("privacy_deleting", default=frozenset())


def source_of(page: Page) -> Page:
    """The version whose privacy `page`'s translations follow: the default locale's, if any."""
    default = Locale.get_default()
    if page.locale_id == default.pk:
        return page
    return Page.objects.filter(translation_key=page.translation_key, locale=default).first() or page


def mirror_restrictions(source: Page) -> None:
    """Give every translation of `source` exactly `source`'s own view restrictions."""
    wanted = list(PageViewRestriction.objects.filter(page=source).prefetch_related("groups"))
    token = _mirroring.set(True)
    try:
        for translation in source.get_translations():
            _mirror_onto(translation, wanted)
    finally:
        _mirroring.reset(token)


def _mirror_onto(page: Page, wanted: list[PageViewRestriction]) -> None:
    existing = list(PageViewRestriction.objects.filter(page=page).prefetch_related("groups"))
    for original, copy in zip(wanted, existing + [None] * len(wanted), strict=False):
        if copy is None:
            copy = PageViewRestriction(page=page)
        if (
            copy.pk is None
            or copy.restriction_type != original.restriction_type
            or copy.password != original.password
        ):
            copy.restriction_type = original.restriction_type
            copy.password = original.password
            copy.save()
        groups = {group.pk for group in original.groups.all()}
        if {group.pk for group in copy.groups.all()} != groups:
            copy.groups.set(groups)
    for extra in existing[len(wanted) :]:
        extra.delete()


def _follow(page_id: int | None) -> None:
    if _mirroring.get() or page_id is None or page_id in _deleting.get():
        return
    page = Page.objects.filter(pk=page_id).first()
    if page is not None:  # None: the page itself is being deleted
        mirror_restrictions(source_of(page))


def on_restriction_saved(sender, instance: PageViewRestriction, **kwargs) -> None:
    """post_save and post_delete of a view restriction, on a source or a translation."""
    _follow(instance.page_id)


def on_restriction_groups_changed(sender, instance, action: str, **kwargs) -> None:
    """m2m_changed of a restriction's groups."""
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(
        instance, PageViewRestriction
    ):
        _follow(instance.page_id)


def on_page_deleting(sender, instance: Page, **kwargs) -> None:
    """pre_delete of a page: its restrictions' deletion is no change of privacy."""
    _deleting.set(_deleting.get() | {instance.pk})


def on_page_deleted(sender, instance: Page, **kwargs) -> None:
    """post_delete of a page."""
    _deleting.set(_deleting.get() - {instance.pk})


def on_translation_copied(sender, source_obj, target_obj, **kwargs) -> None:
    """A new translation (or alias) of a page starts with its source's privacy."""
    if isinstance(target_obj, Page):
        _follow(target_obj.pk)


def connect() -> None:
    """Wire the signals (called once from `HomeConfig.ready`)."""
    uid = "home.privacy"
    post_save.connect(on_restriction_saved, sender=PageViewRestriction, dispatch_uid=uid)
    post_delete.connect(on_restriction_saved, sender=PageViewRestriction, dispatch_uid=uid)
    m2m_changed.connect(
        on_restriction_groups_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid=uid,
    )
    pre_delete.connect(on_page_deleting, sender=Page, dispatch_uid=uid)
    post_delete.connect(on_page_deleted, sender=Page, dispatch_uid=uid)
    copy_for_translation_done.connect(on_translation_copied, dispatch_uid=uid)
