"""Every enabled language has a complete catalogue: every string of the templates and the Python
code is in it, translated, not fuzzy, with the msgid's placeholders and every plural form."""

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


def python_files() -> list[Path]:
    return sorted(
        path
        for app in ("site", "home", "network", "events", "newsletters")
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
    )


GETTEXT_FUNCTIONS = {"_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy"}
CONTEXT_FUNCTIONS = {"pgettext", "pgettext_lazy", "npgettext", "npgettext_lazy"}


def python_msgids(path: Path) -> set[str]:
    """Literal msgids of gettext-style calls, read from the syntax tree as `makemessages` would."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        position = 0 if name in GETTEXT_FUNCTIONS else 1 if name in CONTEXT_FUNCTIONS else None
        if position is None or len(node.args) <= position:
            continue
        argument = node.args[position]
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
            found.add(argument.value)
    return found


PYTHON_STRINGS = {path: python_msgids(path) for path in python_files()}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|%[sdif]|\{\w*\}")


def test_python_strings_are_found_at_all():
    assert sum(len(ids) for ids in PYTHON_STRINGS.values()) > 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_python_string_is_in_each_languages_catalogue(language):
    known = {entry.msgid for entry in catalogue(language) if not entry.obsolete}
    missing = sorted(
        f"{path.relative_to(ROOT)}: {msgid!r}"
        for path, msgids in PYTHON_STRINGS.items()
        for msgid in msgids - known
        if msgid.strip()
    )
    assert not missing, "run makemessages; not in the catalogue:\n" + "\n".join(missing[:40])


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_catalogue_entry_is_translated_and_not_fuzzy(language):
    problems = []
    for entry in catalogue(language):
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r}")
        elif entry.msgid_plural:
            if len(entry.msgstr_plural) < 2 or not all(entry.msgstr_plural.values()):
                problems.append(f"missing plural form: {entry.msgid!r}")
        elif not entry.msgstr:
            problems.append(f"empty: {entry.msgid!r}")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:60])


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_msgids_placeholders(language):
    def names(text: str) -> list[str]:
        return sorted(PLACEHOLDER.findall(text))

    problems = []
    for entry in catalogue(language):
        if entry.obsolete:
            continue
        pairs = (
            [(entry.msgid_plural, text) for text in entry.msgstr_plural.values()]
            if entry.msgid_plural
            else [(entry.msgid, entry.msgstr)]
        )
        problems += [
            f"{entry.msgid!r} → {text!r}"
            for source, text in pairs
            if text and names(source) != names(text)
        ]
    assert not problems, "placeholders differ:\n" + "\n".join(problems[:40])


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
