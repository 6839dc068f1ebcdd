"""Count booklet downloads per booklet, language and day, without any personal data."""

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from network.models import BookletDownload, BookletPage


def record_download(booklet: BookletPage) -> None:
    """Add one download for today in the booklet's language; safe under concurrent requests."""
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


def download_totals() -> list[dict]:
    """Downloads per booklet translation and language, most downloaded first (for editors)."""
    return list(
        BookletDownload.objects.values(
            "booklet_id", "booklet__title", "booklet__translation_key", "language_code"
        )
        .annotate(total=Sum("count"))
        .order_by("-total", "booklet__title")
    )
