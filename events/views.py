"""HTTP views of the events app (routed in `events.urls`): the iCalendar feeds.

The events index and event pages are Wagtail pages (their context: `events.page_context`).
Feeds list, in the URL's language, that language's version of each event and else the source
version; `?strict=1` keeps only events translated into that language.
"""

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from wagtail.models import Locale

from events.feeds import FeedScope, feed_headers, feed_validator, get_feed
from events.models import categories_for_locale, category_by_slug

STRICT_VALUES = {"": False, "0": False, "1": True}


def _active_locale() -> Locale:
    try:
        return Locale.get_active()
    except Locale.DoesNotExist as error:
        raise Http404("No such language") from error


def _feed_response(request: HttpRequest, scope: FeedScope, filename: str, *, attachment=False):
    validator = feed_validator(scope, request)
    if scope.event_id is not None and validator.count == 0:
        raise Http404("No such event")
    headers = feed_headers(validator, filename, attachment=attachment)
    not_modified = get_conditional_response(
        request, etag=validator.etag, last_modified=validator.last_modified_timestamp
    )
    if not_modified is not None:
        for name, value in headers.items():
            not_modified[name] = value
        return not_modified
    body = get_feed(scope, validator, request)
    return HttpResponse(body, content_type="text/calendar; charset=utf-8", headers=headers)


@require_safe
def subscription_feed(request: HttpRequest, slug: str = "") -> HttpResponse:
    """The whole calendar, or one category's events, in the URL's language, for subscriptions."""
    strict = STRICT_VALUES.get(request.GET.get("strict", ""))
    if strict is None:
        return HttpResponseBadRequest(
            _("The strict parameter must be 0 or 1."), content_type="text/plain; charset=utf-8"
        )
    locale = _active_locale()
    category = category_by_slug(categories_for_locale(locale), slug) if slug else None
    if slug and category is None:
        raise Http404("No such category")
    filename = "-".join(filter(None, ["stem-pd-net", slug, locale.language_code])) + ".ics"
    scope = FeedScope(locale=locale, category=category, strict=strict)
    return _feed_response(request, scope, filename)


@require_safe
def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """One event as an .ics download ("add to my calendar")."""
    locale = _active_locale()
    return _feed_response(
        request, FeedScope(locale=locale, event_id=pk), f"event-{pk}.ics", attachment=True
    )
