"""Every enabled language has a catalogue holding every template string; German and French
visitors get every public template string translated."""

import ast
import re
from pathlib import Path

from django.conf import settings
from django.utils.translation.template import templatize

import polib
import pytest

ROOT = Path(settings.BASE_DIR)
TEMPLATE_ROOTS = [
    ROOT / "site" / "templates",
    *ROOT.glob("*/templates"),
    *ROOT.glob("home/*/templates"),
]
FULLY_TRANSLATED = ("de", "fr")
# Screens only staff see: partners' admin language is not necessarily the site language.
STAFF_ONLY = re.compile(r"/(admin|wagtailadmin|previews)/|_admin|admin_")
LITERAL = r"u?('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")"
CALLS = [
    re.compile(r"\b(?:gettext|gettext_noop|ngettext)\(" + LITERAL),
    re.compile(r"\b(?:pgettext|npgettext)\(u?'(?:[^'\\]|\\.)*',\s*" + LITERAL),
]


def template_files() -> list[Path]:
    return sorted(
        path
        for root in TEMPLATE_ROOTS
        for path in root.rglob("*.html")
        if ".venv" not in path.parts and "node_modules" not in path.parts
    )


def msgids_in(path: Path) -> set[str]:
    """The msgids `makemessages` would extract from one template."""
    source = templatize(path.read_text(), origin=str(path))
    return {ast.literal_eval(literal) for call in CALLS for literal in call.findall(source)}


def catalogue(language: str) -> polib.POFile:
    path = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"no catalogue for {language}: run makemessages -l {language}"
    return polib.pofile(str(path))


TEMPLATE_STRINGS = {path: msgids_in(path) for path in template_files()}
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def test_template_strings_are_found_at_all():
    assert sum(len(ids) for ids in TEMPLATE_STRINGS.values()) > 100


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_template_string_is_in_each_languages_catalogue(language):
    known = {entry.msgid for entry in catalogue(language) if not entry.obsolete}
    missing = sorted(
        f"{path.relative_to(ROOT)}: {msgid!r}"
        for path, msgids in TEMPLATE_STRINGS.items()
        for msgid in msgids - known
    )
    assert not missing, "run makemessages; not in the catalogue:\n" + "\n".join(missing[:40])


@pytest.mark.parametrize("language", FULLY_TRANSLATED)
def test_every_public_template_string_is_translated(language):
    entries = {entry.msgid: entry for entry in catalogue(language) if not entry.obsolete}
    untranslated = sorted(
        f"{path.relative_to(ROOT)}: {msgid!r}"
        for path, msgids in TEMPLATE_STRINGS.items()
        if not STAFF_ONLY.search(str(path.relative_to(ROOT)))
        for msgid in msgids
        if msgid in entries and (not entries[msgid].translated() or "fuzzy" in entries[msgid].flags)
    )
    assert not untranslated, "untranslated:\n" + "\n".join(untranslated[:60])
