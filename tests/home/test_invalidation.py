"""Targeted invalidation: after any change a cached page shows, that page is rebuilt at once;
pages that never showed the change stay cached; drafts, workflow steps, sign-ups and download
counts rebuild nothing."""

from django.conf import settings
from django.core.files.base import ContentFile

from wagtail.models import PageViewRestriction

import pytest
import wagtail_factories

from home.models import FooterText
from tests.factories.home import StandardPageFactory
from tests.factories.network import (
    NewsIndexPageFactory,
    NewsPageFactory,
    PartnerIndexPageFactory,
    PartnerPageFactory,
)

pytestmark = pytest.mark.django_db

CACHE = "X-Page-Cache"


@pytest.fixture(autouse=True, params=[300, 0], ids=["page-cache", "fragments-only"])
def page_cache_seconds(request, settings):
    """Every test runs with the page cache, then without it: the fragments kept inside a page
    (routes, main content, page family, pictures, sections) must never be stale either."""
    settings.PAGE_CACHE_SECONDS = request.param
    return request.param


def warm(client, *urls: str) -> None:
    """Visit each URL until it is served from the cache (or its fragments are kept)."""
    for url in urls:
        assert client.get(url).status_code == 200, url
        response = client.get(url)
        assert response.status_code == 200, url
        if settings.PAGE_CACHE_SECONDS:
            assert response[CACHE] == "hit", url


def assert_still_cached(client, *urls: str) -> None:
    if not settings.PAGE_CACHE_SECONDS:
        return  # nothing to say without the page cache
    for url in urls:
        assert client.get(url)[CACHE] == "hit", url


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page)


@pytest.fixture
def partner(home_page):
    index = PartnerIndexPageFactory(parent=home_page)
    return PartnerPageFactory(parent=index, slug="ipn", title="IPN Kiel")


@pytest.fixture
def item(news_index):
    return NewsPageFactory(parent=news_index, slug="summer-school", title="Summer school opens")


def publish_new_item(news_index, title: str, slug: str):
    """An editor's new news item: created as a draft, then published."""
    draft = NewsPageFactory(parent=news_index, slug=slug, title=title, live=False)
    draft.save_revision().publish()
    return draft


# --- Pages -------------------------------------------------------------------------------------


def test_a_news_item_published_reaches_its_index_and_home_and_partner_pages_stay_cached(
    client, news_index, item, partner
):
    urls = ["/en/", "/en/news/", "/en/news/summer-school/", partner.url]
    warm(client, *urls)
    publish_new_item(news_index, "Network meeting in Kiel", "network-meeting")
    for url in ("/en/", "/en/news/"):
        response = client.get(url)
        assert response.get(CACHE, "miss") == "miss", url
        assert b"Network meeting in Kiel" in response.content, url
    assert_still_cached(client, partner.url)


def test_the_first_item_of_an_empty_listing_is_shown(client, news_index):
    warm(client, "/en/news/")
    publish_new_item(news_index, "First news ever", "first")
    assert b"First news ever" in client.get("/en/news/").content


def test_a_republished_item_shows_its_new_title_on_itself_and_in_its_index(client, item):
    warm(client, item.url, "/en/news/")
    item.title = "Summer school: registration open"
    item.save_revision().publish()
    for url in (item.url, "/en/news/"):
        # Soft hyphens in card titles are invisible to readers.
        html = client.get(url).content.decode().replace("\u00ad", "")
        assert "Summer school: registration open" in html, url


def test_a_retitled_or_withdrawn_section_shows_in_its_items_breadcrumbs_at_once(
    client, item, news_index
):
    item.save_revision().publish()  # a live revision, as every published page has
    warm(client, item.url)
    news_index.title = "Network news"
    news_index.save_revision().publish()
    trail = client.get(item.url).content.decode().replace("\u00ad", "")
    assert f'<a href="{news_index.url}">Network news</a>' in trail

    news_index.unpublish()
    trail = client.get(item.url).content.decode().replace("\u00ad", "")
    assert f'<a href="{news_index.url}">' not in trail, "no link to a page that answers 404"


def test_an_unpublished_item_leaves_its_page_and_its_index(client, item):
    warm(client, item.url, "/en/news/")
    item.unpublish()
    assert client.get(item.url).status_code == 404
    assert b"Summer school opens" not in client.get("/en/news/").content


def test_a_retitled_related_page_and_a_renamed_author_show_on_the_item_at_once(
    client, item, home_page
):
    from network.models import NewsAuthor, NewsRelatedPage
    from tests.factories.network import PersonFactory

    other = StandardPageFactory(parent=home_page, slug="links", title="LINKS project")
    author = PersonFactory(name="Ana Silva")
    item.related_pages = [NewsRelatedPage(related=other)]
    item.authors = [NewsAuthor(person=author)]
    item.save_revision().publish()
    warm(client, item.url)
    other.title = "LINKS final report"
    other.save_revision().publish()
    author.name = "Ana Pereira"
    author.save_revision().publish()
    html = client.get(item.url).content.decode()
    assert "LINKS final report" in html
    assert "Ana Pereira" in html
    assert "Ana Silva" not in html


def test_a_moved_page_is_no_longer_served_at_its_old_address(client, home_page):
    old_parent = StandardPageFactory(parent=home_page, slug="projects", title="Projects")
    new_parent = StandardPageFactory(parent=home_page, slug="archive", title="Archive")
    page = StandardPageFactory(parent=old_parent, slug="links", title="LINKS project")
    warm(client, "/en/projects/links/")
    page.move(new_parent, pos="last-child")
    response = client.get("/en/projects/links/")
    assert response.status_code == 301  # Wagtail's automatic redirect, not the stored page
    assert response["Location"].endswith("/en/archive/links/")
    assert b"LINKS project" in client.get("/en/archive/links/").content


def test_a_menu_page_retitled_shows_in_the_menu_of_every_page(client, home_page, partner):
    from home.models import MainMenu, MainMenuItem

    about = StandardPageFactory(parent=home_page, slug="about", title="About us")
    menu = MainMenu.objects.create(locale=home_page.locale)
    MainMenuItem.objects.create(menu=menu, link_page=about, locale=home_page.locale)
    menu.save_revision().publish()
    warm(client, partner.url)
    about.title = "Who we are"
    about.save_revision().publish()
    assert b"Who we are" in client.get(partner.url).content


def test_a_published_translation_appears_in_the_language_switcher(
    client, item, german_home, translate
):
    warm(client, item.url)
    translate(item.get_parent().specific, "de")
    german = translate(item, "de", title="Sommerschule")
    assert f'href="{german.url}"'.encode() in client.get(item.url).content


def test_a_german_item_reaches_the_german_listing(client, news_index, german_home, translate):
    german_index = translate(news_index, "de", title="Neuigkeiten")
    warm(client, german_index.url)
    publish_new_item(german_index, "Netzwerktreffen", "treffen")
    assert "Netzwerktreffen" in client.get(german_index.url).content.decode().replace("\u00ad", "")


# --- Snippets, media, settings, restrictions ---------------------------------------------------


def test_an_edited_footer_shows_on_every_page(client, home_page, partner):
    footer = FooterText.objects.create(locale=home_page.locale, body="<p>Old address</p>")
    footer.save_revision().publish()
    warm(client, "/en/", partner.url)
    footer.body = "<p>New address, Kiel</p>"
    footer.save_revision().publish()
    for url in ("/en/", partner.url):
        assert b"New address, Kiel" in client.get(url).content, url


def test_a_footer_draft_changes_no_page(client, home_page):
    footer = FooterText.objects.create(locale=home_page.locale, body="<p>Old address</p>")
    footer.save_revision().publish()
    warm(client, "/en/")
    footer.body = "<p>Not yet</p>"
    footer.save_revision()
    assert_still_cached(client, "/en/")


def test_a_replaced_image_is_shown_at_once(client, page_with_body):
    image = wagtail_factories.ImageFactory(title="Workshop photo")
    page = page_with_body(
        [("image", {"image": {"image": image.pk, "alt_text": "Robot"}, "caption": ""})]
    )
    first = client.get(page.url).content.decode()
    warm(client, page.url)
    old_file = image.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    assert old_file in first
    image.file = wagtail_factories.ImageFactory.build().file
    image.file.name = "replacement.jpg"
    image.save()
    image.renditions.all().delete()  # as Wagtail's image edit view does for a new file
    html = client.get(page.url).content.decode()
    assert "replacement" in html
    assert old_file not in html


def test_a_renamed_document_is_shown_at_once(client, page_with_body):
    document = wagtail_factories.DocumentFactory(
        title="Annual report", file=ContentFile(b"data", name="report.pdf")
    )
    page = page_with_body([("document", {"document": document.pk, "label": ""})])
    warm(client, page.url)
    document.title = "Annual report 2025"
    document.save()
    assert b">Annual report 2025</a>" in client.get(page.url).content


def test_a_changed_setting_is_shown_on_every_page(client, home_page, partner):
    from wagtail.models import Site

    from newsletters.models import NewsletterSettings

    StandardPageFactory(parent=home_page, slug="privacy", title="Privacy")
    policy = StandardPageFactory(parent=home_page, slug="data-policy", title="Data policy")
    warm(client, partner.url)
    assert b'href="/en/privacy/"' in client.get(partner.url).content
    settings = NewsletterSettings.for_site(Site.objects.get(is_default_site=True))
    settings.privacy_page = policy
    settings.save()
    assert b'href="/en/data-policy/"' in client.get(partner.url).content


def test_a_section_made_private_is_no_longer_served_from_the_cache(client, item):
    warm(client, item.url)
    PageViewRestriction.objects.create(
        page=item.get_parent(), restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(item.url)
    assert response.status_code == 302
    assert CACHE not in response


# --- What changes nothing a visitor sees -------------------------------------------------------


def test_a_draft_save_rebuilds_no_page(client, item, partner):
    urls = ["/en/", "/en/news/", item.url, partner.url]
    warm(client, *urls)
    item.title = "Draft title"
    item.save_revision()
    assert_still_cached(client, *urls)
    assert b"Draft title" not in client.get(item.url).content


def test_a_workflow_step_rebuilds_no_page(client, item, admin_user):
    from wagtail.models import Workflow

    workflow = Workflow.objects.filter(active=True).first() or Workflow.objects.create(
        name="Review"
    )
    if not workflow.tasks.exists():
        from wagtail.models import GroupApprovalTask

        task = GroupApprovalTask.objects.create(name="Approve")
        workflow.workflow_tasks.create(task=task, sort_order=0)
    warm(client, "/en/", item.url)
    item.save_revision(user=admin_user)
    workflow.start(item, admin_user)
    assert_still_cached(client, "/en/", item.url)


def test_a_newsletter_sign_up_rebuilds_no_page(client, home_page, partner):
    from newsletters.models import Subscriber

    warm(client, "/en/", partner.url)
    visitor = client.__class__()
    visitor.post(
        "/en/newsletter/subscribe/",
        {"email": "new.reader@example.org", "language": "en", "consent": "on", "website": ""},
    )
    assert Subscriber.objects.filter(email__iexact="new.reader@example.org").exists()
    assert_still_cached(client, "/en/", partner.url)


def test_a_counted_download_rebuilds_no_page(client, home_page):
    from wagtail.documents.models import Document

    from network.models import BookletDownload
    from tests.factories.network import BookletIndexPageFactory, BookletPageFactory

    index = BookletIndexPageFactory(parent=home_page)
    document = Document(title="Booklet PDF")
    document.file.save("booklet.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    document.save()
    booklet = BookletPageFactory(parent=index, document=document)
    warm(client, "/en/", booklet.url, index.url)
    for address in ("203.0.113.1", "203.0.113.2"):  # two readers: each download counts
        download = f"/en/publications/download/{booklet.pk}/"
        assert client.get(download, REMOTE_ADDR=address).status_code == 302
    assert BookletDownload.objects.get().count == 2
    assert_still_cached(client, "/en/", booklet.url, index.url)
