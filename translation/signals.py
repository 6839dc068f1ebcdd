"""Signal receivers of the translation workflow, connected in `AppConfig.ready()`."""

import logging

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils import translation as i18n

from wagtail.admin.mail import (
    GroupApprovalTaskStateSubmissionEmailNotifier,
    WorkflowStateApprovalEmailNotifier,
    WorkflowStateRejectionEmailNotifier,
    WorkflowStateSubmissionEmailNotifier,
)
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.signals import (
    page_published,
    task_submitted,
    workflow_approved,
    workflow_rejected,
    workflow_submitted,
)
from wagtail_localize.models import (
    StringSegment,
    Translation,
    TranslationLog,
    TranslationSource,
)

from translation import notifications, sync, tasks
from translation.conf import is_source

logger = logging.getLogger(__name__)


@receiver(post_save, sender=Translation)
def notify_on_new_translation(sender, instance: Translation, created: bool, **kwargs) -> None:
    """A page or snippet was submitted for translation into a locale: tell its translators."""
    if created and instance.enabled and not notifications.are_paused():
        translation_id = instance.pk
        transaction.on_commit(lambda: tasks.notify_translators.enqueue(translation_id))


@receiver(pre_save, sender=TranslationSource)
def notify_on_source_change(sender, instance: TranslationSource, **kwargs) -> None:
    """A source's text changed (synced or refreshed): once committed, tell each language's
    translators how many sentences to update. Sentences are compared, not the stored content,
    which also changes when the page is merely published again."""
    if instance.pk is None or notifications.are_paused():
        return
    source_id = instance.pk
    before = _sentences(source_id)

    def enqueue_if_changed() -> None:
        if _sentences(source_id) != before:
            tasks.notify_source_changed.enqueue(source_id)

    transaction.on_commit(enqueue_if_changed)


def _sentences(source_id: int) -> set[tuple[int, int]]:
    return set(
        StringSegment.objects.filter(source_id=source_id).values_list("context_id", "string_id")
    )


@receiver(pre_save, sender=Translation)
def keep_manual_edits_on_resync(sender, instance: Translation, **kwargs) -> None:
    """Before a stopped translation is synced again, adopt the hand edits.

    Covers every way of restarting: the editor's "Start synced translation" and translating a
    subtree again, which silently re-enables stopped translations of the pages below.
    """
    if instance.pk is None or not instance.enabled:
        return
    if not Translation.objects.filter(pk=instance.pk, enabled=False).exists():
        return  # new, or not stopped before
    try:
        sync.harvest_manual_edits(instance)
    except ObjectDoesNotExist:
        logger.info("Translation %s restarted without a target: no hand edits to keep", instance.pk)


@receiver(workflow_submitted)
def notify_staff_on_review(sender, instance, user=None, **kwargs) -> None:
    """A translated page entered its review workflow: tell communications staff."""
    if notifications.are_paused() or not is_translation(instance.content_object):
        return
    state_id = instance.pk
    transaction.on_commit(lambda: tasks.notify_staff_of_review.enqueue(state_id))


def is_translation(page) -> bool:
    """A page in another language than the source (English) one."""
    return isinstance(page, Page) and not is_source(page)


class RecipientLanguageMixin:
    """Write each of Wagtail's workflow emails in its recipient's own admin language, and none
    while notifications are paused. Wagtail falls back to the active language (whoever acted)
    and renders the HTML part outside its switch; here the whole email uses `language_of`."""

    def can_handle(self, instance, **kwargs) -> bool:
        return not notifications.are_paused() and super().can_handle(instance, **kwargs)

    def send_emails(self, template_set, context, recipients, **kwargs) -> bool:
        results = []
        for recipient in recipients:
            with i18n.override(notifications.language_of(recipient)):
                results.append(super().send_emails(template_set, context, [recipient], **kwargs))
        return all(results)


class SourcePageSubmissionNotifier(
    RecipientLanguageMixin, GroupApprovalTaskStateSubmissionEmailNotifier
):
    """Wagtail's "submitted for approval" email, except for translations, which get ours
    (`notify_staff_on_review`, naming the language): staff receive one email, not two."""

    def can_handle(self, instance, **kwargs) -> bool:
        if not super().can_handle(instance, **kwargs):
            return False
        return not is_translation(instance.workflow_state.content_object)


class WorkflowSubmissionNotifier(RecipientLanguageMixin, WorkflowStateSubmissionEmailNotifier):
    """Wagtail's "submitted to a workflow" email, in each recipient's language."""


class WorkflowApprovalNotifier(RecipientLanguageMixin, WorkflowStateApprovalEmailNotifier):
    """Wagtail's "approved" email to the requester, in their language."""


class WorkflowRejectionNotifier(RecipientLanguageMixin, WorkflowStateRejectionEmailNotifier):
    """Wagtail's "changes requested" email to the requester, in their language."""


# Same dispatch_uids as Wagtail's own receivers: connected first (this app's ready() runs before
# wagtail.admin's), each takes that receiver's place. Kept here: signals hold weak references.
workflow_notifiers = (
    (task_submitted, TaskState, SourcePageSubmissionNotifier(), "group_approval_task_submitted"),
    (workflow_submitted, WorkflowState, WorkflowSubmissionNotifier(), "workflow_state_submitted"),
    (workflow_rejected, WorkflowState, WorkflowRejectionNotifier(), "workflow_state_rejected"),
    (workflow_approved, WorkflowState, WorkflowApprovalNotifier(), "workflow_state_approved"),
)
for signal, sender, notifier, name in workflow_notifiers:
    signal.connect(notifier, sender=sender, dispatch_uid=f"{name}_email_notification")


@receiver(page_published)
def log_reviewed_translation(sender, instance, revision=None, **kwargs) -> None:
    """A translation draft went live (staff approved it): record it as saved to the page.

    wagtail-localize logs a `TranslationLog` when it writes strings to the target; the review
    path only saves a revision, so the status report would call it "in progress" forever. The
    log is dated with the revision: strings edited after that are not on the page.
    """
    if revision is None or not is_translation(instance):
        return
    translations = Translation.objects.filter(
        source__object_id=instance.translation_key,
        target_locale_id=instance.locale_id,
        enabled=True,
    ).select_related("source")
    for translation in translations:
        log = TranslationLog.objects.create(
            source=translation.source, locale_id=instance.locale_id, revision=revision
        )
        TranslationLog.objects.filter(pk=log.pk).update(created_at=revision.created_at)
