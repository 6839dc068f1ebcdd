"""Signal receivers of the translation workflow, connected in `AppConfig.ready()`."""

from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from wagtail.admin.mail import GroupApprovalTaskStateSubmissionEmailNotifier
from wagtail.models import Page, TaskState
from wagtail.signals import task_submitted, workflow_submitted
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
    if not is_translation(instance.content_object):
        return
    state_id = instance.pk
    transaction.on_commit(lambda: tasks.notify_staff_of_review.enqueue(state_id))


def is_translation(page) -> bool:
    """A page in another language than the source (English) one."""
    return isinstance(page, Page) and page.locale_id != source_locale().pk


class SourcePageSubmissionNotifier(GroupApprovalTaskStateSubmissionEmailNotifier):
    """Wagtail's "submitted for approval" email, except for translations, which get ours
    (`notify_staff_on_review`, naming the language): staff receive one email, not two."""

    def can_handle(self, instance, **kwargs) -> bool:
        if not super().can_handle(instance, **kwargs):
            return False
        return not is_translation(instance.workflow_state.content_object)


# Same dispatch_uid as Wagtail's own receiver: connected first (this app's ready() runs before
# wagtail.admin's), it takes that receiver's place.
source_page_submission_notifier = SourcePageSubmissionNotifier()  # signals hold weak references
task_submitted.connect(
    source_page_submission_notifier,
    sender=TaskState,
    dispatch_uid="group_approval_task_submitted_email_notification",
)
