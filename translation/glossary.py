"""The glossary per language (`GlossaryTerm`): its terms in each sentence for the translation
editor, its CSV import, and the terms handed to machine translation with every request."""

import csv
import hashlib
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import transaction
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from wagtail.models import Locale
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.machine_translators.deepl import DeepLTranslator
from wagtail_localize.machine_translators.deepl import language_code as deepl_language
from wagtail_localize.models import StringSegment, Translation

import requests

from translation.models import GlossaryTerm

REQUIRED_COLUMNS = ("term", "language", "translation")
CSV_COLUMNS = (*REQUIRED_COLUMNS, "note")
MAX_IMPORT_BYTES = 1_000_000
MAX_IMPORT_ROWS = 5_000


def glossary_for(locale: Locale) -> list[GlossaryTerm]:
    """The terms with an approved translation into `locale`."""
    return list(GlossaryTerm.objects.filter(locale=locale).select_related("locale"))


def _pattern(term: str) -> re.Pattern:
    return re.compile(r"(?<!\w)" + re.escape(term.strip()) + r"(?!\w)", re.IGNORECASE)


def terms_in(text: str, terms: Iterable[GlossaryTerm]) -> list[GlossaryTerm]:
    """The terms occurring in `text` as whole words, whatever their case."""
    return [term for term in terms if term.term.strip() and _pattern(term.term).search(text)]


@dataclass(frozen=True)
class SentenceTerms:
    """One sentence of the source and the glossary terms it contains."""

    segment_id: int
    text: str
    terms: list[GlossaryTerm] = field(default_factory=list)


def terms_by_sentence(translation: Translation) -> list[SentenceTerms]:
    """For each sentence of the source that contains glossary terms: the sentence and its terms."""
    terms = glossary_for(translation.target_locale)
    if not terms:
        return []
    found = []
    for segment in (
        StringSegment.objects.filter(source_id=translation.source_id)
        .exclude(context__path="slug")  # an address, not a sentence
        .select_related("string")
        .order_by("order")
    ):
        text = strip_tags(segment.string.data)
        matches = terms_in(text, terms)
        if matches:
            found.append(SentenceTerms(segment.pk, text, matches))
    return found


# --- CSV --------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    """What an import found: the rows to store, or the errors that stopped it."""

    rows: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0


def read_csv(data: bytes) -> ImportResult:
    """Check a glossary CSV (columns `term,language,translation,note`) without storing it.

    Every problem is reported with its line, in the user's language; a file with any error
    stores nothing, so a half-imported glossary never replaces a good one.
    """
    result = ImportResult()
    if len(data) > MAX_IMPORT_BYTES:
        result.errors.append(_("The file is larger than 1 MB."))
        return result
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        result.errors.append(_("The file is not UTF-8 text: save it as “CSV UTF-8”."))
        return result
    if "\x00" in text:
        result.errors.append(_("The file contains binary data, not CSV text."))
        return result
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        result.errors.append(
            _(
                "The first line must name the columns term, language, translation and note; "
                "missing: %(columns)s."
            )
            % {"columns": ", ".join(missing)}
        )
        return result
    reader.fieldnames = header
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    seen: dict[tuple[str, str], int] = {}
    try:
        for number, row in enumerate(reader, start=2):
            if number - 1 > MAX_IMPORT_ROWS:
                result.errors.append(
                    _("The file has more than %(count)s terms.") % {"count": MAX_IMPORT_ROWS}
                )
                break
            _check_row(row, number, locales, seen, result)
    except csv.Error as error:
        result.errors.append(
            _("Line %(line)s is not valid CSV: %(error)s")
            % {"line": reader.line_num, "error": error}
        )
    if result.errors:
        result.rows = []
    return result


def _check_row(row: dict, number: int, locales: dict, seen: dict, result: ImportResult) -> None:
    if None in row:
        result.errors.append(
            _("Line %(line)s has more columns than the header.") % {"line": number}
        )
        return
    values = {name: (row.get(name) or "").strip() for name in CSV_COLUMNS}
    if not any(values.values()):
        return  # blank line
    problems = []
    for name in REQUIRED_COLUMNS:
        if not values[name]:
            problems.append(_("%(column)s is empty") % {"column": name})
        elif any(char in values[name] for char in "\r\n\t"):
            problems.append(_("%(column)s contains a line break or tab") % {"column": name})
    for name in ("term", "translation"):
        if len(values[name]) > 200:
            problems.append(_("%(column)s is longer than 200 characters") % {"column": name})
    locale = locales.get(values["language"])
    if values["language"] and locale is None:
        problems.append(
            _("“%(code)s” is not one of the site's languages") % {"code": values["language"][:20]}
        )
    key = (values["term"].lower(), values["language"])
    if not problems and key in seen:
        problems.append(_("the same term and language as line %(line)s") % {"line": seen[key]})
    if problems:
        result.errors.append(
            _("Line %(line)s: %(problems)s.") % {"line": number, "problems": "; ".join(problems)}
        )
        return
    seen[key] = number
    result.rows.append({**values, "locale": locale})


@transaction.atomic
def store(result: ImportResult) -> ImportResult:
    """Add the checked rows, updating terms already there (matched by term and language)."""
    for row in result.rows:
        existing = GlossaryTerm.objects.filter(
            term__iexact=row["term"], locale=row["locale"]
        ).first()
        if existing is None:
            GlossaryTerm.objects.create(
                term=row["term"],
                locale=row["locale"],
                translation=row["translation"],
                note=row["note"],
            )
            result.created += 1
        elif (existing.translation, existing.note) != (row["translation"], row["note"]):
            existing.translation, existing.note = row["translation"], row["note"]
            existing.save(update_fields=["translation", "note"])
            result.updated += 1
    return result


# --- Machine translation ----------------------------------------------------------------------


class GlossaryMachineTranslator(BaseMachineTranslator):
    """A machine translator that is given the target language's glossary with every request.

    Set as `WAGTAILLOCALIZE_MACHINE_TRANSLATOR["CLASS"]` (a subclass implementing
    `translate_with_glossary`); wagtail-localize's "Translate with machine" calls `translate`.
    """

    def translate(self, source_locale, target_locale, strings):
        glossary = {term.term: term.translation for term in glossary_for(target_locale)}
        return self.translate_with_glossary(source_locale, target_locale, strings, glossary)

    def translate_with_glossary(self, source_locale, target_locale, strings, glossary: dict):
        raise NotImplementedError


class DeepLGlossaryTranslator(GlossaryMachineTranslator, DeepLTranslator):
    """wagtail-localize's DeepL translator, given the target language's glossary.

    DeepL applies a glossary it stores under an id: one is created per language pair and
    glossary content, remembered in the cache, and named in each request (`GLOSSARY_IDS`,
    wagtail-localize's own option for it).
    """

    def translate_with_glossary(self, source_locale, target_locale, strings, glossary: dict):
        if glossary:
            pair = (
                deepl_language(source_locale.language_code),
                deepl_language(target_locale.language_code, is_target=True),
            )
            glossary_id = self._glossary_id(pair, glossary)
            ids = {**self.options.get("GLOSSARY_IDS", {}), pair: glossary_id}
            self.options = {**self.options, "GLOSSARY_IDS": ids}
        return DeepLTranslator.translate(self, source_locale, target_locale, strings)

    def _glossary_id(self, pair: tuple[str, str], glossary: dict) -> str:
        entries = "\n".join(f"{term}\t{approved}" for term, approved in sorted(glossary.items()))
        digest = hashlib.sha256(f"{pair}{entries}".encode()).hexdigest()[:32]
        key = f"deepl-glossary:{digest}"
        glossary_id = cache.get(key)
        if glossary_id is None:
            response = requests.post(
                self.get_api_endpoint().removesuffix("/translate") + "/glossaries",
                {
                    "name": f"stempd-{pair[0]}-{pair[1]}-{digest[:8]}",
                    "source_lang": pair[0],
                    "target_lang": pair[1],
                    "entries": entries,
                    "entries_format": "tsv",
                },
                timeout=int(self.options.get("TIMEOUT", 30)),
                headers=self.get_headers(),
            )
            response.raise_for_status()
            glossary_id = response.json()["glossary_id"]
            cache.set(key, glossary_id, timeout=None)
        return glossary_id
