"""Model fields and choices of event pages: the editor's time zones and the weekday set."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from events import zones
from events.recurrence import WEEKDAY_CODES


def time_zone_choices() -> list[tuple]:
    """The editor's drop-down, Europe's zones first (callable: no migrations when zones change)."""
    return zones.time_zone_choices()


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

    def deconstruct(self):
        """Migrations name the field by its public path, wherever its code lives."""
        name, _path, args, kwargs = super().deconstruct()
        return name, "events.models.WeekdaysField", args, kwargs

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
