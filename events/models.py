"""Event pages, the events index, and the translatable event category snippet.

Times: editors enter local dates and times in the event's IANA zone; `save()` derives `starts_at`,
`ends_at` and `last_ends_at` in UTC so listings and feeds filter and sort in the database. The
zone is kept, so every view shows the event in its own zone and names it.

Identity: the iCalendar UID comes from `translation_key`, which translations share and which
never changes when an editor renames, moves or re-slugs a page. `sequence` (RFC 5545 SEQUENCE)
lives outside revisions (see `with_content_json`) and is raised by `events.signals` when a
published change touches the time, the place or the status.
"""

import hashlib
import zoneinfo
from datetime import date, datetime, timedelta
from functools import cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Locale, Orderable, Page, PageManager, TranslatableMixin
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from events.conf import get_events_setting
from events.countries import country_choices, country_name
from events.panels import OptionalPageChooserPanel
from events.recurrence import WEEKDAY_CODES, Schedule
from home.blocks import BodyStreamBlock
from home.seo import in_private_section


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    """Every IANA zone the server knows, for the editor's drop-down (callable: no migrations)."""
    names = sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})
    return [(name, name.replace("_", " ")) for name in names if "/" in name or name == "UTC"]


class WeekdaysField(models.CharField):
    """A set of RRULE weekday codes ("MO,WE"), edited as checkboxes, a list in Python."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection) -> list[str]:
        return self.to_python(value)

    def to_python(self, value) -> list[str]:
        codes = value if isinstance(value, list | tuple) else (value or "").split(",")
        return [code for code in WEEKDAY_CODES if code in {c.strip() for c in codes}]

    def get_prep_value(self, value) -> str:
        return ",".join(self.to_python(value))

    def value_to_string(self, obj) -> str:
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance) -> None:
        if not self.blank and not value:
            raise ValidationError(self.error_messages["blank"], code="blank")

    def formfield(self, **kwargs):
        from django import forms

        return forms.TypedMultipleChoiceField(
            choices=WEEKDAY_CHOICES,
            required=not self.blank,
            widget=forms.CheckboxSelectMultiple,
            label=self.verbose_name,
            help_text=self.help_text,
        )


WEEKDAY_CHOICES = [
    ("MO", _("Monday")),
    ("TU", _("Tuesday")),
    ("WE", _("Wednesday")),
    ("TH", _("Thursday")),
    ("FR", _("Friday")),
    ("SA", _("Saturday")),
    ("SU", _("Sunday")),
]


class EventCategory(TranslatableMixin, models.Model):
    """A kind of event (conference, webinar…), named in each language, with its own feed.

    The slug is shared by all translations of a category (it is synchronised, not translated), so
    `/de/calendar/category/webinar.ics` and `/en/calendar/category/webinar.ics` are the same feed
    in two languages.
    """

    name = models.CharField(max_length=80, help_text=_("Shown on event pages and in calendars."))
    slug = models.SlugField(
        max_length=80,
        help_text=_("Used in filter and feed addresses; keep it short and never change it."),
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


class EventQuerySet(PageQuerySet):
    """Queries every listing and feed shares, so "public" means the same everywhere."""

    def visible(self) -> "EventQuerySet":
        """Live, not behind a view restriction: what an anonymous visitor may see.

        The restriction test is a subquery (`home.seo.in_private_section`) rather than
        Wagtail's `public()`, which costs an extra query to load every restriction first.
        """
        return self.live().exclude(in_private_section())

    def upcoming(self, now: datetime) -> "EventQuerySet":
        """Events with an occurrence not yet over at `now` (open-ended series included)."""
        return self.filter(Q(last_ends_at__gte=now) | Q(last_ends_at__isnull=True))

    def past(self, now: datetime) -> "EventQuerySet":
        """Events whose last occurrence is over."""
        return self.filter(last_ends_at__lt=now)

    def ended_after(self, moment: datetime) -> "EventQuerySet":
        """Events still running at, or ending after, `moment` (the feeds' past window)."""
        return self.filter(Q(last_ends_at__gte=moment) | Q(last_ends_at__isnull=True))

    def overlapping(self, start: datetime, end: datetime) -> "EventQuerySet":
        """Events whose series may have an occurrence in [start, end)."""
        return self.filter(starts_at__lt=end).ended_after(start)


EventPageManager = PageManager.from_queryset(EventQuerySet)


class EventIndexPage(Page):
    """The events section of one language: upcoming, past and month views, filters, feeds.

    Filtering and paging use query parameters (`?view=month&year=2019&month=6&category=webinar`)
    so everything works without JavaScript; invalid values answer 404, never an error page.
    """

    intro = models.TextField(
        blank=True, help_text=_("One or two sentences at the top of the events page.")
    )

    content_panels = [*Page.content_panels, "intro"]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("events index")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        """Everything the index template shows; the work lives in `events.views`."""
        from events.views import index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(index_context(self, request))
        return context


class EventPage(Page):
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
        blank=True, help_text=_("One or two sentences: what the event is and who it is for.")
    )
    body = StreamField(BodyStreamBlock(), blank=True, use_json_field=True)
    category = models.ForeignKey(
        EventCategory,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_("Visitors filter and subscribe by category."),
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
        max_length=200, blank=True, help_text=_("E.g. University of Helsinki, Exactum building.")
    )
    venue_address = models.CharField(max_length=255, blank=True, help_text=_("Street and number."))
    venue_city = models.CharField(max_length=100, blank=True)
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
        blank=True, help_text=_("Where participants join online events (shown to everyone).")
    )
    registration_url = models.URLField(blank=True, help_text=_("Where visitors register."))
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
    exclude_fields_in_copy = ["sequence", "schedule_fingerprint", "import_uid"]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("event")

    # --- Schedule ----------------------------------------------------------------------------
    def exception_date_values(self) -> frozenset[date]:
        """Exception dates, from the prefetch cache or the unsaved cluster when there is one."""
        return frozenset(item.date for item in self.exception_dates.all() if item.date)

    @property
    def schedule(self) -> Schedule:
        """When the event happens, as the recurrence module understands it."""
        cached = self.__dict__.get("_schedule")
        if cached is not None:
            return cached
        schedule = Schedule(
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
        self.__dict__["_schedule"] = schedule
        return schedule

    def refresh_schedule(self) -> None:
        """Forget the memoised schedule after the editor's fields change."""
        self.__dict__.pop("_schedule", None)

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
            # SEQUENCE only ever moves forward through `events.signals`; a save from a stale
            # in-memory copy (an old revision, an edit form) must not write an older value back.
            stored = (
                EventPage.objects.filter(pk=self.pk)
                .values_list("sequence", "schedule_fingerprint", "import_uid")
                .first()
            )
            if stored is not None:
                self.sequence, self.schedule_fingerprint, self.import_uid = stored
        return super().save(*args, **kwargs)

    def with_content_json(self, content):
        """Publishing an old revision must never roll back the SEQUENCE calendars have seen."""
        obj = super().with_content_json(content)
        obj.sequence = self.sequence
        obj.schedule_fingerprint = self.schedule_fingerprint
        obj.import_uid = self.import_uid
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

    def location_text(self) -> str:
        """One line for LOCATION and for listings: venue, address, city, country."""
        if not self.has_venue:
            return self.online_url if self.is_online else ""
        parts = [self.venue_name, self.venue_address, self.venue_city, str(self.country_name)]
        return ", ".join(part for part in parts if part)

    def registration_open(self, today: date | None = None) -> bool:
        """Registration is offered while the deadline has not passed and the event is on."""
        if not self.registration_url or self.is_cancelled:
            return False
        today = today or timezone.localdate()
        return self.registration_deadline is None or self.registration_deadline >= today

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        """Occurrences, subscribe links and the JSON-LD description of the event."""
        from events.views import event_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        """Events are only ever served below an events index (never a stray copy elsewhere)."""
        if self.start_date is None:
            raise Http404
        return super().serve(request, *args, **kwargs)


class EventExceptionDate(Orderable):
    """A date on which a repeating event does not take place (EXDATE)."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="exception_dates")
    date = models.DateField(help_text=_("In the event's own time zone."))

    panels = ["date"]

    class Meta(Orderable.Meta):
        verbose_name = _("exception date")


class EventOrganiser(Orderable):
    """An organising partner of an event; the partner page finds its events through the reverse
    relation `event_organiser_links`, so the network app never imports this one."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="organisers")
    partner_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="event_organiser_links",
        help_text=_("The partner's profile page."),
    )

    panels = [OptionalPageChooserPanel("partner_page", page_type=["network.PartnerPage"])]

    class Meta(Orderable.Meta):
        verbose_name = _("organising partner")


class EventIssueLink(Orderable):
    """A cross-cutting issue the event is about; the issue page lists its events through the
    reverse relation `event_issue_links`."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="issue_links")
    issue_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="event_issue_links",
        help_text=_("The cross-cutting issue page."),
    )

    panels = [OptionalPageChooserPanel("issue_page", page_type=["network.CrossCuttingIssuePage"])]

    class Meta(Orderable.Meta):
        verbose_name = _("related cross-cutting issue")


def categories_for_locale(locale: Locale) -> dict[object, EventCategory]:
    """Every category in `locale` (else the default one), keyed by translation_key: one query."""
    found: dict[object, EventCategory] = {}
    for category in EventCategory.objects.filter(
        Q(locale=locale) | Q(locale__language_code=settings.LANGUAGE_CODE)
    ).select_related("locale"):
        if category.translation_key not in found or category.locale_id == locale.pk:
            found[category.translation_key] = category
    return found


def event_window_start(now: datetime) -> datetime:
    """Feeds leave out events that ended before this moment (whole days, so caches stay warm)."""
    days = int(get_events_setting("FEED_PAST_WINDOW_DAYS"))
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    return today - timedelta(days=days)
