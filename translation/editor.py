"""The translation editor as partner translators see it.

Wagtail lets an editor without the publish right delete or move a page that is not live, so
wagtail-localize's footer would make "Delete" a translator's main action. Here it is "Submit for
review" (for staff too while the original is not launched: the translation goes live with it),
with no delete, move, unpublish, lock or "convert to alias": `translator_props` adjusts the
footer's props, `editor-labels.js` relabels the button, and `submit_from_editor` answers its
POST (`action=publish`) without ever publishing. Notes under translated strings are dated in the
reader's language (`notes`).
"""

import json

from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from translation import launch, views
from translation.groups import may_work_in_locale, translator_locale_ids
from translation.notes import dated_comment


def translation_into(instance, enabled: bool = True) -> Translation | None:
    """The wagtail-localize translation whose target is `instance` (a page or snippet)."""
    return Translation.objects.filter(
        source__object_id=instance.translation_key,
        target_locale_id=instance.locale_id,
        enabled=enabled,
    ).first()


def submits_for_review(user, instance) -> bool:
    """Whether the editor's main action is "Submit for review": pages the user may edit
    but not publish (partner translators unless `TRANSLATORS_CAN_PUBLISH`), and every
    translation whose original is not launched yet (`launch.awaits_launch`)."""
    if not isinstance(instance, Page):
        return False
    perms = instance.permissions_for_user(user)
    if not perms.can_edit():
        return False
    return not perms.can_publish() or launch.awaits_launch(instance)


def _date_comments(data: dict, locale_id: int) -> None:
    """Date the note of every translated string in the editor's props (two queries)."""
    items = data.get("initialStringTranslations") or []
    segments = StringSegment.objects.in_bulk([item["segment_id"] for item in items])
    contexts = {segment.context_id for segment in segments.values()}
    translated = {
        (found.translation_of_id, found.context_id): found
        for found in StringTranslation.objects.filter(locale_id=locale_id, context_id__in=contexts)
    }
    for item in items:
        segment = segments.get(item["segment_id"])
        found = translated.get((segment.string_id, segment.context_id)) if segment else None
        if found is not None:
            item["comment"] = dated_comment(found)


def translator_props(props: str, user, instance) -> str:
    """wagtail-localize's editor props without the actions a translator cannot take, and with
    the notes under translated strings dated in the user's language."""
    data = json.loads(props)
    _date_comments(data, instance.locale_id)
    if translator_locale_ids(user) is not None:
        data["perms"].update(canDelete=False, canLock=False, canUnlock=False, canUnpublish=False)
        data["links"]["convertToAliasUrl"] = None
    if submits_for_review(user, instance):
        # The footer's last action is its main one; "publish" posts action=publish to this
        # page, which `submit_from_editor` turns into a submission for review.
        data["perms"]["canPublish"] = True
    return json.dumps(data)


def submit_from_editor(request: HttpRequest, page: Page) -> HttpResponse | None:
    """Answer the footer's main action for translators who may not publish: save their strings
    as a draft and start the page's review workflow. None for everyone else."""
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    if not submits_for_review(request.user, page):
        return None
    translation = translation_into(page)
    if translation is None:
        return None
    if not may_work_in_locale(request.user, translation.target_locale_id):
        return HttpResponseForbidden(_("You may only translate into your own language."))
    page = views.submit_with_messages(request, translation, page)
    return redirect("wagtailadmin_pages:edit", page.pk)
