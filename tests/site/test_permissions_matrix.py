"""Who may do what: every role against the admin and public actions that matter.

Roles: an anonymous visitor, a subscriber holding their own emailed link, a German partner
translator, communications staff (both from `setup_translator_groups`) and an administrator.
An allowed action answers 200; a refused one never does (a redirect to the login or the
dashboard, or a 403/404).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

import pytest

from home.factories import StandardPageFactory
from home.translation.groups import setup_translator_groups, staff_group_name, translator_group_name
from newsletters.factories import SubscriberFactory
from newsletters.models import Subscriber
from newsletters.tokens import unsubscribe_url

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
