"""axe-core at every impact level (WCAG 2.0-2.2 A/AA) on the pages the layout test does not reach:
the newsletter's public pages (sign-up, confirm, preferences, unsubscribe, archive, issue) and every
admin screen the project adds or changes that staff and partner translators work in (the
translation workflow, the newsletter's audience and sending, the reports, the event import and the
translatable snippets), in English and in German."""

import json

from django.contrib.auth import get_user_model

from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator

import pytest

from newsletters.audience.tokens import confirm_url, preferences_url, unsubscribe_url
from newsletters.models import Subscriber
from tests.e2e.admin_helpers import PASSWORD, signed_in
from tests.e2e.conftest import accessibility_violations
from tests.factories.events import EventCategoryFactory
from tests.factories.network import NewsIndexPageFactory, NewsPageFactory
from tests.factories.newsletters import (
    ConsentRecordFactory,
    NewsletterIndexPageFactory,
    NewsletterPageFactory,
    SubscriberFactory,
    TopicFactory,
)
from tests.translation.conftest import translate_first
from translation.groups import setup_translator_groups
from translation.models import GlossaryTerm

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LANGUAGES = ("en", "de")
WIDTHS = (375, 1280)
# Violations in screens Wagtail and wagtail-localize render, not in our templates: (axe rule,
# fragments every matching element's selector contains, whose code it is). Only these elements
# are left out; any other element breaking the same rule still fails.
UPSTREAM = [
    ("label", [".ui-autocomplete-input"], "Wagtail's tag field: its text input is unlabelled"),
    (
        "label-content-name-mismatch",
        ["a[data-w-tooltip-content-value="],
        "Wagtail's privacy indicator in the editor header (its German tooltip)",
    ),
    ("color-contrast", [".sc-"], "wagtail-localize's translation editor (styled-components)"),
    ("label", [".sc-", '[type="file"]'], "wagtail-localize's PO file upload in its editor"),
    (
        "target-size",
        ["#w-minimap-toggle"],
        "Wagtail's minimap toggle beside a short snippet form on a phone",
    ),
]


def upstream(rule: str, target: str) -> bool:
    """Whether axe's finding on `target` is a known defect of Wagtail or wagtail-localize."""
    return any(
        rule == known and all(fragment in target for fragment in fragments)
        for known, fragments, _whose in UPSTREAM
    )


def translated(page, locale, title: str):
    """`page` translated into `locale` (its ancestors first) and published."""
    translation = page.copy_for_translation(locale, copy_parents=True)
    translation.title = title
    translation.save_revision().publish()
    return translation


@pytest.fixture
def newsletter_pages(home_page, german_home, locales):
    """The archive and one issue in English and German, and one topic per language."""
    archive = NewsletterIndexPageFactory(parent=home_page)
    issue = NewsletterPageFactory(parent=archive, title="Spring issue")
    for code in LANGUAGES:
        TopicFactory(name=f"Network news ({code})", locale=locales[code])
    german_archive = translated(archive, locales["de"], "Newsletter-Archiv")
    german_issue = translated(issue, locales["de"], "Frühjahrsausgabe")
    return {"en": (archive, issue), "de": (german_archive, german_issue)}


def check(page, url: str, name: str, problems: dict, known=None) -> None:
    """Open `url`, run axe at phone and desktop width, and file what it finds under `name`."""
    response = page.goto(url)
    assert response.status == 200, f"{name}: {response.status}"
    check_here(page, name, problems, known)


def submit_and_check(page, name: str, problems: dict) -> None:
    """Press the page's form button and check the answer page (its link works only once)."""
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    check_here(page, name, problems)


def check_here(page, name: str, problems: dict, known=None) -> None:
    """Run axe on the open page at phone and desktop width; file what it finds under `name`."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        found = accessibility_violations(page, known)
        if found:
            problems[f"{name} @{width}px"] = found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_newsletter_page_passes_axe_at_every_impact(
    live_server, page, newsletter_pages, locales, settings, language
):
    settings.NEWSLETTERS = {**settings.NEWSLETTERS, "BASE_URL": live_server.url}
    base = live_server.url
    archive, issue = newsletter_pages[language]
    pending = SubscriberFactory(
        email=f"pending-{language}@example.org",
        language=language,
        status=Subscriber.Status.PENDING,
        confirmed_at=None,
    )
    consent = ConsentRecordFactory(subscriber=pending)
    reader = SubscriberFactory(email=f"reader-{language}@example.org", language=language)
    leaver = SubscriberFactory(email=f"leaver-{language}@example.org", language=language)
    problems: dict = {}

    check(page, f"{base}/{language}/newsletter/subscribe/", "sign-up", problems)
    check(page, f"{base}/{language}/newsletter/subscribe/thanks/", "sign-up thanks", problems)
    check(page, confirm_url(pending, consent.pk), "confirm", problems)
    submit_and_check(page, "confirmed", problems)
    check(page, preferences_url(reader), "preferences", problems)
    submit_and_check(page, "preferences answer", problems)
    check(page, unsubscribe_url(leaver), "unsubscribe", problems)
    submit_and_check(page, "unsubscribed", problems)
    check(page, f"{base}{archive.url}", "archive", problems)
    check(page, f"{base}{issue.url}", "issue", problems)
    assert Subscriber.objects.get(pk=pending.pk).status == Subscriber.Status.CONFIRMED
    assert Subscriber.objects.get(pk=leaver.pk).status == Subscriber.Status.UNSUBSCRIBED
    assert problems == {}, json.dumps(problems, indent=1)


@pytest.fixture
def workplace(home_page, german_home, locales):
    """Communications staff and a German translator, an English news item sent for German
    translation, and a newsletter issue ready to send."""
    report = setup_translator_groups(can_publish=False)
    users = get_user_model().objects
    staff = users.create_user("carla", "carla@example.org", PASSWORD)
    staff.groups.set([report.staff_group])
    translator = users.create_user("anna", "anna@example.org", PASSWORD)
    translator.groups.set([report.translator_groups["de"]])
    news_index = NewsIndexPageFactory(parent=home_page)
    translated(news_index, locales["de"], "Neuigkeiten")
    news = NewsPageFactory(parent=news_index, title="Teachers meet in Turku")
    TranslationCreator(staff, [locales["de"]]).create_translations(news)
    german_news = news.get_translation(locales["de"])
    # A sentence changed since it was translated, and a glossary term in it: the translation
    # editor shows both above wagtail-localize's editor.
    translation = Translation.objects.get(
        target_locale=locales["de"], source__object_id=news.translation_key
    )
    translate_first(translation)
    news.title = "Teachers meet in Turku again"
    news.save_revision().publish()
    translation.source.update_from_db()
    GlossaryTerm.objects.create(
        term="teachers", locale=locales["de"], translation="Lehrkräfte", note="Not „Lehrer“"
    )
    archive = NewsletterIndexPageFactory(parent=home_page)
    issue = NewsletterPageFactory(parent=archive, title="Spring issue")
    reader = SubscriberFactory(email="reader@example.org")
    # A category with its German translation: staff list both, the translator edits hers.
    webinar = EventCategoryFactory(name="Webinar", slug="webinar")
    german_webinar = webinar.copy_for_translation(locales["de"])
    german_webinar.name = "Webinare"
    german_webinar.save()
    snippets = "/admin/snippets"
    return {
        "staff": {
            "dashboard": "/admin/",
            "page editor": f"/admin/pages/{news.pk}/edit/",
            "translation editor": f"/admin/pages/{german_news.pk}/edit/",
            "translation status": "/admin/translation-status/",
            "send newsletter": f"/admin/newsletter/issue/{issue.pk}/send/",
            "newsletter archive listing": f"/admin/pages/{archive.pk}/",
            "glossary": "/admin/snippets/translation_workflow/glossaryterm/",
            "glossary import": "/admin/translation-glossary/import/",
            "publish with translations": f"/admin/translation-launch/{news.pk}/",
            "subscribers": "/admin/newsletter_subscribers/",
            "subscriber": f"/admin/newsletter_subscribers/edit/{reader.pk}/",
            "subscriber import": "/admin/newsletter/import/",
            "suppression list": "/admin/newsletter_suppression/",
            "suppress an address": "/admin/newsletter_suppression/new/",
            "newsletter topics": f"{snippets}/newsletters/topic/",
            "event import": "/admin/events/import/",
            "event categories": f"{snippets}/events/eventcategory/",
            "event category": f"{snippets}/events/eventcategory/edit/{webinar.pk}/",
            "main menus": f"{snippets}/home/mainmenu/",
            "footer texts": f"{snippets}/home/footertext/",
            "people": f"{snippets}/network/person/",
            "news categories": f"{snippets}/network/newscategory/",
            "booklet downloads report": "/admin/reports/booklet-downloads/",
        },
        "translator": {
            "dashboard": "/admin/",
            "their pages": f"/admin/pages/{german_home.pk}/",
            "translation editor": f"/admin/pages/{german_news.pk}/edit/",
            "translation history": f"/admin/pages/{german_news.pk}/history/",
            "translation status": "/admin/translation-status/",
            "their event category": f"{snippets}/events/eventcategory/edit/{german_webinar.pk}/",
        },
        "users": {"staff": staff, "translator": translator},
    }


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("person", ["staff", "translator"])
def test_admin_screens_staff_and_translators_use_pass_axe_at_every_impact(
    live_server, browser, workplace, person, language
):
    user = workplace["users"][person]
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    problems: dict = {}
    with signed_in(browser, live_server.url, user.username) as page:
        for name, path in workplace[person].items():
            check(page, f"{live_server.url}{path}", name, problems, known=upstream)
        assert page.locator("html").get_attribute("lang") == language
    assert problems == {}, json.dumps(problems, indent=1)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_send_review_with_language_choices_and_the_held_readers_pass_axe(
    live_server, browser, workplace, language
):
    """The review of an issue some readers have no translation of: the warning, the choices,
    the error when none is made, and the send screen that lists the readers held."""
    SubscriberFactory(email="leser@example.org", language="de")
    boss = get_user_model().objects.create_superuser("boss", "boss@example.org", PASSWORD)
    profile = UserProfile.get_for_user(boss)
    profile.preferred_language = language
    profile.save()
    problems: dict = {}
    with signed_in(browser, live_server.url, "boss") as page:
        check(page, f"{live_server.url}{workplace['staff']['send newsletter']}", "send", problems)
        with page.expect_navigation():
            page.locator("input[name=action][value=review] ~ button").click()
        assert page.locator("[data-fallback-warning]").count() == 1
        check_here(page, "send review", problems)
        with page.expect_navigation():
            page.locator("input[name=action][value=send] ~ button[type=submit]").click()
        assert page.locator(".error-message").count() == 1
        check_here(page, "send review with an error", problems)
        page.locator("input[name=fallback_de][value=hold]").check()
        with page.expect_navigation():
            page.locator("input[name=action][value=send] ~ button[type=submit]").click()
        assert page.locator("[data-held]").count() == 1
        check_here(page, "send screen with held readers", problems)
    assert problems == {}, json.dumps(problems, indent=1)
