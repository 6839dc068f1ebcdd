"""Which language each subscriber of an issue gets, and what staff decided where it has none.

A reader gets the issue in their language when it has a live translation. For each other language
of the audience, staff choose on the send review (`Send.language_plan`): `source` (send it in the
source language), `hold` (nothing yet; a later "send to held" reaches them once the translation is
published) or `skip` (never this issue). The plan is applied when the audience is frozen and by
every follow-up send, against the translations live then. A language the plan does not name is
held: nobody gets a language staff did not agree to, and nobody is lost. An empty plan (the
command line) sends the translation, else the source.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from newsletters.audience.members import audience_for, counts_by_language
from newsletters.models import NewsletterPage, Subscriber, Topic

OWN = "own"
SOURCE = "source"
HOLD = "hold"
SKIP = "skip"
CHOICES = (
    (SOURCE, _("Send the source language")),
    (HOLD, _("Hold until translated")),
    (SKIP, _("Skip for this issue")),
)


def translated_languages(page: NewsletterPage) -> set[str]:
    """Languages with a live version of the issue (its source included)."""
    return set(
        NewsletterPage.objects.live()
        .filter(translation_key=page.translation_key)
        .values_list("locale__language_code", flat=True)
    )


def excluded_languages(page: NewsletterPage, plan: dict[str, str]) -> set[str]:
    """Subscriber languages that get no delivery now under `plan` (held or skipped)."""
    if not plan:
        return set()
    translated = translated_languages(page)
    return {
        code
        for code, _name in settings.LANGUAGES
        if plan.get(code) == SKIP or (code not in translated and plan.get(code) != SOURCE)
    }


@dataclass(frozen=True)
class LanguageRow:
    """One subscriber language of an audience on the send review."""

    code: str
    name: str
    count: int
    translated: bool


def review(page: NewsletterPage, topics: Iterable[Topic]) -> list[LanguageRow]:
    """Recipients per language of `topics`' audience, and whether each has a translation."""
    translated = translated_languages(page)
    names = dict(settings.LANGUAGES)
    counts = counts_by_language(audience_for(list(topics)))
    result = [
        LanguageRow(code, str(names.get(code, code)), count, code in translated)
        for code, count in counts.items()
    ]
    return sorted(result, key=lambda row: (not row.translated, row.name))


def plan_for(rows: Iterable[LanguageRow], choices: dict[str, str]) -> dict[str, str]:
    """The plan a send records: "own" for translated languages, staff's choice for the rest."""
    return {row.code: OWN if row.translated else choices.get(row.code, HOLD) for row in rows}


def held_counts(
    page: NewsletterPage, plan: dict[str, str], waiting: QuerySet[Subscriber]
) -> dict[str, int]:
    """Of `waiting` (a queryset of people without the issue), how many are held, per language:
    their language waits for a translation (excluded, and not skipped)."""
    held = {code for code in excluded_languages(page, plan) if plan.get(code) != SKIP}
    return counts_by_language(waiting.filter(language__in=held)) if held else {}
