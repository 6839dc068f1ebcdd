"""Abuse protection for the public sign-up endpoint, which accepts posts without a CSRF token.

Why no CSRF token: the sign-up form sits in the footer of every page. A per-visitor token would
set a cookie and make every page unique, so no page could be cached. CSRF protects actions that
ride on a visitor's ambient authority (their session); a sign-up has none to abuse, and its
worst outcome, a confirmation email to someone else's address, is contained by double opt-in.
What remains is abuse by volume, handled here: a same-origin check on browsers' own headers,
a honeypot field (in the form), and rate limits per IP (or IPv6 /64) and per address, counted in
Django's cache so they hold across processes when the cache is shared (Redis in production).
"""

import hashlib
import ipaddress

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from newsletters.conf import newsletter_setting


def client_ip(request: HttpRequest) -> str | None:
    """The visitor's IP address, looking through `TRUSTED_PROXY_HOPS` reverse proxies."""
    hops = int(newsletter_setting("TRUSTED_PROXY_HOPS") or 0)
    candidate = request.META.get("REMOTE_ADDR", "")
    if hops > 0:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= hops:
            candidate = forwarded[-hops]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


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
