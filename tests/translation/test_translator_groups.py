"""Partner translators work in their own language only; staff approve unless they may publish."""

from io import StringIO

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse

from wagtail.models import GroupPagePermission, Page, WorkflowPage, WorkflowState
from wagtail_localize.models import StringSegment, Translation, TranslationSource

import pytest

from home.models import FooterText
from tests.factories.home import StandardPageFactory
from tests.translation.conftest import translate_all
from translation.groups import setup_translator_groups

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home_page, german_home, locales):
    """An English page with German and French synced translations, and footers in all three."""
    french_home = home_page.copy_for_translation(locales["fr"])
    french_home.save_revision().publish()
    page = StandardPageFactory(parent=home_page, title="About", slug="about", intro="Who we are")
    footers = {"en": FooterText.objects.create(body="<p>Contact us</p>", locale=locales["en"])}
    for code in ("de", "fr"):
        footers[code] = footers["en"].copy_for_translation(locales[code])
        footers[code].save()
    source, _created = TranslationSource.get_or_create_from_instance(footers["en"])
    Translation.objects.create(source=source, target_locale=locales["fr"])
    return {
        "en": page,
        "de": translate_all(page, locales["de"]),
        "fr": translate_all(page, locales["fr"]),
        "footers": footers,
        "footer_source": source,
    }


@pytest.fixture
def german_translator(tree, make_user):
    report = setup_translator_groups()
    return make_user("anna", report.translator_groups["de"])


def denied(response) -> bool:
    """Wagtail's answer to a forbidden admin request: 403 for scripts; for browsers, the
    dashboard with "Sorry, you do not have permission to access this area."."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def edit_page(client, page):
    return client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))


def edit_footer(client, footer):
    return client.get(reverse("wagtailsnippets_home_footertext:edit", args=[footer.pk]))


def test_command_creates_one_group_per_translated_language_and_is_idempotent(tree):
    out = StringIO()
    call_command("setup_translator_groups", stdout=out)
    first = {
        group.name: (
            sorted(group.permissions.values_list("codename", flat=True)),
            sorted(
                GroupPagePermission.objects.filter(group=group).values_list("page", "permission")
            ),
        )
        for group in Group.objects.all()
    }
    call_command("setup_translator_groups", stdout=StringIO())
    again = {
        group.name: (
            sorted(group.permissions.values_list("codename", flat=True)),
            sorted(
                GroupPagePermission.objects.filter(group=group).values_list("page", "permission")
            ),
        )
        for group in Group.objects.all()
    }
    assert first == again
    assert {"Translators (Deutsch)", "Translators (Français)", "Communications staff"} <= set(first)
    assert "Translators (English)" not in first
    assert "Translators (Suomi): no home page" not in out.getvalue()
    assert "fi: Translators (Suomi) (no home page in this language yet" in out.getvalue()


def test_german_translator_edits_german_pages_only(client, tree, german_translator):
    client.force_login(german_translator)
    assert edit_page(client, tree["de"]).status_code == 200
    assert denied(edit_page(client, tree["fr"]))
    assert denied(edit_page(client, tree["en"]))
    for page in (tree["fr"], tree["en"]):
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        assert client.get(url, headers={"x-requested-with": "XMLHttpRequest"}).status_code == 403


def test_german_translator_edits_german_snippets_only(client, tree, german_translator):
    client.force_login(german_translator)
    footers = tree["footers"]
    assert edit_footer(client, footers["de"]).status_code == 200
    assert denied(edit_footer(client, footers["fr"]))
    assert denied(edit_footer(client, footers["en"]))
    for footer in (footers["fr"], footers["en"]):
        url = reverse("wagtailsnippets_home_footertext:edit", args=[footer.pk])
        assert client.get(url, headers={"x-requested-with": "XMLHttpRequest"}).status_code == 403


def test_german_translator_cannot_create_or_delete_snippets_of_other_languages(
    client, tree, german_translator
):
    client.force_login(german_translator)
    add = reverse("wagtailsnippets_home_footertext:add")
    assert denied(client.get(add + "?locale=fr"))
    delete = reverse("wagtailsnippets_home_footertext:delete", args=[tree["footers"]["fr"].pk])
    assert denied(client.post(delete))
    assert FooterText.objects.filter(pk=tree["footers"]["fr"].pk).exists()


def test_german_translator_cannot_change_french_strings_through_the_translation_api(
    client, tree, german_translator
):
    client.force_login(german_translator)
    translation = Translation.objects.get(source=tree["footer_source"])
    segment = StringSegment.objects.filter(source=tree["footer_source"]).first()
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    # What the editor really sends (a FormData PUT), so the refusal is the guard's, not a 400.
    body = encode_multipart(BOUNDARY, {"value": "Contactez-nous"})
    response = client.put(url, body, content_type=MULTIPART_CONTENT)
    assert response.status_code == 403
    assert not translation.source.stringsegment_set.first().string.translations.exists()
    download = reverse("wagtail_localize:download_pofile", args=[translation.pk])
    assert denied(client.get(download))


@pytest.mark.parametrize(
    "url_name",
    ["wagtailusers_users:index", "wagtailusers_groups:index", "wagtailsites:index"],
)
def test_translators_cannot_manage_users_groups_or_sites(client, german_translator, url_name):
    client.force_login(german_translator)
    assert denied(client.get(reverse(url_name)))


def test_translators_cannot_publish_by_default_but_can_submit_for_review(
    client, tree, german_translator, mailoutbox, django_capture_on_commit_callbacks
):
    staff = Group.objects.get(name="Communications staff")
    staff.user_set.create(username="carla", email="carla@example.org")
    german = tree["de"]
    assert not german.permissions_for_user(german_translator).can_publish()
    assert WorkflowPage.objects.get(page=german.get_parent()).workflow.name == "Translation review"
    client.force_login(german_translator)

    # The editor's main action submits for review instead of publishing: the live revision stays.
    live_revision = german.live_revision_id
    client.post(reverse("wagtailadmin_pages:edit", args=[german.pk]), {"action": "publish"})
    after = Page.objects.get(pk=german.pk)
    assert after.live and after.has_unpublished_changes
    assert after.live_revision_id == live_revision
    assert WorkflowState.objects.get(object_id=str(german.pk)).status == "in_progress"
    WorkflowState.objects.filter(object_id=str(german.pk)).delete()  # submit again below
    mailoutbox.clear()

    translation = Translation.objects.get(
        source__object_id=german.translation_key, target_locale=german.locale
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("translation_submit_for_review", args=[translation.pk]))
    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(german.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Translation review"
    assert [message.to for message in mailoutbox] == [["carla@example.org"]]
    assert mailoutbox[0].subject.startswith("Translation to review (German)")
    assert Page.objects.get(pk=german.pk).live_revision_id == live_revision


def test_translators_publish_when_the_setting_allows_it(client, tree, settings, make_user):
    settings.TRANSLATORS_CAN_PUBLISH = True
    report = setup_translator_groups()
    translator = make_user("bert", report.translator_groups["de"])
    german = tree["de"]
    assert german.permissions_for_user(translator).can_publish()
    assert not WorkflowPage.objects.filter(page=german.get_parent()).exists()
    client.force_login(translator)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[german.pk]), {"action": "publish"}
    )
    assert response.status_code == 302
    assert Page.objects.get(pk=german.pk).live


def test_switching_publishing_off_again_withdraws_the_right(tree, settings, make_user):
    settings.TRANSLATORS_CAN_PUBLISH = True
    report = setup_translator_groups()
    translator = make_user("cleo", report.translator_groups["de"])
    settings.TRANSLATORS_CAN_PUBLISH = False
    setup_translator_groups()
    assert not tree["de"].permissions_for_user(translator).can_publish()
    assert WorkflowPage.objects.filter(page=tree["de"].get_parent()).exists()
