"""Reference-index updates for bulk work (the demo load): queued once, and only for survivors.

Wagtail queues an `update_reference_index_task` on every save of a tracked object. Bulk builders
such as `load_demo_content` save inline children (partners, authors, issue links) that a later
save of their page replaces, so the worker would later look for rows that no longer exist and log
a `DoesNotExist` traceback for each. Inside `reference_index_updates_after()` saves are only
noted; on the way out one task per saved object that still exists is queued, so the index ends
up the same and a new user's worker log stays clean. Deletions keep Wagtail's own handling.
"""

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

from django.db.models.signals import post_save

from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import update_reference_index_on_save
from wagtail.tasks import update_reference_index_task


@contextmanager
def reference_index_updates_after() -> Iterator[None]:
    """Hold back Wagtail's per-save reference-index tasks until the block ends (one process)."""
    saved: dict[type, set[str]] = defaultdict(set)

    def note(sender, instance, raw: bool = False, **kwargs) -> None:
        if not raw:
            saved[instance._meta.model].add(str(instance.pk))

    models = list(ReferenceIndex.tracked_models)
    for model in models:
        post_save.disconnect(update_reference_index_on_save, sender=model)
        post_save.connect(note, sender=model, weak=False)
    try:
        yield
    finally:
        for model in models:
            post_save.disconnect(note, sender=model)
            post_save.connect(update_reference_index_on_save, sender=model)
    for model, pks in saved.items():
        surviving = model._default_manager.filter(pk__in=pks).values_list("pk", flat=True)
        for pk in sorted(str(pk) for pk in surviving):
            update_reference_index_task.enqueue(model._meta.app_label, model._meta.model_name, pk)
