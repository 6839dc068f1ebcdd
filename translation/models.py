"""Which Django groups the translation workflow manages, and for which locale.

Group names are for people and may be renamed in the admin; permission checks and notifications
find partner translators through this table instead, so a renamed group keeps working.
"""

from django.db import models
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
