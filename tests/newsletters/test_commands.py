"""`send_newsletter` and `newsletter_status`: the operations contract."""

from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

import pytest

from newsletters.models import Send
from tests.factories.newsletters import SubscriberFactory

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_send_newsletter_queues_once_and_reports_counts(issue, topics, anymail_test_backend):
    SubscriberFactory.create_batch(2, language="en", topics=[topics["news"]])
    SubscriberFactory(language="de", topics=[topics["news"]])
    SubscriberFactory(language="fr", topics=[topics["events"]])
    first = _run("send_newsletter", str(issue.pk), "--topics", "Network news")
    send = Send.objects.get()
    assert first == f"queued send {send.pk}: 3 recipients (de 1, en 2)\n"
    with pytest.raises(CommandError, match=f"already sent: send {send.pk} .*--new-subscribers"):
        _run("send_newsletter", str(issue.pk), "--topics", "Network news")
    assert sum(len(m.to) for m in mail.outbox) == 3


def test_an_already_sent_issue_exits_non_zero(issue, anymail_test_backend):
    SubscriberFactory()
    _run("send_newsletter", str(issue.pk))
    # The exit status scripts see: call_command's CommandError is `manage.py`'s status 1.
    with pytest.raises(CommandError) as raised:
        call_command("send_newsletter", str(issue.pk), stdout=StringIO())
    assert raised.value.returncode == 1


def test_new_subscribers_only_sends_to_those_who_have_not_received_it(
    issue, topics, anymail_test_backend
):
    early = SubscriberFactory.create_batch(2, topics=[topics["news"]])
    _run("send_newsletter", str(issue.pk), "--topics", "Network news")
    late = SubscriberFactory(language="de", topics=[topics["news"]])
    SubscriberFactory(topics=[topics["events"]])  # another audience: not included
    mail.outbox.clear()
    output = _run(
        "send_newsletter", str(issue.pk), "--topics", "Network news", "--new-subscribers-only"
    )
    second = Send.objects.order_by("pk").last()
    assert output == f"queued send {second.pk} to new subscribers only: 1 recipients (de 1)\n"
    assert [m.to for m in mail.outbox] == [[late.email]]
    assert {d.email for d in second.deliveries.all()} == {late.email}
    assert not {p.email for p in early} & {d.email for d in second.deliveries.all()}
    again = _run(
        "send_newsletter", str(issue.pk), "--topics", "Network news", "--new-subscribers-only"
    )
    assert again == "nobody new: everyone in this audience has received the issue\n"
    assert Send.objects.count() == 2


def test_send_newsletter_test_to_sends_only_to_those(issue, anymail_test_backend):
    SubscriberFactory()
    output = _run("send_newsletter", str(issue.pk), "--test-to", "me@example.org")
    assert output.startswith("test send ") and "me@example.org (en)" in output
    assert [m.to for m in mail.outbox] == [["me@example.org"]]


def test_send_newsletter_at_schedules(issue, anymail_test_backend):
    SubscriberFactory()
    when = (timezone.now() + timedelta(days=1)).replace(microsecond=0)
    output = _run("send_newsletter", str(issue.pk), "--at", when.isoformat())
    send = Send.objects.get()
    assert send.status == Send.Status.SCHEDULED and send.scheduled_at == when
    assert output.startswith(f"scheduled send {send.pk} for ")
    assert mail.outbox == []


@pytest.mark.parametrize(
    "args",
    [
        ["999999"],
        ["{page}", "--at", "tomorrow"],
        ["{page}", "--at", "2001-01-01T00:00:00+00:00"],
        ["{page}", "--topics", "No such topic"],
        ["{page}", "--test-to", "not-an-address"],
    ],
)
def test_send_newsletter_usage_errors(issue, anymail_test_backend, args):
    with pytest.raises(CommandError):
        _run("send_newsletter", *[a.format(page=issue.pk) for a in args])
    assert not Send.objects.exists()


def test_newsletter_status_prints_progress_and_statistics(issue, anymail_test_backend):
    SubscriberFactory.create_batch(2, language="en")
    SubscriberFactory(language="de")
    _run("send_newsletter", str(issue.pk))
    send = Send.objects.get()
    output = _run("newsletter_status", str(issue.pk)).splitlines()
    assert output[0] == f"send {send.pk} subscribers done: 3/3 done, 3 sent, 0 failed"
    assert output[1].startswith("de: recipients 1, sent 1, delivered 0")
    assert output[-1] == (
        "all: recipients 3, sent 3, delivered 0, bounced 0, complained 0, unsubscribed 0, "
        "opened 0, clicked 0"
    )
