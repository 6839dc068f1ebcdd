"""The demo shows partner translation as it really is: German and French complete, every other
language's home page, menu sections, menu, footer and a news item translated (Turkish also one
page of each kind), and one page waiting half translated in the German translator's queue."""

import re
from dataclasses import dataclass
from html import unescape
from io import StringIO
from pathlib import Path

from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase, override_settings
from django.utils.html import escape, strip_tags

from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

import pytest

from demo import builders as demo
from demo.lifecycle import CHANGES, PRELAUNCH
from demo.translations import FULL_LANGUAGES
from home.models import FooterText, MainMenu

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class LoadedDemo:
    """What loading the demo left: its media folder (images, documents) and the emails sent,
    including those of the tasks it queued (they run inline in tests)."""

    media: Path
    mails: list


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """The whole demo, loaded once for this module (it takes a while) and rolled back after it,
    so the other tests of this worker keep the database as migrations left it."""
    folder = tmp_path_factory.mktemp("demo")
    original = demo.credentials_path
    demo.credentials_path = lambda: folder / "demo-credentials.txt"
    media = folder / "media"
    with override_settings(MEDIA_ROOT=media), django_db_blocker.unblock(), transaction.atomic():
        mail.outbox.clear()
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("load_demo_content", "--allow-production", stdout=StringIO())
        yield LoadedDemo(media=media, mails=list(mail.outbox))
        transaction.set_rollback(True)
    demo.credentials_path = original


def untranslated(translation: Translation) -> list[str]:
    """Source texts of `translation` that have no string translation in its locale."""
    return [
        segment.string.data
        for segment in StringSegment.objects.filter(source=translation.source).select_related(
            "string"
        )
        if not StringTranslation.objects.filter(
            translation_of_id=segment.string_id,
            context_id=segment.context_id,
            locale=translation.target_locale,
        ).exists()
    ]


@pytest.mark.parametrize("language", FULL_LANGUAGES)
def test_every_live_german_and_french_demo_page_is_completely_translated(demo_site, language):
    locale = Locale.objects.get(language_code=language)
    english = Page.objects.filter(locale__language_code="en", depth__gte=2).live()
    translated = Page.objects.filter(locale=locale).live()
    assert translated.count() == english.count() - 1, "all but the page waiting in the queue"
    # Left unfinished on purpose: the page waiting in the German queue, the page translated
    # before its launch (French half done) and the two sentences changed since translation
    # (`tests/demo/test_lifecycle.py`).
    changed = {new for _old, new in CHANGES.values()}
    incomplete = {
        translation.source.object_repr: [
            text for text in untranslated(translation) if strip_tags(text) not in changed
        ]
        for translation in Translation.objects.filter(target_locale=locale)
        if (locale.language_code != "de" or translation.source.object_repr != waiting_title())
        and translation.source.object_repr != PRELAUNCH["title"]
    }
    assert not {title: texts for title, texts in incomplete.items() if texts}


def waiting_title() -> str:
    return "New webinar series: how PD centres work with their partners"


def test_loading_the_demo_notifies_nobody(demo_site):
    """The demo makes its translations itself, and the page it leaves waiting shows in the German
    translator's queue: neither translators nor staff get an email about any of them."""
    assert [message.subject for message in demo_site.mails] == []


def test_one_page_waits_half_translated_in_the_german_queue(demo_site):
    german = Locale.objects.get(language_code="de")
    [translation] = [
        t
        for t in Translation.objects.filter(target_locale=german, enabled=True)
        if t.source.object_repr == waiting_title()
    ]
    total = StringSegment.objects.filter(source=translation.source).count()
    missing = untranslated(translation)
    assert 0 < len(missing) < total
    draft = translation.get_target_instance()
    assert not draft.live, "visitors keep seeing the English item until it is reviewed"


@pytest.mark.parametrize("language", ["es", "fi", "it", "nl", "tr"])
def test_other_languages_have_home_menu_footer_and_a_news_item(demo_site, client, language):
    locale = Locale.objects.get(language_code=language)
    assert MainMenu.objects.filter(locale=locale).exists()
    assert FooterText.objects.filter(locale=locale, live=True).exists()
    titles = set(Page.objects.filter(locale=locale).live().values_list("title", flat=True))
    english_menu = MainMenu.objects.get(locale__language_code="en")
    menu_pages = {item.link_page.translation_key for item in english_menu.items.all()}
    assert Page.objects.filter(
        locale=locale, translation_key__in=menu_pages, live=True
    ).count() == len(menu_pages)
    news = [
        page
        for page in Page.objects.filter(locale=locale).live().specific()
        if hasattr(page, "lead")
    ]
    assert news, f"no news item in {language}: {sorted(titles)}"
    html = client.get(f"/{language}/").content.decode()
    for page in Page.objects.filter(locale=locale, translation_key__in=menu_pages):
        assert escape(page.title) in html, f"the {language} menu shows {page.title!r}"
    assert "About the network" not in html


@pytest.mark.parametrize("language", FULL_LANGUAGES)
def test_translated_booklets_have_a_cover_with_their_own_title(
    demo_site, client, settings, language
):
    from network.models import BookletPage

    settings.MEDIA_ROOT = demo_site.media
    booklets = BookletPage.objects.filter(locale__language_code=language).live()
    assert booklets.count() >= 5
    for booklet in booklets.select_related("cover_image"):
        english = booklet.get_translation(Locale.objects.get(language_code="en"))
        cover = booklet.cover_image
        assert cover.pk != english.cover_image_id, f"{booklet.title}: the English cover"
        assert cover.title == f"Cover: {booklet.title}"
        assert cover.description == booklet.title, "alt text in the page's language"
        with cover.open_file() as mine, english.cover_image.open_file() as theirs:
            assert mine.read() != theirs.read(), "a cover drawn with the translated title"
        html = client.get(booklet.url).content.decode()
        shown = [rendition for rendition in cover.renditions.all() if rendition.url in html]
        assert shown, "the page shows its own cover"
        assert f'og:image:alt" content="{escape(booklet.title)}"' in html


@pytest.mark.parametrize("language", ["de", "es", "fi", "fr", "it", "nl", "tr"])
def test_index_intros_keep_the_networks_figures_in_every_language(demo_site, language):
    """The partners page counts the network as the home page does and says which partners it
    lists; the issues and publications indexes say why their numbers have gaps, in each language
    the demo has."""
    from network.models import BookletIndexPage, CrossCuttingIssueIndexPage, PartnerIndexPage

    partners = PartnerIndexPage.objects.get(locale__language_code=language, live=True)
    for figure in ("30", "12", "13", "DZLM"):
        assert figure in partners.intro, f"{figure} missing from {partners.intro!r}"
    issues = CrossCuttingIssueIndexPage.objects.get(locale__language_code=language, live=True)
    assert "01, 02" in issues.intro and "06" in issues.intro and "2019" in issues.intro
    publications = BookletIndexPage.objects.get(locale__language_code=language, live=True)
    for number in ("01", "05", "07", "06"):
        assert number in publications.intro, f"{number} missing from {publications.intro!r}"
    assert publications.intro != BookletIndexPage.objects.get(locale__language_code="en").intro


@pytest.mark.parametrize("language", FULL_LANGUAGES)
def test_translated_newsletter_issues_keep_the_month_of_their_address(demo_site, language):
    from django.utils import translation
    from django.utils.dates import MONTHS

    from newsletters.models import NewsletterPage

    issues = NewsletterPage.objects.filter(locale__language_code=language, live=True)
    assert issues.count() == 2
    for issue in issues:
        year, month = (int(part) for part in issue.slug.split("-"))
        with translation.override(language):
            name = str(MONTHS[month])
        assert issue.title.lower().startswith(f"{name} {year}".lower()), issue.title


def _heading(html: str) -> str:
    """The page's main heading as a visitor reads it (no tags, soft hyphens or extra spaces)."""
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    return " ".join(unescape(strip_tags(heading)).replace("\u00ad", "").split())


def test_a_turkish_visitor_sees_one_page_of_each_kind_in_turkish(demo_site, client):
    """Besides the menu's pages, Turkish has one event, booklet, partner and cross-cutting issue
    completely in Turkish, so every kind of page can be seen in the language; the languages
    without those texts keep the English pages."""
    from demo.catalogue import strings_for
    from demo.translations import SHOWCASE

    turkish = Locale.objects.get(language_code="tr")
    words = strings_for("tr")
    for label, slug in SHOWCASE.items():
        english = Page.objects.get(locale__language_code="en", slug=slug).specific
        assert english._meta.label == label
        page = english.get_translation(turkish)
        translation = Translation.objects.get(
            source__object_id=english.translation_key, target_locale=turkish
        )
        assert untranslated(translation) == [], f"{english.title}: English sentences left"
        response = client.get(page.url)
        assert response.status_code == 200
        html = response.content.decode()
        assert '<html lang="tr"' in html
        assert _heading(html).startswith(words[english.title]), _heading(html)
        assert english.title not in _heading(html)
        if label == "events.EventPage":
            assert "<dd>Konferans</dd>" in html, "its category in Turkish too"
        others = Locale.objects.exclude(language_code__in=("en", "tr", *FULL_LANGUAGES))
        assert not english.get_translations().filter(locale__in=others).exists()
