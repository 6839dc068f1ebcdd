"""Which Django groups the translation workflow manages, and for which locale.

Group names are for people and may be renamed in the admin; permission checks and notifications
find partner translators through this table instead, so a renamed group keeps working.
"""

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class TranslationGroup(models.Model):
    """Marks a group as one locale's partner translators, or as the communications staff."""

    class Role(models.TextChoices):
        TRANSLATORS = "translators", _("Translators")
        STAFF = "staff", _("Communications staff")

    group = models.OneToOneField(
        "auth.Group", on_delete=models.CASCADE, related_name="translation_role"
    )
    role = models.CharField(max_length=12, choices=Role.choices)
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The language these translators work in (empty for staff)."),
    )

    class Meta:
        verbose_name = _("translation group")
        verbose_name_plural = _("translation groups")
        constraints = [
            models.UniqueConstraint(
                fields=["role", "locale"],
                condition=models.Q(role="translators"),
                name="one_translator_group_per_locale",
            ),
            models.UniqueConstraint(
                fields=["role"], condition=models.Q(role="staff"), name="one_staff_group"
            ),
        ]

    def __str__(self) -> str:
        return str(self.group)


class GlossaryTerm(models.Model):
    """A term partners translate the same way on every page ("PD centre", "multiplier event"),
    with its approved translation into one language; staff keep it, translators and machine
    translation are shown it (`glossary`)."""

    term = models.CharField(
        _("term"), max_length=200, help_text=_("The term as written in the original (English).")
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("language"),
        help_text=_("The language of the approved translation."),
    )
    translation = models.CharField(
        _("approved translation"),
        max_length=200,
        help_text=_("How partners translate the term in this language, on every page."),
    )
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_("When to use it, what to avoid, or where the term comes from (optional)."),
    )

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary")
        ordering = ["term", "locale__language_code"]
        constraints = [
            models.UniqueConstraint(Lower("term"), "locale", name="one_glossary_entry_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.term} → {self.translation} ({self.locale.language_code})"

    @property
    def language_code(self) -> str:
        """The language's code, as the CSV import and export write it."""
        return self.locale.language_code
