"""Newsletter archive and issue pages: rendering, placement, the archive of sent issues, RSS,
preview modes, and no leaks of drafts or private pages."""

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from newsletters.models import NewsletterIndexPage, NewsletterPage, Send
from tests.factories.home import StandardPageFactory
from tests.factories.newsletters import NewsletterPageFactory

pytestmark = pytest.mark.django_db


def _sent(page) -> Send:
    from django.utils import timezone

    return Send.objects.create(
        page=page, audience_key="all", status=Send.Status.DONE, started_at=timezone.now()
    )


def test_issue_page_renders(client, issue):
    response = client.get(issue.url)
    assert response.status_code == 200
    assert "News from the centres" in response.content.decode()


def test_archive_lists_only_sent_live_public_issues(client, archive, issue):
    unsent = NewsletterPageFactory(parent=archive, title="Not sent yet", slug="unsent")
    private = NewsletterPageFactory(parent=archive, title="Private issue", slug="private")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    draft = NewsletterPageFactory(parent=archive, title="Draft issue", slug="draft")
    draft.unpublish()
    for page in (issue, private, draft):
        _sent(page)
    html = client.get(archive.url).content.decode()
    assert "March issue" in html
    for title in (unsent.title, "Private issue", "Draft issue"):
        assert title not in html


def test_archive_feed_is_rss_of_sent_issues(client, archive, issue):
    _sent(issue)
    response = client.get(archive.url + "feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    body = response.content.decode()
    assert "<title>March issue</title>" in body
    assert "http://testserver/en/newsletter/march/" in body


def test_archive_query_count_is_the_same_for_5_and_50_issues(client, archive):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(archive.url).status_code == 200
        return len(queries)

    for number in range(5):
        _sent(NewsletterPageFactory(parent=archive, slug=f"issue-{number}"))
    count()  # warm the per-process caches (site root paths) first
    five = count()
    for number in range(5, 50):
        _sent(NewsletterPageFactory(parent=archive, slug=f"issue-{number}"))
    count()
    assert count() == five


def test_pages_are_creatable_only_under_their_parents(home_page):
    from tests.factories.newsletters import NewsletterIndexPageFactory

    standard = StandardPageFactory(parent=home_page)
    assert NewsletterIndexPage.can_create_at(home_page)
    assert not NewsletterIndexPage.can_create_at(standard)
    assert not NewsletterPage.can_create_at(home_page)
    archive = NewsletterIndexPageFactory(parent=home_page)
    assert NewsletterPage.can_create_at(archive)
    assert not NewsletterIndexPage.can_create_at(home_page)  # one archive per language


def test_preview_modes_are_web_and_email(admin_client, issue):
    assert [mode for mode, _label in issue.preview_modes] == ["", "email"]
    response = admin_client.get(f"/admin/pages/{issue.pk}/edit/preview/?mode=email")
    assert response.status_code == 200


def test_email_preview_is_table_based_inlined_absolute_and_dark_mode_aware(issue):
    from newsletters.sending.rendering import render_preview

    html = render_preview(issue)
    assert 'role="presentation"' in html
    assert 'style="' in html
    assert "prefers-color-scheme: dark" in html
    assert 'content="light dark"' in html
    assert 'href="/' not in html and 'src="/' not in html


def test_featured_pages_leave_out_drafts_and_private_pages(home_page, archive, locales):
    from newsletters.sending.rendering import render_edition

    public = StandardPageFactory(parent=home_page, title="Public booklet", slug="public")
    hidden = StandardPageFactory(parent=home_page, title="Private booklet", slug="hidden")
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    draft = StandardPageFactory(parent=home_page, title="Draft booklet", slug="draft")
    draft.unpublish()
    issue = NewsletterPageFactory(
        parent=archive,
        slug="cards",
        body=[("featured_pages", {"heading": "Read more", "pages": [public, hidden, draft]})],
    )
    edition = render_edition(issue, "en")
    assert "Public booklet" in edition.html and "Public booklet" in edition.text
    assert "http://testserver/en/public/" in edition.html
    assert "Private booklet" not in edition.html and "Draft booklet" not in edition.html


def test_upcoming_events_come_from_the_registered_listing(home_page, archive):
    from newsletters.sending.rendering import render_edition
    from tests.factories.events import EventIndexPageFactory, EventPageFactory

    events = EventIndexPageFactory(parent=home_page)
    EventPageFactory(parent=events, title="Summer school on inquiry")
    issue = NewsletterPageFactory(
        parent=archive, slug="events", body=[("upcoming_events", {"heading": "", "limit": 3})]
    )
    edition = render_edition(issue, "en")
    assert "Summer school on inquiry" in edition.html
    assert "Upcoming events" in edition.text


def test_images_in_the_email_have_alt_text_and_absolute_urls(archive):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from newsletters.sending.rendering import render_edition

    image = Image.objects.create(title="Workshop", file=get_test_image_file())
    issue = NewsletterPageFactory(parent=archive, slug="image")
    raw = [
        {
            "type": "image",
            "value": {
                "image": {
                    "image": image.pk,
                    "alt_text": "Teachers at a workshop",
                    "decorative": False,
                },
                "caption": "Spring 2030",
            },
        }
    ]
    issue.body = json.dumps(raw)
    issue.save()
    issue = NewsletterPage.objects.get(pk=issue.pk)
    edition = render_edition(issue, "en")
    assert 'alt="Teachers at a workshop"' in edition.html
    assert 'src="http://testserver/' in edition.html
    assert "[Teachers at a workshop]" in edition.text
