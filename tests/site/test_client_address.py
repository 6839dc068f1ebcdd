"""One rule for the client's address, attacked per proxy set-up (TRUSTED_PROXY_HOPS 0, 1, 2).

The attacker controls everything left of what our proxies append to X-Forwarded-For (with 0
hops: the whole header). Login throttling and sign-up limits must see the real client however
the header is forged or rotated.
"""

from django.contrib.auth import get_user_model
from django.test import RequestFactory

import pytest

from newsletters.models import ConsentRecord
from newsletters.protection import allow_signup_from_ip
from tests.newsletters.conftest import topics  # noqa: F401 (fixture)
from tests.newsletters.test_signup import SIGNUP, form_data

pytestmark = pytest.mark.django_db

CLIENT = "203.0.113.5"
# hops -> (REMOTE_ADDR, X-Forwarded-For as the attacker's request arrives with `forged` in it)
SETUPS = {
    0: (CLIENT, lambda forged: forged),
    1: ("10.0.0.1", lambda forged: f"{forged}, {CLIENT}"),
    2: ("10.0.0.2", lambda forged: f"{forged}, {CLIENT}, 10.0.0.1"),
}


def attacker(hops: int, forged: str) -> dict:
    remote, header = SETUPS[hops]
    return {"REMOTE_ADDR": remote, "HTTP_X_FORWARDED_FOR": header(forged)}


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "ed@example.org", "right-pass-1")


def login(client, password: str, meta: dict):
    return client.post("/admin/login/", {"username": "editor", "password": password}, **meta)


@pytest.mark.parametrize("hops", [0, 1, 2])
def test_a_forged_forwarded_header_does_not_lift_a_lockout(client, editor, settings, hops):
    settings.TRUSTED_PROXY_HOPS = hops
    for _attempt in range(5):
        login(client, "wrong", attacker(hops, "45.33.32.10"))
    response = login(client, "right-pass-1", attacker(hops, "45.33.32.11"))
    assert response.status_code == 429
    assert client.get("/admin/").status_code == 302  # not logged in


@pytest.mark.parametrize("hops", [0, 1, 2])
def test_rotating_the_forwarded_header_never_avoids_the_lock(client, editor, settings, hops):
    settings.TRUSTED_PROXY_HOPS = hops
    statuses = [
        login(client, "wrong", attacker(hops, f"45.33.32.{attempt // 4}")).status_code
        for attempt in range(12)
    ]
    assert statuses[5:] == [429] * 7
    assert login(client, "right-pass-1", attacker(hops, "45.33.32.99")).status_code == 429


@pytest.mark.parametrize("hops", [1, 2])
def test_behind_proxies_another_real_client_is_not_locked_out(client, editor, settings, hops):
    settings.TRUSTED_PROXY_HOPS = hops
    for _attempt in range(5):
        login(client, "wrong", attacker(hops, "45.33.32.10"))
    remote, header = SETUPS[hops]
    colleague = {
        "REMOTE_ADDR": remote,
        "HTTP_X_FORWARDED_FOR": header("x").replace(CLIENT, "198.51.100.7"),
    }
    assert login(client, "right-pass-1", colleague).status_code == 302


@pytest.mark.parametrize("hops", [0, 1, 2])
def test_signups_record_and_limit_the_real_client(client, home_page, topics, settings, hops):  # noqa: F811
    settings.TRUSTED_PROXY_HOPS = hops
    settings.NEWSLETTERS = {**settings.NEWSLETTERS, "SIGNUP_LIMIT_PER_IP": 3}
    for n in range(5):
        client.post(SIGNUP, form_data(email=f"r{n}@example.org"), **attacker(hops, f"45.0.0.{n}"))
    assert list(ConsentRecord.objects.values_list("ip_address", flat=True)) == [CLIENT] * 3
    assert not allow_signup_from_ip(RequestFactory().get("/", **attacker(hops, "1.2.3.4")))
