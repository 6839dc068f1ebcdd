"""`SEND_RATE`: all workers together stay under the ESP's allowed messages per second.

Each batch reserves its share of time in one UPDATE on the send's row, so batches claimed at
the same moment by different workers are told to wait one after the other.
"""

import pytest

from newsletters import sending
from newsletters.models import Send

pytestmark = pytest.mark.django_db


@pytest.fixture
def send(issue):
    return Send.objects.create(page=issue, audience_key="all")


def test_batches_claimed_together_wait_one_after_the_other(send, settings):
    settings.NEWSLETTERS = {**settings.NEWSLETTERS, "SEND_RATE": 10}
    waits = [sending.acquire_rate_slot(send.pk, 10) for _worker in range(3)]
    # 10 messages at 10 per second take one second each: the second batch waits ~1 s, the
    # third ~2 s (the three calls themselves take milliseconds).
    assert waits[0] == pytest.approx(0, abs=0.2)
    assert waits[1] == pytest.approx(1, abs=0.2)
    assert waits[2] == pytest.approx(2, abs=0.2)


def test_small_batches_reserve_proportionally_less(send, settings):
    settings.NEWSLETTERS = {**settings.NEWSLETTERS, "SEND_RATE": 100}
    sending.acquire_rate_slot(send.pk, 50)  # half a second of budget
    assert sending.acquire_rate_slot(send.pk, 1) == pytest.approx(0.5, abs=0.2)


def test_without_a_rate_nobody_waits(send, settings):
    settings.NEWSLETTERS = {**settings.NEWSLETTERS, "SEND_RATE": 0}
    assert [sending.acquire_rate_slot(send.pk, 1000) for _ in range(3)] == [0.0, 0.0, 0.0]


def test_each_send_has_its_own_budget(send, issue, settings):
    settings.NEWSLETTERS = {**settings.NEWSLETTERS, "SEND_RATE": 10}
    other = Send.objects.create(page=issue, audience_key="topic-x", is_test=True)
    sending.acquire_rate_slot(send.pk, 10)
    assert sending.acquire_rate_slot(other.pk, 10) == pytest.approx(0, abs=0.2)
