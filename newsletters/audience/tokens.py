"""Signed, purpose-bound links for subscribers: confirm, preference centre, unsubscribe.

A token is `<subscriber id>.<subscriber key>[.<consent id>].<timestamp>.<HMAC>`, signed with
`SECRET_KEY` and a salt per purpose, so a preference link cannot be used to confirm and no token
can be forged or guessed. The subscriber's random `token_key` binds it to one address: changing
the address (or erasing the subscriber) revokes every link issued before. Confirmation tokens also
name the consent record they confirm, which makes them single-use.
"""

import base64
import functools
import hashlib
import hmac
import time
from dataclasses import dataclass
from email.utils import parseaddr
from enum import StrEnum
from typing import NamedTuple, Protocol
from urllib.parse import quote

from django.conf import settings
from django.core import signing
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation

from newsletters.conf import base_url, newsletter_setting
from newsletters.headers import UriListHeader
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


class TokenHolder(Protocol):
    """What a token and a link need of a subscriber: a `Subscriber`, or dispatch's light row."""

    pk: int
    token_key: str
    language: str


def _salt(purpose: Purpose) -> str:
    return f"newsletters.token.{purpose}"


def _signer(purpose: Purpose) -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=_salt(purpose), sep=".", algorithm="sha256")


@functools.lru_cache(maxsize=32)
def _keyed_mac(purpose: Purpose, secret: str) -> hmac.HMAC:
    """An HMAC already keyed for `purpose`, to copy for each token.

    `TimestampSigner.sign` derives its key from the salt and `SECRET_KEY` on every call, a cost
    dispatch would pay for the two tokens it signs per recipient. The key is derived the
    same way here, once per purpose and secret, so the tokens are byte for byte what the signer
    makes and `read_token` (which uses the signer) reads them; a test holds the two together.
    """
    key = hashlib.sha256(f"{_salt(purpose)}signer{secret}".encode()).digest()
    return hmac.new(key, digestmod=hashlib.sha256)


def make_token(
    subscriber: TokenHolder, purpose: Purpose, consent_id: int | None = None, *, stamp: str = ""
) -> str:
    """Sign a token for `subscriber` usable only for `purpose`.

    `stamp` is the signing time as `TimestampSigner` writes it; a batch passes one for all.
    """
    parts = [str(subscriber.pk), subscriber.token_key]
    if purpose is Purpose.CONFIRM:
        if consent_id is None:
            raise ValueError("A confirmation token names the consent record it confirms.")
        parts.append(str(consent_id))
    value = f"{'.'.join(parts)}.{stamp or _stamp()}"
    mac = _keyed_mac(purpose, settings.SECRET_KEY).copy()
    mac.update(value.encode())
    signature = base64.urlsafe_b64encode(mac.digest()).rstrip(b"=").decode()
    return f"{value}.{signature}"


def _stamp() -> str:
    return signing.b62_encode(int(time.time()))


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


_PLACEHOLDER = "0token0"
# Characters `quote()` leaves alone; a path may also carry ":" unquoted.
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_URL_SAFE = _UNRESERVED | {":"}


@functools.lru_cache(maxsize=256)
def _path_around_token(view_name: str, language: str, urlconf: str | None, prefix: str) -> tuple:
    """The path of `view_name` in `language` before and after its token, reversed once for the
    links of many recipients. The URL configuration and script prefix are part of the key."""
    with translation.override(language):
        path = reverse(view_name, kwargs={"token": _PLACEHOLDER}, urlconf=urlconf)
    before, _sep, after = path.partition(_PLACEHOLDER)
    return before, after


def _absolute(view_name: str, token: str, language: str, origin: str | None) -> str:
    if _URL_SAFE.issuperset(token):  # signed tokens always are: nothing to quote
        before, after = _path_around_token(view_name, language, get_urlconf(), get_script_prefix())
        path = f"{before}{token}{after}"
    else:
        with translation.override(language):
            path = reverse(view_name, kwargs={"token": token})
    return (origin if origin is not None else base_url()) + path


def confirm_url(subscriber: TokenHolder, consent_id: int, *, origin: str | None = None) -> str:
    """Absolute link of the page that confirms consent `consent_id` (in the consent's email)."""
    token = make_token(subscriber, Purpose.CONFIRM, consent_id)
    return _absolute("newsletters:confirm", token, subscriber.language, origin)


def preferences_url(subscriber: TokenHolder, *, origin: str | None = None) -> str:
    """Absolute link of `subscriber`'s preference centre, in their language."""
    token = make_token(subscriber, Purpose.PREFERENCES)
    return _absolute("newsletters:preferences", token, subscriber.language, origin)


def unsubscribe_url(subscriber: TokenHolder, *, origin: str | None = None) -> str:
    """Absolute one-click unsubscribe link: GET shows a confirm page, POST unsubscribes."""
    token = make_token(subscriber, Purpose.UNSUBSCRIBE)
    return _absolute("newsletters:unsubscribe", token, subscriber.language, origin)


@functools.lru_cache(maxsize=8)
def _bare_address(value: str) -> str:
    return parseaddr(value)[1]


def _mailto_address() -> str:
    address = newsletter_setting("UNSUBSCRIBE_MAILTO")
    return _bare_address(settings.DEFAULT_FROM_EMAIL) if address is None else address


def _mailto(address: str, token: str) -> str:
    subject = (
        f"unsubscribe%20{token}" if _UNRESERVED.issuperset(token) else quote(f"unsubscribe {token}")
    )
    return f"mailto:{address}?subject={subject}"


class MessageLinks(NamedTuple):
    """One recipient's links: the body's unsubscribe and preference links, and the headers.

    `List-Unsubscribe` and `List-Unsubscribe-Post` follow RFC 2369 and RFC 8058 (the former
    written verbatim whatever mailer serialises it, see `newsletters.headers`): mailbox
    providers show an "Unsubscribe" button from them and POST `List-Unsubscribe=One-Click` to the
    https URL without cookies, which our endpoint accepts. The body's unsubscribe link is the very
    link of the header, so the inbox's button and the footer agree. The `mailto:` part's subject
    carries the token, so whoever reads that mailbox can act on it with `read_token`.
    """

    unsubscribe_url: str
    preferences_url: str
    headers: dict[str, str]


class BatchLinks:
    """Builds `MessageLinks` for many recipients with no database query, resolving the origin,
    the `mailto:` address, the URL configuration and the signing time once per batch."""

    def __init__(self) -> None:
        self.origin = base_url()
        self.mailto_address = _mailto_address()
        self.stamp = _stamp()
        self._urlconf, self._prefix = get_urlconf(), get_script_prefix()

    def _url(self, view_name: str, token: str, language: str) -> str:
        if not _URL_SAFE.issuperset(token):
            return _absolute(view_name, token, language, self.origin)
        before, after = _path_around_token(view_name, language, self._urlconf, self._prefix)
        return f"{self.origin}{before}{token}{after}"

    def for_recipient(self, subscriber: TokenHolder) -> MessageLinks:
        token = make_token(subscriber, Purpose.UNSUBSCRIBE, stamp=self.stamp)
        unsubscribe = self._url("newsletters:unsubscribe", token, subscriber.language)
        links = [unsubscribe]
        if self.mailto_address:
            links.append(_mailto(self.mailto_address, token))
        preferences = make_token(subscriber, Purpose.PREFERENCES, stamp=self.stamp)
        return MessageLinks(
            unsubscribe_url=unsubscribe,
            preferences_url=self._url("newsletters:preferences", preferences, subscriber.language),
            headers={
                "List-Unsubscribe": UriListHeader("List-Unsubscribe", links),
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
