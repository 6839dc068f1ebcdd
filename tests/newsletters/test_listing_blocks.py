"""The newsletter's automatic blocks read other apps' content through the shared listing contract:
cancelled events are marked, and featured pages show each page type's own summary and image."""

import pytest

from tests.factories.newsletters import NewsletterPageFactory

pytestmark = pytest.mark.django_db


def test_upcoming_events_block_marks_cancelled_events(home_page, archive):
    from events.models import EventPage
    from newsletters.sending.rendering import render_edition
    from tests.factories.events import EventIndexPageFactory, EventPageFactory

    events = EventIndexPageFactory(parent=home_page)
    EventPageFactory(
        parent=events, title="Workshop on modelling", status=EventPage.Status.CANCELLED
    )
    EventPageFactory(parent=events, title="Summer school")
    issue = NewsletterPageFactory(
        parent=archive, slug="events", body=[("upcoming_events", {"heading": "", "limit": 3})]
    )
    edition = render_edition(issue, "en")
    assert "* Workshop on modelling (Cancelled · " in edition.text
    assert "* Summer school (Cancelled" not in edition.text
    card = issue.body[0].value.cards[0]
    assert card.title == "Workshop on modelling" and card.is_cancelled


def test_featured_news_shows_its_lead(home_page, archive):
    from newsletters.sending.rendering import render_edition
    from tests.factories.network import NewsIndexPageFactory, NewsPageFactory

    news = NewsPageFactory(
        parent=NewsIndexPageFactory(parent=home_page),
        title="New centre joins",
        lead="A centre in Tartu joins the network.",
        search_description="",
    )
    issue = NewsletterPageFactory(
        parent=archive, slug="cards", body=[("featured_pages", {"heading": "", "pages": [news]})]
    )
    assert "A centre in Tartu joins the network." in render_edition(issue, "en").html


def test_featured_standard_page_shows_its_intro(home_page, archive):
    from newsletters.sending.rendering import render_edition
    from tests.factories.home import StandardPageFactory

    page = StandardPageFactory(
        parent=home_page, title="About us", slug="about", intro="Thirty centres, twelve countries."
    )
    issue = NewsletterPageFactory(
        parent=archive, slug="about", body=[("featured_pages", {"heading": "", "pages": [page]})]
    )
    assert "Thirty centres, twelve countries." in render_edition(issue, "en").html


def test_featured_cancelled_event_is_marked_cancelled(home_page, archive):
    from events.models import EventPage
    from newsletters.sending.rendering import render_edition
    from tests.factories.events import EventIndexPageFactory, EventPageFactory

    events = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(
        parent=events, title="Spring school", status=EventPage.Status.CANCELLED
    )
    issue = NewsletterPageFactory(
        parent=archive,
        slug="featured",
        body=[("featured_pages", {"heading": "", "pages": [event]})],
    )
    edition = render_edition(issue, "en")
    assert "* Spring school (Cancelled · " in edition.text
    assert ">Cancelled · " in edition.html


def test_german_issue_labels_untranslated_english_items_in_german(
    home_page, archive, locales, client
):
    """A German reader learns before clicking that an item is only in English: "(Englisch)" after
    the title in both parts of the email, `lang`/`hreflang` on the link, the site's badge on the
    web. Items with a German version are shown in German, without a label."""
    import re

    from newsletters.sending.rendering import render_edition
    from tests.factories.events import EventIndexPageFactory, EventPageFactory
    from tests.factories.network import NewsIndexPageFactory, NewsPageFactory

    index = NewsIndexPageFactory(parent=home_page)
    english_only = NewsPageFactory(parent=index, title="New centre joins", slug="new-centre")
    translated = NewsPageFactory(parent=index, title="Summer school opens", slug="summer")
    german_news = translated.copy_for_translation(locales["de"], copy_parents=True)
    german_news.title = "Sommerschule eröffnet"
    german_news.save_revision().publish()
    EventPageFactory(parent=EventIndexPageFactory(parent=home_page), title="Workshop on modelling")
    issue = NewsletterPageFactory(
        parent=archive,
        slug="march",
        body=[
            ("featured_pages", {"heading": "", "pages": [english_only, translated]}),
            ("upcoming_events", {"heading": "", "limit": 3}),
        ],
    )
    german = issue.copy_for_translation(locales["de"], copy_parents=True)
    german.title = "Märzausgabe"
    german.save_revision().publish()

    edition = render_edition(german, "de")
    for title in ("New centre joins", "Workshop on modelling"):
        line = next(line for line in edition.text.splitlines() if line.startswith(f"* {title}"))
        assert re.fullmatch(rf"\* {title} \(Englisch(, [^()]+)?\)", line), line
        link = rf'<a [^>]*hreflang="en" lang="en"[^>]*>{title}</a> <span [^>]*>\(Englisch\)</span>'
        assert re.search(link, edition.html), title
    assert "* Sommerschule eröffnet (" in edition.text
    assert "Sommerschule eröffnet (Englisch)" not in edition.text
    assert re.search(r'<a href="[^"]*/de/[^"]*"[^>]*>Sommerschule eröffnet</a></p>', edition.html)

    web = client.get(german.url).content.decode()
    assert re.search(r'lang="en"[^>]*>New centre joins</a> <span class="badge badge--lang"', web)
    assert ">Sommerschule eröffnet</a></h3>" in web
