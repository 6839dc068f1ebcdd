"""Countries an event can take place in: ISO 3166-1 alpha-2 codes with translatable names.

The network's members are European; the list covers Europe and its neighbours, plus an entry for
elsewhere. Choices are a callable so that extending the list needs no migration.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

COUNTRIES: dict[str, Promise] = {
    "AL": _("Albania"),
    "AT": _("Austria"),
    "BA": _("Bosnia and Herzegovina"),
    "BE": _("Belgium"),
    "BG": _("Bulgaria"),
    "CH": _("Switzerland"),
    "CY": _("Cyprus"),
    "CZ": _("Czechia"),
    "DE": _("Germany"),
    "DK": _("Denmark"),
    "EE": _("Estonia"),
    "ES": _("Spain"),
    "FI": _("Finland"),
    "FR": _("France"),
    "GB": _("United Kingdom"),
    "GE": _("Georgia"),
    "GR": _("Greece"),
    "HR": _("Croatia"),
    "HU": _("Hungary"),
    "IE": _("Ireland"),
    "IS": _("Iceland"),
    "IT": _("Italy"),
    "LI": _("Liechtenstein"),
    "LT": _("Lithuania"),
    "LU": _("Luxembourg"),
    "LV": _("Latvia"),
    "MD": _("Moldova"),
    "ME": _("Montenegro"),
    "MK": _("North Macedonia"),
    "MT": _("Malta"),
    "NL": _("Netherlands"),
    "NO": _("Norway"),
    "PL": _("Poland"),
    "PT": _("Portugal"),
    "RO": _("Romania"),
    "RS": _("Serbia"),
    "SE": _("Sweden"),
    "SI": _("Slovenia"),
    "SK": _("Slovakia"),
    "TR": _("Türkiye"),
    "UA": _("Ukraine"),
    "XK": _("Kosovo"),
    "ZZ": _("Outside Europe"),
}


def country_choices() -> list[tuple[str, Promise]]:
    """The country drop-down, in code order (names differ per admin language)."""
    return list(COUNTRIES.items())


def country_name(code: str) -> str:
    """The translated name of `code`, or an empty string for none or an unknown code."""
    name = COUNTRIES.get(code or "")
    return str(name) if name is not None else ""
