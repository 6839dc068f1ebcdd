"""The frontend cache gets the same tags as ours: stored pages name them in `xkey` /
`Surrogate-Key` (or Cloudflare's `Cache-Tag`), and a change purges exactly its tags."""

import http.server
import threading

import pytest

from tests.factories.home import StandardPageFactory

pytestmark = pytest.mark.django_db


class XkeyRecorder(http.server.BaseHTTPRequestHandler):
    """A loopback Varnish: records the `xkey-purge` header of every PURGE it receives."""

    purged: list[set[str]] = []

    def do_PURGE(self):
        if self.headers.get("xkey-purge"):
            self.purged.append(set(self.headers["xkey-purge"].split()))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def varnish(settings):
    XkeyRecorder.purged = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), XkeyRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address
    settings.PAGE_CACHE_SECONDS = 300
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://{host}:{port}",
        }
    }
    yield XkeyRecorder
    server.shutdown()


def test_stored_pages_name_their_tags_and_a_publish_purges_the_page_tag(
    client, home_page, varnish, django_capture_on_commit_callbacks
):
    about = StandardPageFactory(parent=home_page, slug="about", title="About")
    other = StandardPageFactory(parent=home_page, slug="other", title="Other")
    response = client.get("/en/about/")
    keys = set(response["xkey"].split())
    assert f"page:{about.pk}" in keys
    assert response["Surrogate-Key"] == response["xkey"]
    assert f"page:{other.pk}" not in keys
    about.title = "About us"
    with django_capture_on_commit_callbacks(execute=True):
        about.save_revision().publish()
        assert varnish.purged == []  # the proxy must not fetch the page before the commit
    purged = set().union(*varnish.purged)  # the tests' task backend runs the purge inline
    assert f"page:{about.pk}" in purged
    assert f"page:{other.pk}" not in purged


def test_a_draft_save_purges_nothing(client, home_page, varnish):
    about = StandardPageFactory(parent=home_page, slug="about", title="About")
    client.get("/en/about/")
    about.title = "Draft"
    about.save_revision()
    assert varnish.purged == []


def test_cloudflare_gets_the_tags_in_cache_tag(client, home_page, settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.WAGTAILFRONTENDCACHE = {
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": "token",
            "ZONEID": "zone",
        }
    }
    about = StandardPageFactory(parent=home_page, slug="about", title="About")
    tags = client.get("/en/about/")["Cache-Tag"].split(",")
    assert f"page:{about.pk}" in tags
    assert all(" " not in tag for tag in tags)


def test_without_a_proxy_a_publish_queues_indexing_but_no_purge(
    settings, home_page, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.WAGTAILFRONTENDCACHE = {}
    about = StandardPageFactory(parent=home_page, slug="about", title="About")
    DBTaskResult.objects.all().delete()
    about.title = "About us"
    with django_capture_on_commit_callbacks(execute=True):
        about.save_revision().publish()
    assert set(DBTaskResult.objects.values_list("task_path", flat=True)) == {
        "modelsearch.tasks.insert_or_update_object_task",
        "wagtail.tasks.update_reference_index_task",
    }
