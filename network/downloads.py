"""Count booklet downloads per booklet, language and day, without any personal data.

A client that downloads the same booklet again the same day is counted once. To know that
without storing its address, the cache keeps only a hash of (booklet, client address) salted
with a random value that is itself kept in the cache for the day only: once the day's salt has
expired, nobody (not even someone holding the database, the cache dump and `SECRET_KEY`) can
test an address against the old keys. The address comes from `home.client_address`, the one
rule shared with login throttling, so a forged `X-Forwarded-For` does not mint new clients.
"""

import hashlib
import secrets
from datetime import timedelta

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from home.client_address import client_ip
from network.models import BookletDownload, BookletPage

DAY = 24 * 3600


def _daily_salt(day: str) -> str:
    """Today's random salt, created by whichever process needs it first (kept two days at most)."""
    key = f"network:downloads:salt:{day}"
    cache.add(key, secrets.token_hex(16), timeout=2 * DAY)
    return cache.get(key) or ""


def first_download_today(booklet: BookletPage, request: HttpRequest) -> bool:
    """True the first time this client asks for this booklet today (in the site's time zone)."""
    now = timezone.localtime()
    day = now.date().isoformat()
    salt = _daily_salt(day)
    if not salt:  # the cache is unavailable: count, rather than lose every download
        return True
    client = client_ip(request) or "unknown"
    digest = hashlib.sha256(f"{salt}|{booklet.pk}|{client}".encode()).hexdigest()[:32]
    tomorrow = now.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
    seconds_left = max(int((tomorrow - now).total_seconds()), 1)
    return cache.add(f"network:downloads:seen:{day}:{digest}", 1, timeout=seconds_left)


def record_download(booklet: BookletPage, request: HttpRequest) -> None:
    """Add one download for today in the booklet's language, once per client and day; safe
    under concurrent requests."""
    if not first_download_today(booklet, request):
        return
    language = booklet.locale.language_code
    today = timezone.localdate()
    rows = BookletDownload.objects.filter(booklet=booklet, language_code=language, day=today)
    if rows.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            BookletDownload.objects.create(
                booklet=booklet, language_code=language, day=today, count=1
            )
    except IntegrityError:  # another request created today's row first
        rows.update(count=F("count") + 1)
