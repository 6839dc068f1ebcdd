"""The one place that decides a request's client address.

Login throttling (django-axes, through `AXES_CLIENT_IP_CALLABLE`), the newsletter sign-up limits
and the download counter all call `client_ip`, so a proxy set-up that one of them gets right
they all get right. `X-Forwarded-For` is read only when `TRUSTED_PROXY_HOPS` says how many
proxies of ours append to it: each appends the address it received the request from, so with N
proxies the client is the Nth address from the right. Anything further left was written by the
client and is ignored; with 0 hops (the default, a site facing the internet) the header is never
read and the client is `REMOTE_ADDR`, so a forged header cannot dodge a lockout.
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
