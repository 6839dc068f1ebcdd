"""Countries an event can take place in: ISO 3166-1 alpha-2 codes, named by django-countries.

The network's members are European; the list covers Europe and its neighbours, plus Kosovo
(`XK`, not in ISO 3166-1) and an entry for elsewhere (`ZZ`). Names come translated from
django-countries. Choices are a callable so that extending the list needs no migration.
"""

from django.utils.translation import gettext_lazy as _

from django_countries import Countries


class EventCountries(Countries):
    """django-countries' names, restricted to the countries events can be in."""

    only = [
        *("AL", "AT", "BA", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR"),
        *("GB", "GE", "GR", "HR", "HU", "IE", "IS", "IT", "LI", "LT", "LU", "LV", "MD", "ME"),
        *("MK", "MT", "NL", "NO", "PL", "PT", "RO", "RS", "SE", "SI", "SK", "TR", "UA"),
        ("XK", _("Kosovo")),
        ("ZZ", _("Outside Europe")),
    ]


countries = EventCountries()


def country_choices() -> list[tuple[str, str]]:
    """The country drop-down, sorted by name in the active language, "elsewhere" last."""
    choices = [(country.code, country.name) for country in countries]
    return sorted(choices, key=lambda choice: choice[0] == "ZZ")


def country_name(code: str) -> str:
    """The translated name of `code`, or an empty string for none or an unknown code."""
    return str(countries.name(code)) if code in countries else ""
