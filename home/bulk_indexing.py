"""Search and reference indexing for bulk work: one pass over the batch, not a task per save.

Inside `indexing_in_bulk()` Wagtail's per-save indexing handlers are off for the whole process
(saves by other threads are noted too, so none goes unindexed) and saves are only noted; on the
way out every noted object that still exists is indexed, here (`now=True`, for commands) or by
one housekeeping task per batch. Deletions keep Wagtail's own handling.
"""

import logging
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.apps import apps
from django.db import models, transaction
from django.db.models.signals import post_save
from django.tasks import task

from modelcluster.fields import ParentalKey
from wagtail.models import ReferenceIndex
from wagtail.search import index
from wagtail.search.backends import get_search_backends
from wagtail.search.signal_handlers import post_save_signal_handler
from wagtail.signal_handlers import update_reference_index_on_save

from home.task_priorities import HOUSEKEEPING

logger = logging.getLogger(__name__)

BATCH_SIZE = 500  # objects per queued task: a few seconds of a worker's time
NOTE_UID = "home-bulk-indexing"

_lock = threading.Lock()
_open_blocks: list[set[tuple[str, str]]] = []


def _search_models() -> list[type[models.Model]]:
    return [
        model for model in index.get_indexed_models() if getattr(model, "search_auto_update", True)
    ]


def _wagtail_handlers() -> list[tuple]:
    """Wagtail's per-save indexing handlers, each with the models it is connected for."""
    return [
        (post_save_signal_handler, _search_models()),
        (update_reference_index_on_save, list(ReferenceIndex.tracked_models)),
    ]


def _note(sender, instance, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    key = (instance._meta.label_lower, str(instance.pk))
    for noted in list(_open_blocks):
        noted.add(key)


def _open(noted: set[tuple[str, str]]) -> None:
    with _lock:
        if not _open_blocks:
            handlers = _wagtail_handlers()
            # Note first, then silence Wagtail: a save in between is indexed twice, never not.
            for model in {model for _handler, senders in handlers for model in senders}:
                post_save.connect(_note, sender=model, weak=False, dispatch_uid=NOTE_UID)
            for handler, senders in handlers:
                for model in senders:
                    post_save.disconnect(handler, sender=model)
        _open_blocks.append(noted)


def _close(noted: set[tuple[str, str]]) -> None:
    with _lock:
        # By identity: two blocks' sets may be equal (both empty, say).
        _open_blocks[:] = [block for block in _open_blocks if block is not noted]
        if not _open_blocks:
            handlers = _wagtail_handlers()
            for handler, senders in handlers:
                for model in senders:
                    post_save.connect(handler, sender=model)
            for model in {model for _handler, senders in handlers for model in senders}:
                post_save.disconnect(_note, sender=model, dispatch_uid=NOTE_UID)


@contextmanager
def indexing_in_bulk(*, now: bool = False) -> Iterator[set[tuple[str, str]]]:
    """Index what the block saves once, at its end: here (`now`) or by queued batch tasks.

    Yields the growing set of noted objects (model label, pk), for progress messages.
    """
    noted: set[tuple[str, str]] = set()
    _open(noted)
    try:
        yield noted
    except BaseException:
        _close(noted)
        # What was committed before the failure is indexed all the same, but an error here
        # (the database the block failed on, say) must not hide the block's own.
        try:
            _index(noted, now=now)
        except Exception:
            logger.exception("could not index %d object(s) after a failed bulk change", len(noted))
        raise
    _close(noted)
    _index(noted, now=now)


def _index(noted: set[tuple[str, str]], *, now: bool) -> None:
    """Index the noted objects here, or queue `update_indexes` for them, a task per batch."""
    if now:
        update_indexes_now(noted)
        return
    objects = sorted(noted)
    for start in range(0, len(objects), BATCH_SIZE):
        update_indexes.enqueue([list(item) for item in objects[start : start + BATCH_SIZE]])


@task(priority=HOUSEKEEPING)
def update_indexes(objects: list[list[str]]) -> int:
    """Bring search and reference indexes up to date for a batch of saved objects (background)."""
    return update_indexes_now((label, pk) for label, pk in objects)


def update_indexes_now(objects: Iterable[tuple[str, str]]) -> int:
    """Index `objects` (model label, pk) that still exist, as Wagtail's per-save tasks would.

    Returns how many objects were found. Search entries are written per model in bulk; the
    reference index is updated once per owner (an inline child's page, not each child).
    """
    pks_by_model: dict[type[models.Model], set[str]] = defaultdict(set)
    for label, pk in objects:
        pks_by_model[apps.get_model(label)].add(pk)
    search_models = set(_search_models())
    to_search: dict[type[models.Model], list[models.Model]] = defaultdict(list)
    owners: dict[tuple[str, str], models.Model] = {}
    found = 0
    for model, pks in pks_by_model.items():
        searchable: set = set()
        if model in search_models:
            searchable = set(model.get_indexed_objects().filter(pk__in=pks).values_list("pk"))
        for instance in model._default_manager.filter(pk__in=pks).order_by("pk"):
            found += 1
            if (instance.pk,) in searchable:
                indexed = index.get_indexed_instance(instance, check_exists=False)
                if indexed is not None:
                    to_search[type(indexed)].append(indexed)
            if ReferenceIndex.is_indexed(model):
                owner = _reference_owner(instance)
                if owner is not None:
                    owners[(owner._meta.label_lower, str(owner.pk))] = owner
    for backend in get_search_backends(with_auto_update=True):
        for model, instances in to_search.items():
            backend.add_bulk(model, instances)
    for owner in owners.values():
        if ReferenceIndex.is_indexed(type(owner)):
            with transaction.atomic():
                ReferenceIndex.create_or_update_for_object(owner)
    return found


def _reference_owner(instance: models.Model) -> models.Model | None:
    """The object whose references `instance` is part of: itself, or its cluster's root."""
    while True:
        keys = [field for field in instance._meta.get_fields() if isinstance(field, ParentalKey)]
        if not keys:
            return instance
        instance = getattr(instance, keys[0].name)
        if instance is None:
            return None
