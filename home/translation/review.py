"""Translators without the right to publish hand their synced translation to staff for review."""

from django.db import transaction

from wagtail.models import Page
from wagtail_localize.models import Translation


@transaction.atomic
def submit_translation_for_review(translation: Translation, user) -> Page:
    """Save the current translations as a draft revision and start the page's workflow.

    Returns the translated page. If the page is already in review, the new draft simply joins
    it (staff review the latest revision).
    """
    translation.save_target(user=user, publish=False)
    page = translation.get_target_instance().specific
    workflow = page.get_workflow()
    if workflow is not None and page.current_workflow_state is None:
        workflow.start(page, user)
    return page
