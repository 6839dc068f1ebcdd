"""Translators without the right to publish hand their synced translation to staff for review."""

from django.db import transaction

from wagtail.models import Page, Revision
from wagtail_localize.models import Translation


def save_draft_keeping_live_content(translation: Translation, user) -> Page:
    """Save the translator's strings as a draft revision without changing what visitors see.

    wagtail-localize's `save_target(publish=False)` writes the new text onto the page row
    before it saves the revision; for a German page that is already live, that row *is* the
    public page, so the update would be online before anyone reviewed it. The live
    revision's content is written back afterwards; the draft stays the latest revision.
    """
    before = translation.get_target_instance()
    live_revision_id = before.live_revision_id if isinstance(before, Page) and before.live else None
    translation.save_target(user=user, publish=False)
    page = translation.get_target_instance().specific
    if live_revision_id is not None:
        # as_object() keeps the page-wide fields (draft title, latest revision, live flag).
        live = Revision.objects.get(pk=live_revision_id).as_object()
        live.has_unpublished_changes = True
        live.save(clean=False)
        page = Page.objects.get(pk=page.pk).specific
    return page


@transaction.atomic
def submit_translation_for_review(translation: Translation, user) -> Page:
    """Save the current translations as a draft revision and start the page's workflow.

    Returns the translated page. If the page is already in review, the new draft simply joins
    it (staff review the latest revision).
    """
    page = save_draft_keeping_live_content(translation, user)
    workflow = page.get_workflow()
    if workflow is not None and page.current_workflow_state is None:
        workflow.start(page, user)
    return page
