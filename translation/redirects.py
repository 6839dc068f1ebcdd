"""Old addresses of translated pages keep working when pages move or translations go away.

Wagtail's redirects app covers slug changes and moves. What it leaves: moving a source page
leaves its translations behind (so each is moved under its language's new parent, and Wagtail
redirects it), and a deleted translation's address would die (so it redirects, permanently, to
the source-language page, whose text the visitor can at least read).
"""

import logging

from django.db import transaction
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from wagtail import hooks
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site
from wagtail.signals import post_page_move

from translation.conf import is_source, source_locale

logger = logging.getLogger(__name__)


@receiver(post_page_move)
def move_translations_with_source(
    sender,
    instance: Page,
    parent_page_before,
    parent_page_after,
    url_path_before: str,
    url_path_after: str,
    **kwargs,
) -> None:
    """A source page changed parent: move each translation under its language's new parent."""
    if url_path_before == url_path_after or parent_page_before.pk == parent_page_after.pk:
        return
    if not is_source(instance):
        return
    for translation in Page.objects.translation_of(instance, inclusive=False):
        destination = parent_page_after.get_translation_or_none(translation.locale)
        if destination is None:
            logger.info(
                "Page %s stays put in %s: its new parent has no translation there",
                translation.pk,
                translation.locale.language_code,
            )
            continue
        if translation.get_parent().pk != destination.pk:
            translation.move(destination, pos="last-child")


@hooks.register("construct_translated_pages_to_cascade_actions")
def moving_a_page_moves_its_translations(pages: list[Page], action: str):
    """Wagtail's move screen moves the translations too, and tells staff so."""
    if action != "move":
        return None
    return {
        page: Page.objects.translation_of(page, inclusive=False)
        for page in pages
        if is_source(page)
    }


def _old_addresses(page: Page) -> list[tuple[int, str, str]]:
    """`(site id, normalised path, route path)` for each address `page` answers on now."""
    parts = page.get_url_parts()
    if parts is None or not page.live:
        return []
    site_id, _root_url, page_path = parts
    if not page_path:
        return []
    addresses = []
    for route_path in page.get_route_paths():
        route = Redirect.normalise_page_route_path(route_path)
        path = Redirect.normalise_path(page_path.rstrip("/") + (route or "/"))
        addresses.append((site_id, path, route))
    return addresses


@receiver(pre_delete, sender=Page)
def redirect_deleted_translation_to_source(sender, instance: Page, **kwargs) -> None:
    """A live translation is being deleted: once that is committed, send its visitors to the
    source-language page (if that still exists and is live)."""
    if instance.depth <= 2 or is_source(instance):
        return
    addresses = _old_addresses(instance)
    if not addresses:
        return
    key = instance.translation_key
    transaction.on_commit(lambda: _redirect_to_source(key, addresses))


def _redirect_to_source(translation_key, addresses: list[tuple[int, str, str]]) -> None:
    target = Page.objects.filter(translation_key=translation_key, locale=source_locale()).first()
    if target is None or not target.live:
        return
    sites = {site.pk: site for site in Site.objects.filter(pk__in={a[0] for a in addresses})}
    for site_id, path, route in addresses:
        if site_id not in sites:
            continue
        Redirect.objects.update_or_create(
            old_path=path,
            site=sites[site_id],
            defaults={
                "redirect_page": target,
                "redirect_page_route_path": route,
                "redirect_link": "",
                "is_permanent": True,
                "automatically_created": True,
            },
        )
