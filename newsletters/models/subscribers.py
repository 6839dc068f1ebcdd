"""Who receives the newsletter and on what consent: topics, subscribers, consent, suppression.

The audience is personal data, so the models keep what GDPR requires and no more: an address, a
language, the chosen topics, a status, and proof of consent (when, how, the exact text shown, the
IP address of the sign-up and of the confirmation). Erasing a subscriber leaves only a hash of the
address in the suppression list, which is enough to stop a later import from adding it back.
"""

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import TranslatableMixin

EMAIL_MAX_LENGTH = 254  # RFC 5321's limit on a forward path, the longest address that can work


def normalize_email(value: str) -> str:
    """The one spelling an address is stored and compared in: trimmed and lower-case.

    RFC 5321 lets a server treat the local part case-sensitively, but no mailbox provider the
    network's audience uses does, and people type their address in any case; uniqueness must
    follow what people mean.
    """
    return value.strip().lower()


def email_hash(value: str) -> str:
    """A stable SHA-256 of the normalised address, for the suppression list.

    Deliberately not keyed with `SECRET_KEY`: rotating the key must never make an erased or
    bounced address mailable again. The hash is data minimisation, not secrecy.
    """
    return hashlib.sha256(f"stempd-newsletter:{normalize_email(value)}".encode()).hexdigest()


def new_token_key() -> str:
    """A random per-subscriber key carried in every signed link; replacing it revokes them all."""
    return secrets.token_urlsafe(9)


def validate_language(value: str) -> None:
    """Reject language codes the site does not publish in."""
    if value not in dict(settings.LANGUAGES):
        raise ValidationError(_("Unknown language."), code="invalid_language")


class Topic(TranslatableMixin, models.Model):
    """A list people can subscribe to ("Network news", "Events"), translated per language.

    Subscriptions point at the topic in the default language; its translations only give the
    name and description visitors read. A topic is configuration rather than published content,
    so it has no draft state: a draft topic would vanish from preference centres while people are
    still subscribed to it.
    """

    name = models.CharField(
        max_length=100, help_text=_("The name visitors see on the form."), verbose_name=_("name")
    )
    description = models.CharField(
        max_length=255,
        blank=True,
        help_text=_("One line under the name saying what subscribers of this topic receive."),
        verbose_name=_("description"),
    )
    is_public = models.BooleanField(
        default=True,
        help_text=_(
            "Offer this topic on the sign-up form and in the preference centre. Untick it for "
            "internal lists that staff fill by import."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(
        default=0, help_text=_("Topics are listed from the lowest number up.")
    )

    panels = ["name", "description", "is_public", "sort_order"]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = _("newsletter topic")
        verbose_name_plural = _("newsletter topics")

    def __str__(self) -> str:
        return self.name


class Subscriber(models.Model):
    """One email address on the audience, with its language, topics and delivery status.

    Rows are never deleted to unsubscribe someone: the status says why mail stops, and the
    consent history stays as proof. Erasure (GDPR) deletes the row and keeps a hash in
    `SuppressedAddress`.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
        BOUNCED = "bounced", _("Bounced")
        COMPLAINED = "complained", _("Complained")

    class Source(models.TextChoices):
        FORM = "form", _("Sign-up form")
        IMPORT = "import", _("Import")
        ADMIN = "admin", _("Added by staff")

    email = models.EmailField(
        max_length=EMAIL_MAX_LENGTH,
        unique=True,
        help_text=_("Stored in lower case; one subscriber per address."),
    )
    email_hash = models.CharField(max_length=64, editable=False, db_index=True)
    language = models.CharField(
        max_length=8,
        default=settings.LANGUAGE_CODE,
        validators=[validate_language],
        help_text=_("The language this person receives the newsletter in."),
    )
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    topics = models.ManyToManyField(
        Topic,
        blank=True,
        related_name="subscribers",
        help_text=_("The topics this person receives."),
    )
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.FORM)
    token_key = models.CharField(max_length=16, default=new_token_key, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    unsubscribed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(email=Lower("email")), name="newsletters_email_lowercase"
            ),
        ]

    def __str__(self) -> str:
        return self.email

    def save(self, *args, **kwargs) -> None:
        self.email = normalize_email(self.email)
        new_hash = email_hash(self.email)
        if self.email_hash and new_hash != self.email_hash:
            # A changed address must not keep working links issued for the old one.
            self.token_key = new_token_key()
        self.email_hash = new_hash
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "email_hash", "token_key"}
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        """True while this person should receive newsletters."""
        return self.status == self.Status.CONFIRMED

    def topic_names(self) -> str:
        """Topic names for the CSV export and the admin listing (prefetch `topics`)."""
        return ", ".join(topic.name for topic in self.topics.all())

    topic_names.short_description = _("Topics")


class SubscriberImport(models.Model):
    """One CSV upload by staff: its consent source, progress and validation report.

    Imports can be large, so the admin upload runs them as a background task and shows progress
    from this row; the consent source is required because imported people did not tick our box.
    The uploaded file is cleared once processed, so it does not outlive an erasure.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    filename = models.CharField(max_length=255, blank=True)
    consent_source = models.TextField(
        help_text=_(
            "How these people gave consent to receive the newsletter (e.g. “Ticked the newsletter "
            "box on the registration form of the 2024 annual conference”)."
        )
    )
    default_language = models.CharField(max_length=8, default=settings.LANGUAGE_CODE)
    topics = models.ManyToManyField(Topic, blank=True, related_name="+")
    csv_text = models.TextField(blank=True, editable=False)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    existing_count = models.PositiveIntegerField(default=0)
    invalid_count = models.PositiveIntegerField(default=0)
    duplicate_count = models.PositiveIntegerField(default=0)
    suppressed_count = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("subscriber import")
        verbose_name_plural = _("subscriber imports")

    def __str__(self) -> str:
        return f"{self.filename or _('Import')} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def percent(self) -> int:
        """Progress for the admin's progress bar."""
        return int(100 * self.processed_rows / self.total_rows) if self.total_rows else 0


class ConsentRecord(models.Model):
    """Proof of one consent: how it was given, the exact text shown, and where from.

    A sign-up creates a record that is unconfirmed until the emailed link is used; the
    confirmation time and IP address complete it. Imports and staff additions create records
    that carry the consent source staff declared.
    """

    class Source(models.TextChoices):
        FORM = "form", _("Sign-up form")
        IMPORT = "import", _("Import")
        ADMIN = "admin", _("Added by staff")
        PREFERENCES = "preferences", _("Preference centre")

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="consents")
    source = models.CharField(max_length=16, choices=Source.choices)
    consent_text = models.TextField(help_text=_("The exact consent statement shown."))
    language = models.CharField(max_length=8)
    topic_keys = models.JSONField(default=list, blank=True)
    topic_names = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    page_url = models.CharField(max_length=500, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmation_ip = models.GenericIPAddressField(null=True, blank=True)
    subscriber_import = models.ForeignKey(
        SubscriberImport, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.created_at:%Y-%m-%d %H:%M}"


class SuppressedAddress(models.Model):
    """An address that must not be mailed or imported again, kept only as a hash.

    Filled by erasure, hard bounces and complaints (the dispatch webhooks call
    `newsletters.audience.suppress_address`). Every audience query excludes these hashes. A new
    sign-up that the person confirms themselves lifts the entry: fresh consent wins.
    """

    class Reason(models.TextChoices):
        ERASED = "erased", _("Erased on request")
        BOUNCED = "bounced", _("Hard bounce")
        COMPLAINED = "complained", _("Spam complaint")
        MANUAL = "manual", _("Blocked by staff")

    email_hash = models.CharField(max_length=64, unique=True)
    reason = models.CharField(max_length=16, choices=Reason.choices)
    created_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppression list")

    def __str__(self) -> str:
        return f"{self.email_hash[:12]}… ({self.get_reason_display()})"


@register_setting(icon="mail")
class NewsletterSettings(BaseSiteSetting):
    """Per-site newsletter options staff control: the privacy notice the consent box links to,
    and the outside addresses test sends may go to."""

    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The privacy notice linked from the consent box of the sign-up form. Its translation "
            "is used where one exists. Leave empty to link a page with the slug “privacy” under "
            "the home page, if there is one."
        ),
    )

    test_recipients = models.TextField(
        blank=True,
        help_text=_(
            "Addresses that may receive test sends besides the verified addresses of staff "
            "accounts, e.g. a colleague without an account. One per line. Only list addresses "
            "you know: a test carries the unpublished draft."
        ),
    )

    panels = [FieldPanel("privacy_page"), FieldPanel("test_recipients")]

    class Meta:
        verbose_name = _("newsletter settings")

    def test_recipient_list(self) -> list[str]:
        """`test_recipients` normalised, one address per item."""
        return [normalize_email(line) for line in self.test_recipients.splitlines() if line.strip()]

    def clean(self) -> None:
        super().clean()
        invalid = [a for a in self.test_recipient_list() if not _is_address(a)]
        if invalid:
            raise ValidationError(
                {
                    "test_recipients": _("Not an e-mail address: %(addresses)s")
                    % {"addresses": ", ".join(invalid)}
                }
            )


def _is_address(value: str) -> bool:
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True
