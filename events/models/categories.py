"""The translatable event category snippet, and its lookup in a visitor's language."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.caching.fragments import cached_value


class EventCategory(TranslatableMixin, models.Model):
    """A kind of event (conference, webinar…), named in each language, with its own feed.

    The slug is shared by all translations of a category (it is synchronised, not translated), so
    `/de/calendar/category/webinar.ics` and `/en/calendar/category/webinar.ics` are the same feed
    in two languages.
    """

    name = models.CharField(
        max_length=80, help_text=_("Shown on event pages and in calendars."), verbose_name=_("name")
    )
    slug = models.SlugField(
        max_length=80,
        help_text=_("Used in filter and feed addresses; keep it short and never change it."),
        verbose_name=_("slug"),
    )

    panels = ["name", "slug"]
    # Declaring `translatable_fields` replaces auto-detection, so the name is listed too.
    translatable_fields = [TranslatableField("name"), SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("event category")
        verbose_name_plural = _("event categories")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_event_category_slug")
        ]

    def __str__(self) -> str:
        return self.name


def categories_for_locale(locale: Locale) -> dict[object, EventCategory]:
    """Every category in `locale` (else the default one), keyed by translation_key.

    Event pages, cards, hubs and feeds each ask for it, often twice a request: it is kept as a
    fragment (`home.caching.fragments`), which an edit of any category makes stale.
    """
    return cached_value(("event-categories", str(locale.pk)), lambda: _categories_in(locale))


def category_by_slug(categories: dict[object, EventCategory], slug: str) -> EventCategory | None:
    """The category with `slug` among `categories` (as `categories_for_locale` gives them)."""
    return next((c for c in categories.values() if c.slug == slug), None)


def _categories_in(locale: Locale) -> dict[object, EventCategory]:
    found: dict[object, EventCategory] = {}
    for category in EventCategory.objects.filter(
        Q(locale=locale) | Q(locale__language_code=settings.LANGUAGE_CODE)
    ).select_related("locale"):
        if category.translation_key not in found or category.locale_id == locale.pk:
            found[category.translation_key] = category
    return found
