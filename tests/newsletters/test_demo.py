"""The newsletters demo step builds topics, a privacy notice and subscribers, idempotently."""

from io import StringIO

from django.core.management.base import OutputWrapper

import pytest

from home.demo import DemoContext
from home.registry import get_demo_steps
from newsletters.demo import build_newsletter_audience
from newsletters.models import ConsentRecord, NewsletterSettings, Subscriber, Topic

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    return {
        "topics": list(Topic.objects.order_by("pk").values_list("pk", "name", "locale_id")),
        "subscribers": list(Subscriber.objects.order_by("pk").values_list("pk", "status")),
        "consents": ConsentRecord.objects.count(),
        "settings": list(NewsletterSettings.objects.values_list("privacy_page_id", flat=True)),
    }


def test_demo_step_is_registered_after_the_home_step():
    names = [step.name for step in get_demo_steps()]
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

    context = DemoContext(stdout=OutputWrapper(StringIO()), user=admin_user)
    context.pages["home"] = home_page
    build_newsletter_audience(context)
    build_newsletter_audience(context)  # idempotent
    assert NewsletterIndexPage.objects.filter(locale__language_code="en").count() == 1
    english = NewsletterPage.objects.filter(locale__language_code="en")
    assert english.count() == 2
    german = NewsletterPage.objects.get(locale__language_code="de")
    assert german.title == "März: forschendes Lernen in ganz Europa"
    html = client.get("/en/newsletter/").content.decode()
    assert "January: a year" in html and "March: inquiry" in html
    assert client.get(german.url).status_code == 200
