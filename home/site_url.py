"""The one public address of the site, for every absolute link it makes (emails, feeds, calendar
entries, canonical and hreflang tags, robots.txt).

It is the configured `WAGTAILADMIN_BASE_URL`, never a request's `Host` header, which a client
chooses. `sync_default_site` copies it into the default `Site`, from which Wagtail builds page URLs.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from wagtail.models import Site


def base_url() -> str:
    """The configured public origin, without a trailing slash (e.g. `https://example.org`)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute(path: str) -> str:
    """`path` (site-relative, starting with "/") on the configured origin."""
    if path.startswith(("http://", "https://")):
        return path
    return base_url() + (path if path.startswith("/") else f"/{path}")


def host_and_port(url: str) -> tuple[str, int]:
    """The hostname and port a Wagtail `Site` needs for `url` (80 for http, 443 for https).

    Wagtail derives the scheme from the port (443 means https), so an https address on another
    port cannot be represented and is refused rather than silently turned into http.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ImproperlyConfigured(
            f"The site's base URL must be http(s)://host[:port], not {url!r}"
        )
    default_port = 443 if parts.scheme == "https" else 80
    port = parts.port or default_port
    if parts.scheme == "https" and port != 443:
        raise ImproperlyConfigured(f"Wagtail serves https only on port 443, not in {url!r}")
    return parts.hostname, port


def sync_default_site(url: str | None = None) -> Site | None:
    """Point the default `Site` at `url` (default: the configured base URL); None if no site.

    Saves only when something changes, so calling it at every start costs one query.
    """
    hostname, port = host_and_port(url or base_url())
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])
    return site
