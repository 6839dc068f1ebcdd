"""Event pages and the events index.

Times: editors enter local dates and times in the event's IANA zone; `save()` derives `starts_at`,
`ends_at` and `last_ends_at` in UTC so listings and feeds filter and sort in the database. The
zone is kept, so every view shows the event in its own zone and names it.

Identity: the iCalendar UID comes from `translation_key`, which translations share and which
never changes when an editor renames, moves or re-slugs a page. `sequence` (RFC 5545 SEQUENCE)
lives outside revisions (see `with_content_json`) and is raised by `events.signals` when a
published change touches the time, the place or the status.
"""

import hashlib
from datetime import date
from functools import cached_property

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from events.conf import get_events_setting
from events.countries import country_choices, country_name
from events.models.categories import EventCategory
from events.models.fields import WeekdaysField, time_zone_choices
from events.models.queries import EventPageManager
from events.recurrence import Schedule
from home.blocks import BodyStreamBlock
from home.caching.fragments import lazy_value
from home.caching.restrictions import KeptViewRestrictionsMixin
from home.listings import ListingItem

# Set by the site, never by editors, and kept out of revisions and copies: SEQUENCE only ever
# moves forward (`events.signals`), so a save from a stale in-memory copy (an old revision, an
# edit form) must not write an older value back.
SYSTEM_FIELDS = ("sequence", "schedule_fingerprint", "import_uid")


class EventIndexPage(KeptViewRestrictionsMixin, Page):
    """The events section of one language: upcoming, past and month views, filters, feeds.

    Filtering and paging use query parameters (`?view=month&year=2019&month=6&category=webinar`)
    so everything works without JavaScript; invalid values answer 404, never an error page.
    """

    intro = models.TextField(
        blank=True,
        help_text=_("One or two sentences at the top of the events page."),
        verbose_name=_("intro"),
    )

    content_panels = [*Page.content_panels, "intro"]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("events index")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        """Everything the index template shows; the work lives in `events.page_context`."""
        from events.page_context import index_context  # it reads these models

        context = super().get_context(request, *args, **kwargs)
        context.update(index_context(self, request))
        return context


class EventPage(KeptViewRestrictionsMixin, Page):
    """One event of the network, with everything calendars and search engines need to know."""

    class AttendanceMode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid (in person and online)")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")

    class Frequency(models.TextChoices):
        NONE = "", _("Does not repeat")
        DAILY = "DAILY", _("Daily")
        WEEKLY = "WEEKLY", _("Weekly")
        MONTHLY = "MONTHLY", _("Monthly (same day of the month)")

    lead = models.TextField(
        blank=True,
        help_text=_("One or two sentences: what the event is and who it is for."),
        verbose_name=_("lead"),
    )
    body = StreamField(BodyStreamBlock(), blank=True, use_json_field=True, verbose_name=_("body"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown at the top of the event and on its cards. Give it alt text."),
        verbose_name=_("image"),
    )
    category = models.ForeignKey(
        EventCategory,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_("Visitors filter and subscribe by category."),
        verbose_name=_("category"),
    )

    start_date = models.DateField(help_text=_("First day, in the event's own time zone."))
    start_time = models.TimeField(
        null=True, blank=True, help_text=_("Local start time. Leave empty for an all-day event.")
    )
    end_date = models.DateField(
        null=True, blank=True, help_text=_("Last day. Leave empty when the event lasts one day.")
    )
    end_time = models.TimeField(null=True, blank=True, help_text=_("Local end time."))
    all_day = models.BooleanField(
        default=False, help_text=_("Tick for events without times (times are then ignored).")
    )
    time_zone = models.CharField(
        max_length=64,
        choices=time_zone_choices,
        default="Europe/Brussels",
        help_text=_("The zone of the place where the event happens (online: the organiser's)."),
    )
    starts_at = models.DateTimeField(editable=False, db_index=True, null=True)
    ends_at = models.DateTimeField(editable=False, null=True)
    last_ends_at = models.DateTimeField(
        editable=False, null=True, db_index=True, help_text="End of the final occurrence (UTC)."
    )

    attendance_mode = models.CharField(
        max_length=12, choices=AttendanceMode.choices, default=AttendanceMode.IN_PERSON
    )
    venue_name = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("E.g. University of Helsinki, Exactum building."),
        verbose_name=_("venue name"),
    )
    venue_address = models.CharField(
        max_length=255,
        blank=True,
        help_text=_("Street and number."),
        verbose_name=_("venue address"),
    )
    venue_city = models.CharField(max_length=100, blank=True, verbose_name=_("venue city"))
    venue_country = models.CharField(
        max_length=2, blank=True, choices=country_choices, help_text=_("Used by the filter.")
    )
    latitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Decimal degrees, e.g. 60.204. Calendar apps use it for maps."),
    )
    longitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("Decimal degrees, e.g. 24.962."),
    )
    online_url = models.URLField(
        blank=True,
        help_text=_("Where participants join online events (shown to everyone)."),
        verbose_name=_("online address"),
    )
    registration_url = models.URLField(
        blank=True, help_text=_("Where visitors register."), verbose_name=_("registration address")
    )
    registration_deadline = models.DateField(
        null=True, blank=True, help_text=_("Last day to register, if there is one.")
    )
    status = models.CharField(
        max_length=12,
        choices=Status.choices,
        default=Status.SCHEDULED,
        help_text=_(
            "Cancelled events stay on the site and in calendars, marked as cancelled, so "
            "subscribers learn about it. Unpublish only events that never should have existed."
        ),
    )

    recurrence_frequency = models.CharField(
        max_length=8, blank=True, choices=Frequency.choices, default=Frequency.NONE
    )
    recurrence_interval = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text=_("Every how many days, weeks or months (1 = every)."),
    )
    recurrence_weekdays = WeekdaysField(
        verbose_name=_("on weekdays"),
        help_text=_("Weekly only: the days it happens. None ticked: the start date's weekday."),
    )
    recurrence_until = models.DateField(
        null=True, blank=True, help_text=_("Last possible date (fill in this or the count).")
    )
    recurrence_count = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
        help_text=_("How many times in all (fill in this or the last date)."),
    )

    sequence = models.PositiveIntegerField(default=0, editable=False)
    schedule_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    import_uid = models.CharField(max_length=255, blank=True, editable=False, db_index=True)

    objects = EventPageManager()

    content_panels = [
        *Page.content_panels,
        "lead",
        "image",
        "category",
        MultiFieldPanel(
            [
                FieldRowPanel(["start_date", "start_time"]),
                FieldRowPanel(["end_date", "end_time"]),
                "all_day",
                "time_zone",
                "status",
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                "recurrence_frequency",
                FieldRowPanel(["recurrence_interval", "recurrence_until", "recurrence_count"]),
                FieldPanel("recurrence_weekdays"),
                InlinePanel("exception_dates", label=_("Dates it does not happen")),
            ],
            heading=_("Repeats"),
            classname="collapsed",
        ),
        MultiFieldPanel(
            [
                "attendance_mode",
                "venue_name",
                "venue_address",
                FieldRowPanel(["venue_city", "venue_country"]),
                FieldRowPanel(["latitude", "longitude"]),
                "online_url",
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [FieldRowPanel(["registration_url", "registration_deadline"])],
            heading=_("Registration"),
        ),
        InlinePanel("organisers", label=_("Organising partners")),
        InlinePanel("issue_links", label=_("Related cross-cutting issues")),
        "body",
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.SearchField("venue_name"),
        index.SearchField("venue_city"),
        index.FilterField("starts_at"),
        index.FilterField("status"),
    ]
    # A category picked on the source applies to every translation; each language shows the
    # category's own translation (looked up by translation_key), so translating an event never
    # waits for the category to be translated.
    override_translatable_fields = [
        SynchronizedField("category"),
        SynchronizedField("recurrence_weekdays"),
    ]
    exclude_fields_in_copy = list(SYSTEM_FIELDS)

    parent_page_types = ["events.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("event")

    # --- Schedule ----------------------------------------------------------------------------
    def exception_date_values(self) -> frozenset[date]:
        """Exception dates, from the prefetch cache or the unsaved cluster when there is one."""
        return frozenset(item.date for item in self.exception_dates.all() if item.date)

    @cached_property
    def schedule(self) -> Schedule:
        """When the event happens, as the recurrence module understands it."""
        return Schedule(
            start_date=self.start_date,
            start_time=self.start_time,
            end_date=self.end_date,
            end_time=self.end_time,
            all_day=self.all_day,
            time_zone=self.time_zone,
            frequency=self.recurrence_frequency or "",
            interval=self.recurrence_interval or 1,
            weekdays=tuple(self.recurrence_weekdays or ()),
            until=self.recurrence_until,
            count=self.recurrence_count,
            exceptions=self.exception_date_values() if self.recurrence_frequency else frozenset(),
        )

    def refresh_schedule(self) -> None:
        """Forget the memoised schedule after the editor's fields change."""
        self.__dict__.pop("schedule", None)

    def clean(self) -> None:
        """Refuse schedules a calendar app could not show correctly."""
        super().clean()
        errors: dict[str, str] = {}
        timed = not self.all_day and self.start_time is not None
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The event cannot end before it starts.")
        if timed and self.end_time is None:
            errors["end_time"] = _("Give an end time, or tick “all day”.")
        if (
            timed
            and self.end_time is not None
            and (self.end_date or self.start_date) == self.start_date
            and self.end_time < self.start_time
        ):
            errors["end_time"] = _("The event cannot end before it starts.")
        if self.recurrence_frequency:
            if self.recurrence_until and self.recurrence_count:
                errors["recurrence_count"] = _("Fill in the last date or the count, not both.")
            if (
                self.recurrence_until
                and self.start_date
                and self.recurrence_until < self.start_date
            ):
                errors["recurrence_until"] = _("The last date must be after the first.")
        if self.attendance_mode != self.AttendanceMode.IN_PERSON and not self.online_url:
            errors["online_url"] = _("Online and hybrid events need the address to join.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both coordinates or neither.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        """Keep the UTC columns used by listings and feeds in step with the editor's fields."""
        self.refresh_schedule()
        if self.start_date:
            schedule = self.schedule
            self.starts_at = schedule.start
            self.ends_at = schedule.end
            self.last_ends_at = schedule.last_end()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "start_date" in update_fields:
            kwargs["update_fields"] = {*update_fields, "starts_at", "ends_at", "last_ends_at"}
        if self.pk and update_fields is None:
            stored = EventPage.objects.filter(pk=self.pk).values(*SYSTEM_FIELDS)
            for name, value in (stored.first() or {}).items():
                setattr(self, name, value)
        return super().save(*args, **kwargs)

    def with_content_json(self, content):
        """Publishing an old revision must never roll back the SEQUENCE calendars have seen."""
        obj = super().with_content_json(content)
        for name in SYSTEM_FIELDS:
            setattr(obj, name, getattr(self, name))
        return obj

    def compute_schedule_fingerprint(self) -> str:
        """A digest of what makes calendars show the event differently: time, place, status."""
        parts = [
            self.start_date,
            self.start_time,
            self.end_date,
            self.end_time,
            self.all_day,
            self.time_zone,
            self.recurrence_frequency,
            self.recurrence_interval if self.recurrence_frequency else "",
            ",".join(self.recurrence_weekdays or ()),
            self.recurrence_until,
            self.recurrence_count,
            sorted(self.exception_date_values()) if self.recurrence_frequency else "",
            self.attendance_mode,
            self.venue_name,
            self.venue_address,
            self.venue_city,
            self.venue_country,
            self.latitude,
            self.longitude,
            self.online_url,
            self.status,
        ]
        return hashlib.sha256(repr(parts).encode()).hexdigest()

    # --- Presentation ------------------------------------------------------------------------
    @property
    def uid(self) -> str:
        """The iCalendar UID: stable for the event's life and shared by its translations."""
        return f"{self.translation_key}@{get_events_setting('UID_DOMAIN')}"

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_postponed(self) -> bool:
        return self.status == self.Status.POSTPONED

    @property
    def is_online(self) -> bool:
        return self.attendance_mode != self.AttendanceMode.IN_PERSON

    @property
    def has_venue(self) -> bool:
        return self.attendance_mode != self.AttendanceMode.ONLINE and bool(
            self.venue_name or self.venue_city or self.venue_address
        )

    @property
    def country_name(self) -> str:
        return country_name(self.venue_country)

    @property
    def city_and_country(self) -> str:
        """Where listings say the event is: the venue's city and country."""
        if not self.has_venue:
            return ""
        return ", ".join(part for part in (self.venue_city, self.country_name) if part)

    def location_text(self) -> str:
        """One line for LOCATION and "add to calendar" links: venue, address, city, country."""
        if not self.has_venue:
            return self.online_url if self.is_online else ""
        parts = [self.venue_name, self.venue_address, self.venue_city, str(self.country_name)]
        return ", ".join(part for part in parts if part)

    def listing_item(self, request: HttpRequest | None = None) -> ListingItem:
        """The event as other apps list it (newsletter cards), at its first occurrence."""
        start = self.schedule.start.replace(tzinfo=None)
        return ListingItem(
            title=self.title,
            url=self.get_url(request) or "",
            summary=self.lead,
            image=self.image,
            start=start.date() if self.schedule.is_all_day else start,
            location=self.city_and_country,
            language=self.locale.language_code,
            is_cancelled=self.is_cancelled,
            is_postponed=self.is_postponed,
        )

    def registration_open(self, today: date | None = None) -> bool:
        """Registration is offered while the deadline has not passed and the event is on."""
        if not self.registration_url or self.is_cancelled:
            return False
        today = today or timezone.localdate()
        return self.registration_deadline is None or self.registration_deadline >= today

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        """Occurrences, subscribe links and JSON-LD, computed on first use, so the kept copies of
        the page's head and content (`{% cached_content %}`) cost no queries."""
        from events.page_context import event_details  # it reads these models

        context = super().get_context(request, *args, **kwargs)
        context["event"] = lazy_value(lambda: event_details(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        """Events are only ever served below an events index (never a stray copy elsewhere)."""
        if self.start_date is None:
            raise Http404
        return super().serve(request, *args, **kwargs)
