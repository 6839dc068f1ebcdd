"""A view restriction on a page covers its translations: visitors to `/de/…` and `/fr/…` get the
same password or login page as the English page, in their language; the choice is made once,
on the source, and the page cache never hands a restricted translation to anyone."""

import importlib

from django.apps import apps
from django.contrib.auth.models import Group

from wagtail.models import Page, PageViewRestriction

import pytest

from home import privacy
from tests.factories.home import StandardPageFactory

pytestmark = pytest.mark.django_db

SECRET = "Board minutes: budget 2027"


@pytest.fixture
def homes(home_page, german_home, locales):
    french = home_page.copy_for_translation(locales["fr"])
    french.save_revision().publish()
    return {"en": home_page, "de": german_home, "fr": french}


@pytest.fixture
def minutes(homes, locales):
    """A public English page with published German and French translations."""
    english = StandardPageFactory(parent=homes["en"], slug="minutes", title=SECRET)
    pages = {"en": english}
    for code in ("de", "fr"):
        translation = english.copy_for_translation(locales[code])
        translation.save_revision().publish()
        pages[code] = translation
    return pages


def _restrict(page: Page, kind: str = PageViewRestriction.PASSWORD) -> PageViewRestriction:
    password = "s3cret" if kind == PageViewRestriction.PASSWORD else ""
    return PageViewRestriction.objects.create(page=page, restriction_type=kind, password=password)


@pytest.mark.parametrize(
    "code, heading",
    [("en", "Password required"), ("de", "Passwort erforderlich"), ("fr", "Mot de passe requis")],
)
def test_a_password_on_the_english_page_guards_its_translations_in_their_language(
    client, minutes, code, heading
):
    _restrict(minutes["en"])
    response = client.get(f"/{code}/minutes/")
    html = response.content.decode()
    assert response.status_code == 200
    assert SECRET not in html and heading in html
    # The same password opens the translation.
    action = f"/{code}/_util/authenticate_with_password/"
    assert action in html
    restriction = PageViewRestriction.objects.get(page=minutes[code])
    opened = client.post(
        f"{action}{restriction.pk}/{minutes[code].pk}/",
        {"password": "s3cret", "return_url": f"/{code}/minutes/"},
    )
    assert opened.status_code == 302
    assert SECRET in client.get(f"/{code}/minutes/").content.decode()


def test_a_login_restriction_sends_visitors_to_the_login_page_of_their_language(client, minutes):
    _restrict(minutes["en"], PageViewRestriction.LOGIN)
    response = client.get("/de/minutes/")
    assert response.status_code == 302
    assert response["Location"].startswith("/de/_util/login/?next=/de/minutes/")


def test_a_translation_made_after_the_restriction_is_restricted_too(client, homes, locales):
    english = StandardPageFactory(parent=homes["en"], slug="minutes", title=SECRET)
    board = Group.objects.create(name="Board")
    _restrict(english, PageViewRestriction.GROUPS).groups.set([board])
    german = english.copy_for_translation(locales["de"])
    german.save_revision().publish()
    assert client.get("/de/minutes/").status_code == 302
    assert list(PageViewRestriction.objects.get(page=german).groups.all()) == [board]


def test_a_restricted_section_keeps_its_translated_pages_private(client, homes, locales):
    board = StandardPageFactory(parent=homes["en"], slug="board", title="Board")
    StandardPageFactory(parent=board, slug="minutes", title=SECRET)
    for page in (board, *board.get_children().specific()):
        page.copy_for_translation(locales["de"]).save_revision().publish()
    _restrict(board)
    assert SECRET not in client.get("/de/board/minutes/").content.decode()
    assert "Passwort erforderlich" in client.get("/de/board/minutes/").content.decode()


def test_nobody_removes_the_restriction_from_a_translation_alone(admin_client, client, minutes):
    _restrict(minutes["en"])
    for code in ("de", "fr"):
        response = admin_client.post(
            f"/admin/pages/{minutes[code].pk}/privacy/", {"restriction_type": "none"}
        )
        assert response.status_code == 200
        PageViewRestriction.objects.filter(page=minutes[code]).update(password="other")
        PageViewRestriction.objects.get(page=minutes[code]).save()
        assert SECRET not in client.get(f"/{code}/minutes/").content.decode()
        assert PageViewRestriction.objects.get(page=minutes[code]).password == "s3cret"


@pytest.mark.parametrize("kind", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN])
def test_a_page_seen_while_nothing_was_private_is_guarded_from_the_next_request(
    client, minutes, settings, kind
):
    """Without the page cache too: whether the site has any private page is kept between
    requests, and a new restriction anywhere above the page must reach it at once."""
    settings.PAGE_CACHE_SECONDS = 0
    for code in ("en", "de"):
        assert SECRET in client.get(f"/{code}/minutes/").content.decode()
    restriction = _restrict(minutes["en"].get_parent(), kind)  # on the section above
    for code in ("en", "de"):
        response = client.get(f"/{code}/minutes/")
        assert SECRET not in response.content.decode()
    restriction.delete()
    assert SECRET in client.get("/en/minutes/").content.decode()


def test_lifting_the_restriction_on_the_source_opens_the_translations(client, minutes):
    restriction = _restrict(minutes["en"])
    assert SECRET not in client.get("/de/minutes/").content.decode()
    restriction.delete()
    assert SECRET in client.get("/de/minutes/").content.decode()


def test_changing_the_source_password_changes_it_on_the_translations(minutes):
    restriction = _restrict(minutes["en"])
    restriction.password = "n3w"
    restriction.save()
    assert set(
        PageViewRestriction.objects.filter(page__in=[minutes["de"], minutes["fr"]]).values_list(
            "password", flat=True
        )
    ) == {"n3w"}


def test_translations_of_a_private_page_leave_the_sitemap(client, minutes):
    assert "/de/minutes/" in client.get("/sitemap.xml").content.decode()
    _restrict(minutes["en"])
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/minutes/" not in sitemap


def test_a_cached_translation_is_not_served_once_the_source_is_restricted(
    client, minutes, settings
):
    settings.PAGE_CACHE_SECONDS = 300
    for _visit in range(2):
        response = client.get("/de/minutes/")
    assert response["X-Page-Cache"] == "hit" and SECRET in response.content.decode()
    _restrict(minutes["en"])
    for _visit in range(2):
        response = client.get("/de/minutes/")
        assert SECRET not in response.content.decode()
        assert response.get("X-Page-Cache") != "hit"


def test_translations_of_pages_private_before_the_upgrade_are_made_private(client, minutes):
    """The data migration, run on restrictions made while translations did not follow."""
    migration = importlib.import_module("home.migrations.0008_translations_follow_source_privacy")
    token = privacy._mirroring.set(True)  # the world before: nothing mirrored
    try:
        _restrict(minutes["en"])
    finally:
        privacy._mirroring.reset(token)
    assert SECRET in client.get("/de/minutes/").content.decode()
    migration.mirror_existing_restrictions(apps, None)
    assert SECRET not in client.get("/de/minutes/").content.decode()
    assert SECRET not in client.get("/fr/minutes/").content.decode()


def test_deleting_a_translation_of_a_private_page_deletes_it(client, minutes):
    _restrict(minutes["en"])
    minutes["de"].delete()
    assert not Page.objects.filter(pk=minutes["de"].pk).exists()
    assert client.get("/de/minutes/").status_code == 404
    assert PageViewRestriction.objects.filter(page=minutes["fr"]).exists()


def test_deleting_the_private_source_leaves_its_translations_private(client, minutes):
    _restrict(minutes["en"])
    minutes["en"].delete()
    for code in ("de", "fr"):
        assert SECRET not in client.get(f"/{code}/minutes/").content.decode()
