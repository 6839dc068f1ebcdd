"""Abuse protection for the public sign-up endpoint, which accepts posts without a CSRF token.

Why no CSRF token: the sign-up form sits in the footer of every page. A per-visitor token would
set a cookie and make every page unique, so no page could be cached. CSRF protects actions that
ride on a visitor's ambient authority (their session); a sign-up has none to abuse, and its
worst outcome, a confirmation email to someone else's address, is contained by double opt-in.
What remains is abuse by volume, handled here: a same-origin check on browsers' own headers,
a honeypot field (in the form), rate limits per IP (or IPv6 /64) and per address, counted in
Django's cache so they hold across processes when the cache is shared (Redis in production), and
a body limit checked on the headers before anything is parsed: the form is a few short fields,
so a large body or a file part is refused before Django buffers it or writes a temp file.
"""

import hashlib
import ipaddress

from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest, QueryDict

from home.client_address import client_ip
from newsletters.conf import newsletter_setting


def ip_bucket(ip: str | None) -> str:
    """The unit rate limits count: one IPv4 address or one IPv6 /64 (what one host controls)."""
    if ip is None:
        return "unknown"
    address = ipaddress.ip_address(ip)
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def hit(scope: str, identity: str, *, limit: int, window: int) -> bool:
    """Count one attempt for `identity` in `scope`; True while within `limit` per `window` s."""
    digest = hashlib.sha256(identity.encode()).hexdigest()[:32]
    key = f"newsletters:rate:{scope}:{digest}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit


class FilePartRefuser(FileUploadHandler):
    """Upload handler of the sign-up: notes that a file part came and keeps none of its bytes
    (no memory file, no temp file); the view then refuses the post."""

    saw_file = False

    def new_file(self, *args, **kwargs) -> None:
        self.saw_file = True

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        return None  # dropped

    def file_complete(self, file_size: int) -> None:
        return None  # no file object: `request.FILES` stays empty


def signup_body_too_large(request: HttpRequest) -> bool:
    """Whether the post's declared size exceeds `SIGNUP_MAX_BODY`, judged on its headers alone.

    Called before `request.POST` is touched, so nothing is read, parsed or spooled to disk.
    """
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length < 0 or length > newsletter_setting("SIGNUP_MAX_BODY")


def signup_post_data(request: HttpRequest) -> QueryDict | None:
    """The posted fields, or None when the post carried a file part (whose bytes were dropped)."""
    refuser = FilePartRefuser(request)
    request.upload_handlers = [refuser]
    data = request.POST
    return None if refuser.saw_file else data


def allow_signup_from_ip(request: HttpRequest) -> bool:
    """Per-IP flood limit, counted before the form is even validated."""
    return hit(
        "ip",
        ip_bucket(client_ip(request)),
        limit=newsletter_setting("SIGNUP_LIMIT_PER_IP"),
        window=newsletter_setting("SIGNUP_WINDOW_PER_IP"),
    )


def allow_signup_for_address(address: str) -> bool:
    """Per-address limit, so the form cannot flood one inbox with confirmation emails."""
    return hit(
        "address",
        address,
        limit=newsletter_setting("SIGNUP_LIMIT_PER_ADDRESS"),
        window=newsletter_setting("SIGNUP_WINDOW_PER_ADDRESS"),
    )


def is_same_origin(request: HttpRequest) -> bool:
    """False when the browser tells us the post came from another site.

    Browsers send `Origin` (and `Sec-Fetch-Site`) with form posts; a mismatch means another site
    is submitting our form. Clients that send neither (old browsers, scripts) are let through:
    the honeypot and rate limits still apply to them.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site and fetch_site not in {"same-origin", "none"}:
        return False
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    if origin == "null":
        return False
    if origin in getattr(settings, "CSRF_TRUSTED_ORIGINS", []):
        return True
    return origin == f"{request.scheme}://{request.get_host()}"
