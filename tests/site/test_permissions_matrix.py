"""Who may do what: every role against the admin and public actions that matter, and the
German translator against every admin URL the resolver knows.

Roles: an anonymous visitor, a subscriber holding their own emailed link, a German partner
translator, communications staff (both from `setup_translator_groups`) and an administrator.
An allowed action answers 200; a refused one never does (a redirect to the login or the
dashboard, or a 403/404).
"""

import os
from collections import Counter
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import resolve

import pytest

from newsletters.audience.tokens import unsubscribe_url
from newsletters.models import Subscriber
from tests.factories.home import StandardPageFactory
from tests.factories.newsletters import SubscriberFactory
from tests.site import admin_matrix
from translation.allowlist import translator_may_open
from translation.groups import setup_translator_groups, staff_group_name, translator_group_name

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "subscriber", "translator_de", "staff", "admin"]
EDITORS = {"translator_de": True, "staff": True, "admin": True}
STAFF = {"staff": True, "admin": True}

# action: (path template, {role: allowed}); roles not named are refused
MATRIX = {
    "read a public page": ("/en/about/", dict.fromkeys(ROLES, True)),
    "open one's unsubscribe link": ("{unsubscribe}", dict.fromkeys(ROLES, True)),
    "open the admin": ("/admin/", EDITORS),
    "edit an English page": ("/admin/pages/{en}/edit/", STAFF),
    "edit a German page": ("/admin/pages/{de}/edit/", EDITORS),
    "edit a French page": ("/admin/pages/{fr}/edit/", STAFF),
    "manage users": ("/admin/users/", {"admin": True}),
    "manage groups": ("/admin/groups/", {"admin": True}),
    "manage sites": ("/admin/sites/", {"admin": True}),
    "list subscribers": ("/admin/newsletter_subscribers/", STAFF),
    "import subscribers": ("/admin/newsletter/import/", STAFF),
    "see translation status": ("/admin/translation-status/", EDITORS),
}


@pytest.fixture
def world(home_page, german_home, locales):
    about = StandardPageFactory(parent=home_page, title="About", slug="about")
    german = about.copy_for_translation(locales["de"])
    german.save_revision().publish()
    french_home = home_page.copy_for_translation(locales["fr"])
    french_home.save_revision().publish()
    french = about.copy_for_translation(locales["fr"])
    french.save_revision().publish()
    setup_translator_groups(can_publish=False)
    model = get_user_model()
    users = {}
    for role, group in (
        ("translator_de", translator_group_name(locales["de"])),
        ("staff", staff_group_name()),
    ):
        users[role] = model.objects.create_user(role, f"{role}@example.org", "pw-123456789")
        users[role].groups.add(Group.objects.get(name=group))
    users["admin"] = model.objects.create_superuser("root", "root@example.org", "pw-123456789")
    subscriber = SubscriberFactory(status="confirmed")
    link = unsubscribe_url(subscriber)
    return {
        "users": users,
        "paths": {
            "en": about.pk,
            "de": german.pk,
            "fr": french.pk,
            "unsubscribe": "/" + link.split("://", 1)[1].split("/", 1)[1],
        },
    }


CASES = [(action, role) for action in MATRIX for role in ROLES]


@pytest.mark.parametrize(("action", "role"), CASES, ids=[f"{a}-{r}" for a, r in CASES])
def test_permissions_matrix(client, world, action, role):
    template, allowed = MATRIX[action]
    if role in world["users"]:
        client.force_login(world["users"][role])
    response = client.get(template.format(**world["paths"]))
    if allowed.get(role, False):
        assert response.status_code == 200, (action, role, response.status_code)
    else:
        assert response.status_code in {302, 403, 404}, (action, role, response.status_code)


def test_opening_an_unsubscribe_link_does_not_unsubscribe(client, world):
    client.get(world["paths"]["unsubscribe"])
    assert Subscriber.objects.get().status == "confirmed"


# --- Every admin URL, generated from the resolver ------------------------------------------------

# What a hostile translator posts everywhere: publish/submit/approve actions, new content, every
# locale, and the management data of the usual formsets so the forms get past their first check.
HOSTILE_FORM = {
    "action-publish": "action-publish",
    "action-submit": "1",
    "action": "publish",
    "title": "Hacked",
    "slug": "hacked",
    "name": "Hacked",
    "body": "<p>Hacked</p>",
    "value": "Hacked",
    "body-count": "0",
    "publish_translations": "on",
    "include_subtree": "on",
    "copy_subpages": "on",
    "publish_copies": "on",
    "new_title": "Hacked",
    "new_slug": "hacked",
    "comments-TOTAL_FORMS": "0",
    "comments-INITIAL_FORMS": "0",
    "items-TOTAL_FORMS": "0",
    "items-INITIAL_FORMS": "0",
    "next": "/admin/",
}


@pytest.fixture
def admin_world(home_page, german_home, locales):
    """A German news item, newsletter issue, footer and one of every translatable snippet, each
    also in French (and English), German and French translations in review, and the users."""
    from django.contrib.auth.models import Group
    from django.core.files.base import ContentFile

    from wagtail.documents.models import Document
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import Collection
    from wagtail_localize.models import StringTranslation, Translation, TranslationSource

    from home.models import FooterText
    from tests.factories.events import EventCategoryFactory
    from tests.factories.network import (
        NewsCategoryFactory,
        NewsIndexPageFactory,
        NewsPageFactory,
        PersonFactory,
    )
    from tests.factories.newsletters import (
        NewsletterIndexPageFactory,
        NewsletterPageFactory,
        TopicFactory,
    )
    from tests.translation.conftest import translate_all
    from translation import review

    french_home = home_page.copy_for_translation(locales["fr"])
    french_home.save_revision().publish()
    report = setup_translator_groups(can_publish=False)
    model = get_user_model()
    anna = model.objects.create_user("anna", "anna@example.org", "pw-123456789")
    anna.groups.add(report.translator_groups["de"])
    carla = model.objects.create_user("carla", "carla@example.org", "pw-123456789")
    carla.groups.add(Group.objects.get(name=staff_group_name()))

    pages = {}
    for name, index_factory, factory in (
        ("news", NewsIndexPageFactory, NewsPageFactory),
        ("issue", NewsletterIndexPageFactory, NewsletterPageFactory),
    ):
        index = index_factory(parent=home_page)
        english = factory(parent=index)
        pages[f"en_{name}"] = english
        for code in ("de", "fr"):
            pages[f"{code}_{name}_index"] = translate_all(index, locales[code], carla)
            pages[f"{code}_{name}"] = translate_all(english, locales[code], carla)

    footer = FooterText.objects.create(body="<p>Contact</p>", locale=locales["en"], live=False)
    footer.save_revision().publish()
    source, _created = TranslationSource.get_or_create_from_instance(footer)
    snippets = {}
    for code in ("de", "fr"):
        translation = Translation.objects.create(source=source, target_locale=locales[code])
        segment = source.stringsegment_set.get()
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=locales[code],
            context=segment.context,
            data=f"Kontakt ({code})",
        )
        translation.save_target(user=carla, publish=True)
        snippets[f"{code}_footer"] = FooterText.objects.get(locale=locales[code])
    for factory in (PersonFactory, NewsCategoryFactory, EventCategoryFactory, TopicFactory):
        english = factory(locale=locales["en"])
        for code in ("de", "fr"):
            copy = english.copy_for_translation(locales[code])
            copy.save()
            if hasattr(copy, "save_revision"):
                copy.save_revision().publish()
            snippets[f"{code}_{type(copy).__name__.lower()}"] = copy

    for code, user in (("de", anna), ("fr", carla)):
        translation = Translation.objects.get(
            source__object_id=pages["en_news"].translation_key, target_locale=locales[code]
        )
        review.submit_translation_for_review(translation, user)

    document = Document(title="Report")
    document.file.save("report.pdf", ContentFile(b"%PDF-1.4"), save=False)
    document.save()
    image = get_image_model().objects.create(title="Photo", file=get_test_image_file())
    extra = {
        "image_id": str(image.pk),
        "document_id": str(document.pk),
        "doc_id": str(document.pk),
        "collection_id": str(Collection.get_first_root_node().pk),
        "uploaded_file_id": "1",
        "redirect_id": "1",
        "session_id": "1",
        "send_id": "1",
        "filter_spec": "original",
        "mode": "default",
        "action": "approve",
        "action_name": "approve",
        "uidb64": "MQ",
        "token": "set-password",
    }
    chosen = {
        label: obj
        for label, obj in {**pages, **snippets}.items()
        if "index" not in label and not label.endswith(("eventcategory", "topic"))
    }
    chosen |= {"de_home": german_home, "fr_home": french_home}
    targets = []
    for label, obj in chosen.items():
        code = label.split("_")[0]
        destination = pages["fr_news_index"] if code == "de" else pages["de_news_index"]
        targets.append(admin_matrix.target_for(label, obj, destination, extra))
    return {"translator": anna, "targets": targets, "locale": locales["de"]}


def test_no_admin_url_lets_the_german_translator_publish_or_touch_other_languages(admin_world):
    """Every admin route × every target × GET and a hostile POST (PUT/DELETE where GET is 405):
    never a 500, and nothing visitors see, nothing of another language, no permission changes.
    Every address the translators' allow-list does not grant answers 403, so a view a later
    release adds is refused until someone lists it."""
    client = Client(raise_request_exception=False)
    client.force_login(admin_world["translator"])
    own = admin_world["locale"].pk
    before = admin_matrix.snapshot(own)
    routes = [r for r in admin_matrix.admin_routes() if r.route not in admin_matrix.SKIPPED]
    if only := os.environ.get("ADMIN_MATRIX_ONLY"):  # to look into one route
        routes = [r for r in routes if only in r.route]
    paths = admin_matrix.concrete_paths(routes, admin_world["targets"])
    errors, changes, answered = [], [], Counter()
    for addresses in paths.values():
        for path in addresses:
            listed = translator_may_open(resolve(path), frozenset({own}))
            with transaction.atomic(), CaptureQueriesContext(connection) as queries:
                for method, response in hostile_requests(client, path):
                    answered[response.status_code] += 1
                    if response.status_code >= 500:
                        errors.append(f"{method} {path} → {response.status_code}")
                    elif not listed and response.status_code != 403:
                        errors.append(f"{method} {path} → {response.status_code}, not refused")
                if admin_matrix.wrote(queries):  # else nothing can have changed
                    changed = admin_matrix.differences(before, admin_matrix.snapshot(own))
                    if changed:
                        changes.append(f"{path}: {changed[:5]}")
                transaction.set_rollback(True)
    print(f"{len(paths)} routes, {sum(answered.values())} requests: {dict(answered)}")  # noqa: T201
    assert only or len(paths) > 250  # the resolver's routes, not a hand-made list
    assert not errors and not changes, "\n".join(errors + changes)


def hostile_requests(client: Client, path: str):
    """GET, then the hostile POST; PUT and DELETE too where GET is not allowed (APIs)."""
    get = client.get(path)
    yield "GET", get
    yield "POST", client.post(path, HOSTILE_FORM)
    if get.status_code == 405:
        body = urlencode(HOSTILE_FORM)
        yield "PUT", client.put(path, body, content_type="application/x-www-form-urlencoded")
        yield "DELETE", client.delete(path)
