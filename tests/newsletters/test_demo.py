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
