"""Every signal the caches listen to, connected in one place (from `HomeConfig.ready`).

Apps with caches of their own do not connect signals: they declare what they depend on
(the `stempd_dependent_cache` hook, see `home.caching.invalidation`), and the handlers here
honour it.
"""

from django.db.models.signals import post_delete, post_init, post_save

from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from home.caching import dependencies, invalidation
from home.caching.frontend import purge_page_from_frontend_cache


def connect() -> None:
    """Wire recording, invalidation and the frontend purge (idempotent: dispatch_uids)."""
    post_init.connect(dependencies.on_instance_loaded, dispatch_uid="home-caching-loaded")
    post_save.connect(invalidation.on_saved, dispatch_uid="home-caching-saved")
    post_delete.connect(invalidation.on_changed, dispatch_uid="home-caching-deleted")
    for name, signal in {
        "page-published": page_published,
        "page-unpublished": page_unpublished,
        "published": published,
        "unpublished": unpublished,
    }.items():
        signal.connect(invalidation.on_changed, dispatch_uid=f"home-caching-{name}")
    post_page_move.connect(invalidation.on_tree_changed, dispatch_uid="home-caching-move")
    page_slug_changed.connect(invalidation.on_tree_changed, dispatch_uid="home-caching-slug")
    for name, signal in {"published": page_published, "unpublished": page_unpublished}.items():
        signal.connect(purge_page_from_frontend_cache, dispatch_uid=f"home-purge-{name}")
