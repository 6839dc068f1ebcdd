"""Who may send a test of an issue, to whom, and how often.

A test send mails the latest draft of one language's version of an issue. Drafts are not public,
so only people who may edit or publish that version may test it (a German translator must not
receive the unpublished English draft by choosing "English"). The typed addresses are limited to
the site's own admin accounts plus the domains in `TEST_SEND_DOMAINS`, so an admin account cannot
be used as an open relay; each user gets `TEST_SEND_LIMIT` tests per `TEST_SEND_WINDOW` seconds,
and every test lands in Wagtail's audit log ("Test sent").

The draft is rendered later, by the task worker, so the worker asks again just before it renders
(`refusal`): if the person who asked may no longer edit or publish that language's version (their
group was changed, their account deactivated), the test is cancelled unsent and the audit log
says why ("Test not sent"). A test without a requester comes from `send_newsletter --test-to`,
run by the site's operator.
"""

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log

from newsletters.conf import newsletter_setting
from newsletters.models import NewsletterPage, Send
from newsletters.protection import hit

logger = logging.getLogger(__name__)

LOG_ACTION = "newsletters.test_send"
REFUSED_ACTION = "newsletters.test_send_refused"
REFUSALS = {
    "inactive": _("the account that asked for it has been deactivated"),
    "permission": _("the account that asked for it may no longer edit or publish this version"),
    "deleted": _("the account that asked for it has been deleted"),
}


def tested_version(page: NewsletterPage, language: str) -> NewsletterPage:
    """The page whose latest revision a test in `language` renders (see `edition_page`)."""
    from newsletters.sending.lifecycle import canonical_page

    return NewsletterPage.objects.filter(
        translation_key=page.translation_key, locale__language_code=language
    ).first() or canonical_page(page)


def may_test(user: AbstractBaseUser | AnonymousUser, page: NewsletterPage, language: str) -> bool:
    """Whether `user` may see the draft a test in `language` would mail."""
    permissions = tested_version(page, language).permissions_for_user(user)
    return permissions.can_edit() or permissions.can_publish()


def allowed_domains() -> set[str]:
    """`TEST_SEND_DOMAINS` in lower case, a leading "@" ignored."""
    return {
        domain.strip().lower().lstrip("@") for domain in newsletter_setting("TEST_SEND_DOMAINS")
    }


def refused_recipients(addresses: list[str]) -> list[str]:
    """The addresses that are neither an active admin account's nor in an allowed domain."""
    domains = allowed_domains()
    outside = [a for a in addresses if a.rsplit("@", 1)[-1].lower() not in domains]
    if not outside:
        return []
    accounts = (
        get_user_model()
        .objects.filter(is_active=True)
        .annotate(email_lower=Lower("email"))
        .filter(email_lower__in={address.lower() for address in outside})
    )
    staff = {user.email_lower for user in accounts if user.has_perm("wagtailadmin.access_admin")}
    return [address for address in outside if address.lower() not in staff]


def allow_test_send(user: AbstractBaseUser) -> bool:
    """Count one test send for `user`; False once they used their quota for the window."""
    return hit(
        "test-send",
        f"user:{user.pk}",
        limit=newsletter_setting("TEST_SEND_LIMIT"),
        window=newsletter_setting("TEST_SEND_WINDOW"),
    )


def log_test_send(user: AbstractBaseUser, page: NewsletterPage, language: str, addresses) -> None:
    """Record the test in Wagtail's audit log of the version that was mailed."""
    log(
        instance=tested_version(page, language),
        action=LOG_ACTION,
        user=user,
        data={"language": language, "recipients": list(addresses)},
    )


def refusal(send: Send, language: str) -> str | None:
    """Why test `send` may not be rendered in `language` now (a `REFUSALS` key), or None.

    Asked by the worker at render time, with the requester's account and groups as they are now.
    """
    user = send.created_by
    if user is None:
        return "deleted" if send.requested_by_person else None
    if not user.is_active:
        return "inactive"
    if not user.has_perm("wagtailadmin.access_admin") or not may_test(user, send.page, language):
        return "permission"
    return None


def log_refusal(send: Send, language: str, reason: str) -> None:
    """Record in the audit log and the worker's log that test `send` was cancelled, and why."""
    log(
        instance=tested_version(send.page, language),
        action=REFUSED_ACTION,
        user=send.created_by,
        data={"language": language, "recipients": list(send.test_recipients), "reason": reason},
    )
    logger.warning(
        "Test send %s not sent: user %s %s", send.pk, send.created_by_id, REFUSALS[reason]
    )
