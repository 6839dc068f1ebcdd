"""The glossary per language: staff keep it (CSV in and out, bad files refused whole),
translators see the terms of the sentences they translate, and machine translation gets it."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail_localize.models import StringTranslation
from wagtail_localize.strings import StringValue

import pytest

from tests.factories.home import StandardPageFactory
from tests.translation.conftest import start_translation
from translation.glossary import GlossaryMachineTranslator, terms_in
from translation.groups import setup_translator_groups
from translation.models import GlossaryTerm

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/translation-glossary/import/"
LIST_URL = "/admin/snippets/translation_workflow/glossaryterm/"


@pytest.fixture
def people(home_page, german_home, make_user):
    groups = setup_translator_groups()
    return {
        "anna": make_user("anna", groups.translator_groups["de"]),
        "carla": make_user("carla", groups.staff_group),
    }


@pytest.fixture
def glossary(locales):
    return [
        GlossaryTerm.objects.create(
            term="PD centre",
            locale=locales["de"],
            translation="Fortbildungszentrum",
            note="Never 'PD-Zentrum'",
        ),
        GlossaryTerm.objects.create(
            term="multiplier event",
            locale=locales["de"],
            translation="Multiplikatorenveranstaltung",
        ),
        GlossaryTerm.objects.create(
            term="PD centre", locale=locales["fr"], translation="centre de formation continue"
        ),
    ]


def upload(client, content: bytes):
    return client.post(IMPORT_URL, {"csv_file": SimpleUploadedFile("g.csv", content, "text/csv")})


def test_terms_match_whole_words_whatever_their_case(glossary):
    german = [term for term in glossary if term.locale.language_code == "de"]
    assert [t.translation for t in terms_in("Our pd Centre opens", german)] == [
        "Fortbildungszentrum"
    ]
    assert terms_in("PD centres and multiplier eventful days", german) == []


def test_the_translator_sees_the_terms_of_the_sentences_in_their_language(
    client, home_page, locales, people, glossary
):
    page = StandardPageFactory(
        parent=home_page, title="Our PD centre", slug="centre", intro="A day without terms"
    )
    GlossaryTerm.objects.create(term="centre", locale=locales["de"], translation="Zentrum")
    start_translation(page, locales["de"])
    german = page.get_translation(locales["de"])
    client.force_login(people["anna"])
    html = client.get(reverse("wagtailadmin_pages:edit", args=[german.pk])).content.decode()
    assert 'data-glossary-sentences="1"' in html  # the title; not the slug "centre"
    assert "Fortbildungszentrum" in html
    assert "Never &#x27;PD-Zentrum&#x27;" in html
    assert "centre de formation continue" not in html  # the French entry
    assert "Multiplikatorenveranstaltung" not in html  # not in any sentence


def test_translators_may_not_open_or_change_the_glossary(client, people, glossary):
    client.force_login(people["anna"])
    assert client.get(LIST_URL).status_code == 403
    assert client.get(f"{LIST_URL}edit/{glossary[0].pk}/").status_code == 403
    response = upload(client, b"term,language,translation,note\nPD centre,de,Hacked,\n")
    assert response.status_code == 403
    assert GlossaryTerm.objects.get(pk=glossary[0].pk).translation == "Fortbildungszentrum"


def test_staff_import_adds_and_updates_terms(client, people, glossary):
    client.force_login(people["carla"])
    assert "Import CSV" in client.get(LIST_URL).content.decode()
    content = (
        "\ufeffterm,language,translation,note\n"
        "pd centre,de,MINT-Fortbildungszentrum,updated\n"
        "cross-cutting issue,fr,question transversale,\n"
    ).encode()
    response = upload(client, content)
    assert response.status_code == 302
    assert GlossaryTerm.objects.get(pk=glossary[0].pk).translation == "MINT-Fortbildungszentrum"
    assert GlossaryTerm.objects.filter(
        term="cross-cutting issue", locale__language_code="fr"
    ).exists()
    assert GlossaryTerm.objects.count() == 4


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe\x00t\x00e", "not UTF-8"),
        (b"term,language,translation\nPD\x00centre,de,x\n", "binary data"),
        (b"word,lang\nPD centre,de\n", "missing: term, language, translation"),
        (b"term,language,translation,note\nPD centre,xx,Hacked,\n", "is not one of the site"),
        (b"term,language,translation,note\nPD centre,de,,\n", "translation is empty"),
        (b"term,language,translation,note\nPD centre,de," + b"x" * 201 + b",\n", "longer than 200"),
        (b"term,language,translation,note\nA,de,B,,extra\n", "more columns than the header"),
        (
            b"term,language,translation,note\nPD centre,de,Hacked,\npd centre,de,Again,\n",
            "same term and language as line 2",
        ),
        (b'term,language,translation,note\n"PD centre,de,Hacked\n', "not valid CSV"),
    ],
)
def test_a_bad_file_is_refused_whole_with_a_clear_error(client, people, glossary, content, message):
    client.force_login(people["carla"])
    good_line = b"multiplier event,de,Neu,\n"
    response = upload(client, content + (b"" if b"\x00" in content else good_line))
    assert response.status_code == 200
    assert message in response.content.decode()
    # Nothing stored, nothing lost.
    assert sorted(GlossaryTerm.objects.values_list("translation", flat=True)) == sorted(
        term.translation for term in glossary
    )


def test_a_huge_file_is_refused(client, people):
    client.force_login(people["carla"])
    response = upload(client, b"term,language,translation,note\n" + b"a,de,b,\n" * 200_000)
    assert response.status_code == 200
    assert "larger than 1 MB" in response.content.decode()
    assert not GlossaryTerm.objects.exists()


def test_the_csv_export_reads_back_as_an_import(client, people, glossary):
    client.force_login(people["carla"])
    response = client.get(LIST_URL, {"export": "csv"})
    assert response.status_code == 200
    exported = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(csv.DictReader(io.StringIO(exported.decode("utf-8-sig"))))
    assert set(rows[0]) == {"term", "language", "translation", "note"}
    assert {(row["term"], row["language"]) for row in rows} == {
        ("PD centre", "de"),
        ("multiplier event", "de"),
        ("PD centre", "fr"),
    }
    GlossaryTerm.objects.all().delete()
    assert upload(client, exported).status_code == 302
    assert GlossaryTerm.objects.count() == 3


class GlossaryEcho(GlossaryMachineTranslator):
    """An in-process machine translator: upper-cases the text and puts each glossary term's
    approved translation in place, so a test can see that it was given the glossary."""

    display_name = "Glossary echo"
    received: dict = {}

    def can_translate(self, source_locale, target_locale):
        return True

    def translate_with_glossary(self, source_locale, target_locale, strings, glossary):
        GlossaryEcho.received = glossary
        translated = {}
        for string in strings:
            text = string.data
            for term, approved in glossary.items():
                text = text.replace(term, approved)
            translated[string] = StringValue(text.upper())
        return translated


def test_machine_translation_is_given_the_languages_glossary(
    client, settings, home_page, locales, people, glossary
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "tests.translation.test_glossary.GlossaryEcho",
        "OPTIONS": {},
    }
    page = StandardPageFactory(parent=home_page, title="Our PD centre", slug="centre", intro="Hi")
    translation = start_translation(page, locales["de"])
    client.force_login(people["anna"])
    response = client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.pk]), {"next": "/admin/"}
    )
    assert response.status_code == 302
    assert GlossaryEcho.received == {
        "PD centre": "Fortbildungszentrum",
        "multiplier event": "Multiplikatorenveranstaltung",
    }
    assert StringTranslation.objects.filter(
        locale=locales["de"], data="OUR FORTBILDUNGSZENTRUM"
    ).exists()


def test_deepl_is_given_the_glossary_of_the_target_language(
    fake_deepl, settings, client, home_page, locales, people, glossary
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "translation.glossary.DeepLGlossaryTranslator",
        "OPTIONS": {"AUTH_KEY": "test-key"},
    }
    page = StandardPageFactory(parent=home_page, title="Our PD centre", slug="centre", intro="Hi")
    translation = start_translation(page, locales["de"])
    client.force_login(people["anna"])
    url = reverse("wagtail_localize:machine_translate", args=[translation.pk])
    for _attempt in range(2):
        assert client.post(url, {"next": "/admin/"}).status_code == 302
        StringTranslation.objects.filter(locale=locales["de"]).delete()
    (create, _path), *translate_calls = [(r["form"], r["path"]) for r in fake_deepl]
    assert create["entries"] == [
        "PD centre\tFortbildungszentrum\nmultiplier event\tMultiplikatorenveranstaltung"
    ]
    assert (create["source_lang"], create["target_lang"]) == (["EN"], ["DE"])
    assert len(translate_calls) == 2  # the glossary is created once, then reused
    assert all(form["glossary_id"] == ["glossary-1"] for form, _path in translate_calls)
