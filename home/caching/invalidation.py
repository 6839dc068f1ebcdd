"""What each change invalidates: a change moves the tags that name what it changed.

Publishing, unpublishing or deleting a page moves its own tags, its parent's listings and its
type's tables, so what showed it is rebuilt and other pages stay cached; a move, slug or site
change moves `tree` (everything); any other saved row moves its table (and `image:<id>` or
`document:<id>`). Drafts, workflow steps, renditions, revisions, sign-ups and download counts
move nothing: no visitor sees them. Caches kept elsewhere (the calendar feeds) declare what they
depend on with the `stempd_dependent_cache` hook; home never imports their apps.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Model

from wagtail import hooks
from wagtail.images.models import AbstractRendition
from wagtail.models import (
    BaseViewRestriction,
    Locale,
    Page,
    Revision,
    Site,
    TaskState,
    WorkflowState,
)
from wagtail.models.pages import COMMENTS_RELATION_NAME

from home.caching.dependencies import TREE, instance_tags, model_tables, page_tags
from home.caching.frontend import purge_tags_from_frontend_cache
from home.caching.store import invalidate_tags

# Fields Wagtail saves alone for a draft, a workflow step, a lock or an image's file metadata.
UNSEEN_FIELDS = frozenset(
    {
        COMMENTS_RELATION_NAME,  # modelcluster saves it apart; listed in case it reaches us
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_by",
        "locked_at",
        "file_size",
        "file_hash",
    }
)
# Rows written as a side effect of editing or rendering, never shown by themselves.
UNSEEN_MODELS = (Revision, WorkflowState, TaskState, AbstractRendition)


@dataclass(frozen=True)
class DependentCache:
    """A cache outside `home.caching` that must be forgotten when some content changes.

    `tag` is the tag it reads its version from (`home.caching.store.tag_versions`); it moves
    when a page of one of `page_types` is published, unpublished or deleted, when an instance of
    one of `models` is saved or deleted, and (if `tree`) when pages move, slugs, sites or view
    restrictions change.
    """

    tag: str
    page_types: tuple[type[Page], ...] = ()
    models: tuple[type[Model], ...] = ()
    tree: bool = False


def _dependent_tags(instance: Model | None) -> set[str]:
    """The declared caches that depend on `instance` (None: on the page tree, which view
    restrictions change too)."""
    dependents = [hook() for hook in hooks.get_hooks("stempd_dependent_cache")]
    if instance is None or isinstance(instance, BaseViewRestriction):
        return {d.tag for d in dependents if d.tree}
    if isinstance(instance, Page):
        return {d.tag for d in dependents if isinstance(instance, d.page_types)}
    return {d.tag for d in dependents if isinstance(instance, d.models)}


def invalidate(tags: Iterable[str]) -> None:
    """Move `tags` now and again when the change commits; then purge the frontend cache.

    Signals fire inside the writer's transaction. A page another process renders between the
    signal and the commit still reads the old rows, yet finds the tags already moved and would
    keep that old copy under the new versions. Moving them again on commit makes such a copy
    stale; the proxy is purged only then, so it cannot fetch the old page either.
    """
    tags = set(tags)
    seen = invalidate_tags(tags)
    if not transaction.get_connection().in_atomic_block:
        purge_tags_from_frontend_cache(seen)
        return

    def after_commit() -> None:
        purge_tags_from_frontend_cache(seen | invalidate_tags(tags))

    transaction.on_commit(after_commit)


def tags_of_page_change(page: Page) -> set[str]:
    """What a publish, unpublish or deletion of `page` invalidates."""
    page = page.specific_deferred if type(page) is Page else page
    tags = page_tags(page) | model_tables(type(page))
    parent_path = page.path[: -page.steplen] if page.depth > 1 else ""
    if parent_path:
        parent_id = Page.objects.filter(path=parent_path).values_list("pk", flat=True).first()
        if parent_id is not None:
            tags.add(f"children:{parent_id}")
    return tags | _dependent_tags(page)


def on_saved(sender, instance, created=False, update_fields=None, **kwargs) -> None:
    """post_save of any model, except saves no visitor sees (drafts, workflow, locks)."""
    if update_fields is not None and set(update_fields) <= UNSEEN_FIELDS:
        return
    # A new page is a draft until published (and publishing sends its own signal).
    if isinstance(instance, Page) and created and not instance.live:
        return
    on_changed(sender, instance)


def on_changed(sender, instance, **kwargs) -> None:
    """post_delete of any model, saves that change what visitors see, and (un)publishing."""
    if isinstance(instance, UNSEEN_MODELS):
        return
    if isinstance(instance, Page):
        invalidate(tags_of_page_change(instance))
        return
    tags = model_tables(type(instance)) | instance_tags(instance) | _dependent_tags(instance)
    if isinstance(instance, BaseViewRestriction | Site | Locale):
        tags.add(TREE)  # restrictions hide whole sections; sites and locales change every URL
    invalidate(tags)


def on_tree_changed(sender, **kwargs) -> None:
    """post_page_move, page_slug_changed: URLs of whole sections change; site changes too."""
    invalidate({TREE} | _dependent_tags(None))
