"""Emails of the translation workflow, each in the recipient's admin language.

Sent through the default mailer (`MAILERS["default"]`) like every other email of the site, from
background tasks (`translation.tasks`), so a slow mail server never delays an editor.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation as i18n

from wagtail.admin.localization import get_available_admin_languages
from wagtail.admin.utils import get_user_display_name
from wagtail.models import Locale

from translation.groups import staff_members, translators_of

_paused: ContextVar[bool] = ContextVar("translation_notifications_paused", default=False)


@contextmanager
def paused() -> Iterator[None]:
    """Send no email of the translation workflow (ours, and Wagtail's workflow emails in
    `signals`) about what happens inside this block: for bulk work nobody has to act on, such
    as loading the demo. Checked when an email would be queued, so a later worker sends none."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def are_paused() -> bool:
    """Whether the current code runs inside `paused()`."""
    return _paused.get()


def admin_url(path: str) -> str:
    """An absolute admin link for an email."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def language_of(user) -> str:
    """The admin language a notification to `user` is written in: the one their account
    chooses, else the site's default; never the active one, which is the language of whoever
    caused the email (a German translator submitting)."""
    profile = getattr(user, "wagtail_userprofile", None)
    chosen = profile.preferred_language if profile is not None else ""
    if chosen and chosen in dict(get_available_admin_languages()):
        return chosen
    return settings.LANGUAGE_CODE


def _notify(users, template: str, title: str, locale: Locale, edit_path: str, **context) -> int:
    """Email `template` about `title` in `locale` to each of `users`, each in their own
    language; returns emails sent."""
    context = {**context, "title": title, "edit_url": admin_url(edit_path)}
    sent = 0
    for user in users:
        language = language_of(user)
        with i18n.override(language):
            values = {
                "name": get_user_display_name(user),
                "site_name": settings.WAGTAIL_SITE_NAME,
                "LANGUAGE_CODE": language,
                "language": str(locale.get_display_name()),
                **context,
            }
            subject = render_to_string(f"translation_workflow/email/{template}_subject.txt", values)
            text = render_to_string(f"translation_workflow/email/{template}.txt", values)
            html = render_to_string(f"translation_workflow/email/{template}.html", values)
        message = EmailMultiAlternatives(
            subject=" ".join(subject.split()),
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[user.email],
        )
        message.attach_alternative(html, "text/html")
        message.send()
        sent += 1
    return sent


def notify_new_translation(title: str, locale: Locale, edit_path: str) -> int:
    """Tell `locale`'s translators that a page or snippet awaits them; returns emails sent."""
    matrix_url = admin_url(reverse("translation_matrix"))
    users = translators_of(locale)
    return _notify(users, "new_translation", title, locale, edit_path, matrix_url=matrix_url)


def notify_review(title: str, locale: Locale, edit_path: str, submitter: str) -> int:
    """Tell communications staff that a translation awaits their review; returns emails sent."""
    return _notify(staff_members(), "review", title, locale, edit_path, submitter=submitter)


def notify_source_changed(title: str, locale: Locale, edit_path: str, changed: int) -> int:
    """Tell `locale`'s translators that `changed` sentences of a source they translated changed
    (one email per change of the source, whatever the number of sentences); returns emails sent."""
    users = translators_of(locale)
    return _notify(users, "source_changed", title, locale, edit_path, changed=changed)
