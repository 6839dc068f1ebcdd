"""The whole-page cache: anonymous visitors get stored pages, nobody ever gets a stale or
personal one (publishing, languages, editors, previews, private sections, query strings), a
cache outage only costs speed, and the frontend-cache purge runs in the background."""

import http.server
import threading

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from tests.committing import COMMITS
from tests.factories.home import StandardPageFactory
from tests.ports import free_port
from tests.site.test_cache_outage import FAST

pytestmark = pytest.mark.django_db

CACHE = "X-Page-Cache"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture
def about(home_page):
    return StandardPageFactory(parent=home_page, slug="about", title="About the network")


def test_a_second_anonymous_visit_is_served_from_the_cache_without_queries(client, about):
    first = client.get("/en/about/")
    assert first.status_code == 200
    assert first[CACHE] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/en/about/")
    assert second[CACHE] == "hit"
    assert len(queries) == 0
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "nonce-" not in second["Content-Security-Policy"]


def test_head_is_answered_from_the_stored_page(client, about):
    client.get("/en/about/")
    assert client.head("/en/about/")[CACHE] == "hit"


def test_publishing_shows_the_change_on_the_next_request(client, about):
    assert b"About the network" in client.get("/en/about/").content
    about.title = "About STEM PD Net"
    about.save_revision().publish()
    response = client.get("/en/about/")
    assert response[CACHE] == "miss"
    assert b"About STEM PD Net" in response.content
    assert b"About the network" not in response.content


def test_unpublished_pages_leave_the_cache_at_once(client, about):
    client.get("/en/about/")
    about.unpublish()
    assert client.get("/en/about/").status_code == 404


def test_each_language_has_its_own_copy(client, home_page, german_home):
    english = client.get("/en/")
    german = client.get("/de/")
    assert english[CACHE] == german[CACHE] == "miss"
    assert client.get("/de/")[CACHE] == "hit"
    assert '<html lang="de"' in client.get("/de/").content.decode()
    assert '<html lang="en"' in client.get("/en/").content.decode()


def test_the_language_negotiating_root_is_never_stored(client, home_page, german_home):
    assert client.get("/", headers={"accept-language": "de"})["Location"].startswith("/de/")
    assert client.get("/", headers={"accept-language": "en"})["Location"].startswith("/en/")


def test_signed_in_editors_see_live_pages_and_store_nothing(client, admin_user, about):
    client.force_login(admin_user)
    as_editor = client.get("/en/about/")
    assert as_editor.status_code == 200
    assert CACHE not in as_editor
    client.logout()
    client.cookies.clear()
    as_visitor = client.get("/en/about/")
    assert as_visitor[CACHE] == "miss"  # the editor's page (with the user bar) was not stored
    assert b"wagtail-userbar" not in as_visitor.content


def test_a_draft_previewed_by_an_editor_never_reaches_visitors(client, admin_user, about):
    client.get("/en/about/")
    about.title = "Secret draft title"
    about.save_revision()  # a draft, not published
    client.force_login(admin_user)
    preview = client.get(f"/admin/pages/{about.pk}/edit/preview/")
    assert preview.status_code in (200, 302)
    client.logout()
    client.cookies.clear()
    visitor = client.get("/en/about/")
    assert b"Secret draft title" not in visitor.content
    assert b"About the network" in visitor.content


def test_pages_in_private_sections_are_never_stored(client, about):
    restriction = PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    response = client.get("/en/about/")
    assert CACHE not in response
    assert b"About the network" not in response.content or b"password" in response.content
    restriction.delete()
    assert client.get("/en/about/")[CACHE] == "miss"


def test_a_cached_page_made_private_is_no_longer_served(client, about):
    assert client.get("/en/about/")[CACHE] == "miss"
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/en/about/")
    assert response.status_code == 302
    assert "/login" in response["Location"] or "/admin/login" in response["Location"]


def test_query_strings_bypass_the_cache_but_tracking_parameters_do_not(client, about):
    client.get("/en/about/")
    assert CACHE not in client.get("/en/about/?page=2")
    assert CACHE not in client.get("/en/about/?q=%3Cscript%3E")
    assert client.get("/en/about/?utm_source=newsletter&utm_medium=email")[CACHE] == "hit"


def test_form_posts_are_never_cached(client, about):
    client.get("/en/about/")
    response = client.post("/en/about/", {"x": "1"})
    assert CACHE not in response


def test_missing_pages_and_bad_hosts_are_not_stored_and_do_not_fail(client, home_page):
    assert client.get("/en/no-such-page/").status_code == 404
    assert CACHE not in client.get("/en/no-such-page/")
    assert client.get("/en/", headers={"host": "evil.example"}).status_code == 400


def test_the_cache_can_be_switched_off(client, settings, about):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/en/about/")
    assert CACHE not in client.get("/en/about/")


def test_pages_are_served_while_the_cache_is_down(client, settings, about):
    settings.CACHES = {
        "default": {
            "BACKEND": "stempd.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": FAST,
        }
    }
    for _ in range(2):
        response = client.get("/en/about/")
        assert response.status_code == 200
        assert b"About the network" in response.content
        assert CACHE not in response


class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    """A loopback reverse proxy's purge endpoint: records every PURGE it receives."""

    received: list[str] = []

    def do_PURGE(self):
        self.received.append(f"{self.headers['Host']}{self.path}")
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_server():
    PurgeRecorder.received = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()


@COMMITS
def test_publishing_queues_the_frontend_purge_for_the_worker(settings, purge_server, about):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    host, port = purge_server.server_address
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://{host}:{port}",
        }
    }
    news = StandardPageFactory(parent=about, slug="update", title="Update")
    DBTaskResult.objects.all().delete()
    news.title = "Update, revised"
    news.save_revision().publish()
    assert PurgeRecorder.received == []  # nothing purged inside the publish request
    assert DBTaskResult.objects.filter(status="READY").exists()

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    purged = set(PurgeRecorder.received)
    assert "testserver/en/about/update/" in purged  # the page itself
    assert "testserver/en/about/" in purged  # the index listing it
    assert "testserver/en/" in purged  # the home page
