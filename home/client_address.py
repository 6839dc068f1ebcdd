"""The one place that decides a request's client address, for login throttling (django-axes),
sign-up limits and download counts alike: a proxy set-up one gets right they all get right.

`X-Forwarded-For` is read only when `TRUSTED_PROXY_HOPS` says how many proxies of ours append to
it: with N proxies the client is the Nth address from the right, and anything further left was
written by the client. With 0 hops (the default) the header is never read, so a forged one cannot
dodge a lockout.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def trusted_proxy_hops() -> int:
    """`settings.TRUSTED_PROXY_HOPS`, never negative (0 when unset)."""
    return max(int(getattr(settings, "TRUSTED_PROXY_HOPS", 0) or 0), 0)


def client_ip(request: HttpRequest) -> str | None:
    """The client's IP address in canonical form, or None when it is not a valid address.

    When fewer addresses were forwarded than there are proxies, the request skipped the outer
    ones; `REMOTE_ADDR` (the proxy) is used then, so such requests share one budget rather than
    choosing their own address.
    """
    candidate = request.META.get("REMOTE_ADDR", "")
    hops = trusted_proxy_hops()
    if hops:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= hops:
            candidate = forwarded[-hops]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None
