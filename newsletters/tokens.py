"""Signed, purpose-bound links for subscribers: confirm, preference centre, unsubscribe.

A token is `<subscriber id>.<subscriber key>[.<consent id>].<timestamp>.<HMAC>`, signed with
`SECRET_KEY` and a salt per purpose, so a preference link cannot be used to confirm and no token
can be forged or guessed. The subscriber's random `token_key` binds it to one address: changing
the address (or erasing the subscriber) revokes every link issued before. Confirmation tokens also
name the consent record they confirm, which makes them single-use.

Dispatch builds per-recipient headers with `list_unsubscribe_headers(subscriber)` (RFC 2369 and
RFC 8058) and links with `unsubscribe_url` / `preferences_url`; these need no database query, so
they are cheap for every recipient of a batch.
"""

from dataclasses import dataclass
from email.utils import parseaddr
from enum import StrEnum
from urllib.parse import quote

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from newsletters.conf import newsletter_setting
from newsletters.models import Subscriber

TOKEN_MAX_LENGTH = 200  # far above a real token; longer input is rejected before any work


class Purpose(StrEnum):
    """What a token may be used for; each has its own signing salt and lifetime."""

    CONFIRM = "confirm"
    PREFERENCES = "preferences"
    UNSUBSCRIBE = "unsubscribe"


MAX_AGE_SETTING = {
    Purpose.CONFIRM: "CONFIRM_MAX_AGE",
    Purpose.PREFERENCES: "PREFERENCES_MAX_AGE",
    Purpose.UNSUBSCRIBE: "UNSUBSCRIBE_MAX_AGE",
}


class TokenError(Exception):
    """The link is not one we issued for this purpose (tampered, truncated, wrong kind)."""


class TokenExpired(TokenError):
    """The link was ours but is older than its purpose allows."""


@dataclass(frozen=True)
class TokenData:
    """What a valid token says: whose it is, with which key, and (to confirm) which consent."""

    subscriber_id: int
    key: str
    consent_id: int | None = None


def _signer(purpose: Purpose) -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=f"newsletters.token.{purpose}", sep=".")


def make_token(subscriber: Subscriber, purpose: Purpose, consent_id: int | None = None) -> str:
    """Sign a token for `subscriber` usable only for `purpose`."""
    parts = [str(subscriber.pk), subscriber.token_key]
    if purpose is Purpose.CONFIRM:
        if consent_id is None:
            raise ValueError("A confirmation token names the consent record it confirms.")
        parts.append(str(consent_id))
    return _signer(purpose).sign(".".join(parts))


def read_token(token: str, purpose: Purpose) -> TokenData:
    """Check `token` for `purpose` and return what it says, or raise `TokenError`.

    Only the signature and age are checked here; whether the subscriber still exists and the key
    still matches is the caller's question (see `subscriber_for_token`).
    """
    if not token or len(token) > TOKEN_MAX_LENGTH or not token.isascii():
        raise TokenError("malformed")
    try:
        value = _signer(purpose).unsign(token, max_age=newsletter_setting(MAX_AGE_SETTING[purpose]))
    except signing.SignatureExpired as error:
        raise TokenExpired("expired") from error
    except signing.BadSignature as error:
        raise TokenError("bad signature") from error
    parts = value.split(".")
    expected = 3 if purpose is Purpose.CONFIRM else 2
    if len(parts) != expected or not all(part.isdigit() for part in parts[::2]):
        raise TokenError("malformed payload")
    consent_id = int(parts[2]) if purpose is Purpose.CONFIRM else None
    return TokenData(subscriber_id=int(parts[0]), key=parts[1], consent_id=consent_id)


def subscriber_for_token(data: TokenData) -> Subscriber | None:
    """The subscriber a valid token belongs to, or None when erased or re-keyed since."""
    subscriber = Subscriber.objects.filter(pk=data.subscriber_id).first()
    if subscriber is None or subscriber.token_key != data.key:
        return None
    return subscriber


def base_url() -> str:
    """The public origin links in emails start with (no trailing slash)."""
    return (newsletter_setting("BASE_URL") or settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def _absolute(view_name: str, token: str, language: str, origin: str | None) -> str:
    with translation.override(language):
        path = reverse(view_name, kwargs={"token": token})
    return (origin if origin is not None else base_url()) + path


def confirm_url(subscriber: Subscriber, consent_id: int, *, origin: str | None = None) -> str:
    """Absolute link of the page that confirms consent `consent_id` (in the consent's email)."""
    token = make_token(subscriber, Purpose.CONFIRM, consent_id)
    return _absolute("newsletters:confirm", token, subscriber.language, origin)


def preferences_url(subscriber: Subscriber, *, origin: str | None = None) -> str:
    """Absolute link of `subscriber`'s preference centre, in their language."""
    token = make_token(subscriber, Purpose.PREFERENCES)
    return _absolute("newsletters:preferences", token, subscriber.language, origin)


def unsubscribe_url(subscriber: Subscriber, *, origin: str | None = None) -> str:
    """Absolute one-click unsubscribe link: GET shows a confirm page, POST unsubscribes."""
    token = make_token(subscriber, Purpose.UNSUBSCRIBE)
    return _absolute("newsletters:unsubscribe", token, subscriber.language, origin)


def unsubscribe_mailto(subscriber: Subscriber, *, token: str | None = None) -> str:
    """The `mailto:` alternative of `List-Unsubscribe`, or "" when none is configured.

    The subject carries the unsubscribe token, so whoever (or whatever) reads that mailbox can
    act on the request with `read_token(token, Purpose.UNSUBSCRIBE)`.
    """
    address = newsletter_setting("UNSUBSCRIBE_MAILTO")
    if address is None:
        address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    if not address:
        return ""
    token = token or make_token(subscriber, Purpose.UNSUBSCRIBE)
    return f"mailto:{address}?subject={quote('unsubscribe ' + token)}"


def list_unsubscribe_headers(
    subscriber: Subscriber, *, origin: str | None = None
) -> dict[str, str]:
    """`List-Unsubscribe` and `List-Unsubscribe-Post` for one recipient (RFC 2369, RFC 8058).

    Mailbox providers show an "Unsubscribe" button from these and POST
    `List-Unsubscribe=One-Click` to the https URL without cookies; our endpoint accepts that.
    No database query: call it for every recipient of a batch.
    """
    token = make_token(subscriber, Purpose.UNSUBSCRIBE)
    links = [f"<{_absolute('newsletters:unsubscribe', token, subscriber.language, origin)}>"]
    if mailto := unsubscribe_mailto(subscriber, token=token):
        links.append(f"<{mailto}>")
    return {
        "List-Unsubscribe": ", ".join(links),
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
