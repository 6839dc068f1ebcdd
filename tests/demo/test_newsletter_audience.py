"""The newsletters demo step builds topics, a privacy notice and subscribers, idempotently."""

from datetime import date
from io import StringIO

from django.core.management.base import OutputWrapper
from django.utils import timezone

import pytest

from demo.builders import DemoContext
from demo.newsletter_audience import build_newsletter_audience, dated_strings
from demo.steps import STEPS
from newsletters.models import ConsentRecord, NewsletterSettings, Subscriber, Topic

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    return {
        "topics": list(Topic.objects.order_by("pk").values_list("pk", "name", "locale_id")),
        "subscribers": list(Subscriber.objects.order_by("pk").values_list("pk", "status")),
        "consents": ConsentRecord.objects.count(),
        "settings": list(NewsletterSettings.objects.values_list("privacy_page_id", flat=True)),
    }


def test_demo_step_runs_after_the_home_step():
    names = list(STEPS)
    assert "newsletters" in names
    assert names.index("home") < names.index("newsletters")


def test_demo_audience_is_built_once_in_several_languages_and_states(home_page, admin_user, client):
    context = DemoContext(stdout=OutputWrapper(StringIO()), user=admin_user)
    build_newsletter_audience(context)
    first = snapshot()
    assert {"Network news", "Events", "Publications", "Veranstaltungen", "Événements"} <= {
        name for _pk, name, _locale in first["topics"]
    }
    assert len({status for _pk, status in first["subscribers"]}) >= 4
    assert Subscriber.objects.values("language").distinct().count() >= 5
    build_newsletter_audience(context)
    assert snapshot() == first
    # The footer's consent box now links to the demo privacy notice.
    assert 'class="nl-privacy" href="/en/privacy/"' in client.get("/en/").content.decode()


def test_demo_archive_has_two_sent_issues_one_in_german(home_page, admin_user, client):
    from newsletters.models import NewsletterIndexPage, NewsletterPage

    context = DemoContext(
        stdout=OutputWrapper(StringIO()), user=admin_user, today=date(2026, 12, 6)
    )
    context.pages["home"] = home_page
    build_newsletter_audience(context)
    build_newsletter_audience(context)  # idempotent
    assert NewsletterIndexPage.objects.filter(locale__language_code="en").count() == 1
    english = NewsletterPage.objects.filter(locale__language_code="en")
    assert english.count() == 2
    german = NewsletterPage.objects.get(locale__language_code="de")
    assert german.title == "Dezember 2026: forschendes Lernen in ganz Europa"
    html = client.get("/en/newsletter/").content.decode()
    assert "September 2026: quality criteria" in html
    assert "December 2026: inquiry-based learning" in html
    assert client.get(german.url).status_code == 200


ENGLISH_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August"]
ENGLISH_MONTHS += ["September", "October", "November", "December"]


@pytest.mark.parametrize("today", [date(2026, 12, 6), date(2027, 1, 2), date(2027, 3, 31)])
def test_each_demo_issue_is_named_and_addressed_for_the_month_it_was_sent(
    home_page, admin_user, today
):
    """Slug, title and send date agree, and the newest issue went out shortly before the load."""
    from newsletters.models import NewsletterPage

    context = DemoContext(stdout=OutputWrapper(StringIO()), user=admin_user, today=today)
    context.pages["home"] = home_page
    build_newsletter_audience(context)
    issues = NewsletterPage.objects.filter(locale__language_code="en")
    sends = []
    for issue in issues:
        sent = timezone.localtime(issue.first_sent_at()).date()
        assert issue.slug == f"{sent:%Y-%m}", issue.title
        assert issue.title.startswith(f"{ENGLISH_MONTHS[sent.month - 1]} {sent.year}: ")
        assert issue.subject.endswith(f"{ENGLISH_MONTHS[sent.month - 1]} {sent.year}")
        sends.append(sent)
    assert max(sends) < today
    assert (today - max(sends)).days <= 31, "the newest issue is recent"


def test_german_issue_titles_name_the_month_in_german():
    strings = dated_strings("de", date(2026, 12, 6))
    assert strings["2026-12"] == "2026-12"
    assert strings["December 2026: inquiry-based learning across Europe"] == (
        "Dezember 2026: forschendes Lernen in ganz Europa"
    )
    french = dated_strings("fr", date(2026, 12, 6))
    assert french["September 2026: quality criteria at work in every partner country"] == (
        "Septembre 2026 : les critères de qualité à l'œuvre dans chaque pays partenaire"
    )


def test_the_issues_an_earlier_demo_dated_years_ahead_are_unpublished(home_page, admin_user):
    from newsletters.models import NewsletterPage
    from tests.factories.newsletters import NewsletterIndexPageFactory, NewsletterPageFactory

    archive = NewsletterIndexPageFactory(parent=home_page, slug="newsletter")
    undated = NewsletterPageFactory(parent=archive, slug="2030-03", title="March")
    undated.save_revision().publish()
    context = DemoContext(stdout=OutputWrapper(StringIO()), user=admin_user)
    context.pages["home"] = home_page
    build_newsletter_audience(context)
    undated.refresh_from_db()
    assert not undated.live
    assert NewsletterPage.objects.live().filter(locale__language_code="en").count() == 2


def test_demo_issue_links_to_all_events_on_the_configured_site_url(home_page, admin_user, settings):
    """ "See all events" is the events page made absolute with the site URL, wherever it runs."""
    from newsletters.models import NewsletterPage
    from newsletters.sending.rendering import render_edition
    from tests.factories.events import EventIndexPageFactory

    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8111"
    context = DemoContext(stdout=OutputWrapper(StringIO()), user=admin_user)
    context.pages.update(home=home_page, events=EventIndexPageFactory(parent=home_page))
    build_newsletter_audience(context)
    issue = NewsletterPage.objects.filter(locale__language_code="en").first()
    edition = render_edition(issue, "en")
    assert 'href="http://127.0.0.1:8111/en/events/"' in edition.html
    assert "See all events" in edition.html
    assert "stem-pd-net.example" not in edition.html


def test_demo_past_issues_show_a_real_history_on_the_send_screen(home_page, admin_user, client):
    from newsletters import sending
    from newsletters.models import NewsletterPage

    context = DemoContext(stdout=OutputWrapper(StringIO()), user=admin_user)
    context.pages["home"] = home_page
    build_newsletter_audience(context)
    client.force_login(admin_user)
    for issue in NewsletterPage.objects.filter(locale__language_code="en"):
        [send] = issue.sends.all()
        state = sending.progress(send)
        assert state.total == send.total > 0
        assert state.sent == state.total and state.percent == 100
        stats = sending.statistics(issue)["all"]
        assert stats["opened"] > 0 and stats["clicked"] > 0 and stats["bounced"] == 1
        html = client.get(f"/admin/newsletter/issue/{issue.pk}/send/").content.decode()
        assert f"Sent: {state.total} of {state.total} recipients sent." in " ".join(html.split())


def test_demo_topics_are_named_in_every_site_language_in_the_footer(
    home_page, admin_user, locales, client, settings
):
    context = DemoContext(stdout=OutputWrapper(StringIO()), user=admin_user)
    build_newsletter_audience(context)
    for code, _name in settings.LANGUAGES:
        assert Topic.objects.filter(locale__language_code=code).count() == 3, code
    finnish_home = home_page.copy_for_translation(locales["fi"])
    finnish_home.save_revision().publish()
    html = client.get(finnish_home.url).content.decode()
    for name in ("Verkoston uutiset", "Tapahtumat", "Julkaisut"):
        assert name in html
    assert "Network news" not in html
