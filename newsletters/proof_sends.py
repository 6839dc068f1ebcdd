"""Proof sends ("Send a test" in the admin): who may send one, to whom, and how often.

A proof mails the latest draft of one language's version of an issue, so only staff who may edit
or publish that version send one, only to addresses staff vouch for (verified account addresses
and those listed in the newsletter settings), within a rate limit, and each lands in the audit
log. The worker asks again just before it renders (`refusal`) and cancels a proof whose
requester lost the right meanwhile.
"""

import logging

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log

from newsletters.conf import newsletter_setting
from newsletters.models import (
    NewsletterPage,
    NewsletterSettings,
    Send,
    VerifiedAddress,
    normalize_email,
)
from newsletters.protection import hit

logger = logging.getLogger(__name__)

LOG_ACTION = "newsletters.test_send"
REFUSED_ACTION = "newsletters.test_send_refused"
SEND_TEST_PERMISSION = "newsletters.send_test"
VERIFY_SALT = "newsletters.test-address"
VERIFY_MAX_AGE = 3 * 24 * 3600
VERIFY_MAIL_LIMIT = 5
REFUSALS = {
    "inactive": _("the account that asked for it has been deactivated"),
    "permission": _("the account that asked for it may no longer edit or publish this version"),
    "deleted": _("the account that asked for it has been deleted"),
    "recipient": _("an address it was for is no longer verified"),
}


def tested_version(page: NewsletterPage, language: str) -> NewsletterPage:
    """The page whose latest revision a test in `language` renders (see `edition_page`)."""
    return (
        NewsletterPage.objects.filter(
            translation_key=page.translation_key, locale__language_code=language
        ).first()
        or page.canonical_page()
    )


def may_test(user: AbstractBaseUser | AnonymousUser, page: NewsletterPage, language: str) -> bool:
    """Whether `user` may see the draft a test in `language` would mail."""
    permissions = tested_version(page, language).permissions_for_user(user)
    return permissions.can_edit() or permissions.can_publish()


def may_send_tests(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether `user` may send tests at all (staff; translators preview in the browser)."""
    return user.is_active and user.has_perm(SEND_TEST_PERMISSION)


def verified_addresses() -> set[str]:
    """Addresses of active accounts that may send tests and confirmed the address they have now."""
    records = VerifiedAddress.objects.filter(user__is_active=True).select_related("user")
    return {
        record.email
        for record in records
        if record.email == normalize_email(record.user.email) and may_send_tests(record.user)
    }


def is_verified(user: AbstractBaseUser) -> bool:
    """Whether `user`'s current address is one they confirmed."""
    record = VerifiedAddress.objects.filter(user=user).first()
    return record is not None and record.email == normalize_email(user.email or "")


def listed_addresses(page: NewsletterPage) -> set[str]:
    """The addresses staff listed in the newsletter settings of `page`'s site."""
    site = page.get_site()
    if site is None:
        return set()
    return set(NewsletterSettings.for_site(site).test_recipient_list())


def refused_recipients(addresses: list[str], page: NewsletterPage) -> list[str]:
    """The addresses that are neither verified staff addresses nor listed in the settings."""
    allowed = listed_addresses(page)
    outside = [a for a in addresses if normalize_email(a) not in allowed]
    if not outside:
        return []
    allowed |= verified_addresses()
    return [a for a in outside if normalize_email(a) not in allowed]


def verification_token(user: AbstractBaseUser) -> str:
    """A signed token naming `user` and the address they have now."""
    payload = {"user": user.pk, "email": normalize_email(user.email)}
    return signing.dumps(payload, salt=VERIFY_SALT)


def verify(user: AbstractBaseUser, token: str) -> bool:
    """Record `user`'s address as verified if `token` was made for them and that address.

    The link is only good for the address the account has when it is confirmed: a link mailed
    before the account's e-mail changed verifies nothing.
    """
    try:
        payload = signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE)
    except signing.BadSignature:
        return False
    current = normalize_email(user.email or "")
    if payload.get("user") != user.pk or payload.get("email") != current or not current:
        return False
    if not may_send_tests(user):
        return False
    VerifiedAddress.objects.update_or_create(
        user=user, defaults={"email": current, "verified_at": timezone.now()}
    )
    return True


def allow_verification_mail(user: AbstractBaseUser) -> bool:
    """Count one verification mail for `user`; False after a few within the hour."""
    return hit("test-address", f"user:{user.pk}", limit=VERIFY_MAIL_LIMIT, window=3600)


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
    if (
        not user.has_perm("wagtailadmin.access_admin")
        or not may_send_tests(user)
        or not may_test(user, send.page, language)
    ):
        return "permission"
    if refused_recipients(list(send.test_recipients), send.page):
        return "recipient"
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
