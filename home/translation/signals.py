"""Signal receivers of the translation workflow, connected in `AppConfig.ready()`."""

from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from wagtail.models import Page
from wagtail.signals import workflow_submitted
from wagtail_localize.models import Translation

from home.translation import sync, tasks
from home.translation.conf import source_locale


@receiver(post_save, sender=Translation)
def notify_on_new_translation(sender, instance: Translation, created: bool, **kwargs) -> None:
    """A page or snippet was submitted for translation into a locale: tell its translators."""
    if created and instance.enabled:
        translation_id = instance.pk
        transaction.on_commit(lambda: tasks.notify_translators.enqueue(translation_id))


@receiver(pre_save, sender=Translation)
def keep_manual_edits_on_resync(sender, instance: Translation, **kwargs) -> None:
    """Before a stopped translation is synced again, adopt the hand edits (upstream issue 876).

    Covers every way of restarting: the editor's "Start synced translation" and translating a
    subtree again, which silently re-enables stopped translations of the pages below.
    """
    if instance.pk is None or not instance.enabled:
        return
    was_enabled = Translation.objects.filter(pk=instance.pk).values_list("enabled", flat=True)
    if list(was_enabled) != [False]:
        return
    try:
        sync.harvest_manual_edits(instance)
    except Exception:  # the target is gone: there is nothing to keep
        return


@receiver(workflow_submitted)
def notify_staff_on_review(sender, instance, user=None, **kwargs) -> None:
    """A translated page entered its review workflow: tell communications staff."""
    page = instance.content_object
    if not isinstance(page, Page) or page.locale_id == source_locale().pk:
        return
    state_id = instance.pk
    transaction.on_commit(lambda: tasks.notify_staff_of_review.enqueue(state_id))
