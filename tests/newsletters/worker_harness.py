"""Seeds and inspects the database the fault tests' worker processes share.

Run as `python -m tests.newsletters.worker_harness seed N` (prints the send's id),
`... report SEND_ID` (prints JSON), `... watch SEND_ID` (runs the watchdog's check as a
worker would) or `... claim SEND_ID` (starts the send, waits for the file named by
`CLAIM_GO`, then claims batches of five until none is left and prints the ids as JSON), with
`DJANGO_SETTINGS_MODULE=tests.newsletters.worker_settings` and `DATABASE_URL` pointing at the
throwaway database.
"""

import json
import sys

import django


def seed(count: int) -> int:
    """Locales, a home page, the archive, one issue, `count` subscribers in three languages, and
    the send queued in the database (the workers do the rest)."""
    from django.conf import settings

    from wagtail.models import Locale, Page, Site

    from newsletters import sending
    from newsletters.models import Subscriber, email_hash
    from tests.factories.home import HomePageFactory
    from tests.factories.newsletters import NewsletterIndexPageFactory, NewsletterPageFactory

    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    root = Page.get_first_root_node()
    home = HomePageFactory(
        parent=root, slug="home-en", locale=Locale.objects.get(language_code="en")
    )
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.hostname = "testserver"
    site.save()
    archive = NewsletterIndexPageFactory(parent=home)
    issue = NewsletterPageFactory(parent=archive, title="Fault test issue", slug="fault")
    languages = ["en", "de", "fr"]
    Subscriber.objects.bulk_create(
        Subscriber(
            email=f"reader{n:06d}@example.org",
            email_hash=email_hash(f"reader{n:06d}@example.org"),
            language=languages[n % 3],
            status=Subscriber.Status.CONFIRMED,
        )
        for n in range(count)
    )
    return sending.create_send(issue).send.pk


def report(send_id: int) -> dict:
    """The send's status, its deliveries per status and per claiming worker, and the most
    tries any delivery took."""
    from django.db.models import Count, Max

    from django_tasks_db.models import DBTaskResult

    from newsletters.models import Delivery, Send

    send = Send.objects.get(pk=send_id)
    waiting = [
        path.rsplit(".", 1)[-1]
        for path, arguments in DBTaskResult.objects.filter(status="READY").values_list(
            "task_path", "args_kwargs"
        )
        if arguments["args"] == [send_id]
    ]
    deliveries = Delivery.objects.filter(send=send)
    return {
        "status": send.status,
        "total": send.total,
        "statuses": {
            row["status"]: row["n"]
            for row in deliveries.values("status").annotate(n=Count("pk")).order_by()
        },
        "max_attempts": deliveries.aggregate(most=Max("attempts"))["most"] or 0,
        "queued_tasks": sorted(waiting),
        "workers": sorted(
            {worker.split(":")[-1] for worker in deliveries.values_list("claimed_by", flat=True)}
        ),
    }


def claim_all(send_id: int) -> list[int]:
    """Start the send (idempotent), wait for the go signal, then claim until nothing is left."""
    import os
    import time
    from pathlib import Path

    from newsletters import sending
    from newsletters.sending import liveness

    sending.start_send(send_id)
    worker = liveness.worker_id()
    liveness.beat(send_id, worker)
    go = Path(os.environ["CLAIM_GO"])
    # Say "ready" (a file of our own beside the go file), so the test starts both at once.
    Path(f"{go}.ready.{os.getpid()}").touch()
    while not go.exists():
        time.sleep(0.01)
    ids: list[int] = []
    while batch := sending.claim_batch(send_id, 5, worker):
        ids.extend(row.id for row in batch)
        # A real dispatcher spends this time in its ESP call. Without the pause, a claimer
        # that starts a few milliseconds early can take every batch before the other
        # claimer is scheduled, and the test would not check any contention.
        time.sleep(0.01)
    return ids


if __name__ == "__main__":
    django.setup()
    command, argument = sys.argv[1], int(sys.argv[2])
    if command == "seed":
        sys.stdout.write(f"{seed(argument)}\n")
    elif command == "watch":
        from newsletters.tasks import watch_send

        watch_send.call(argument)
    elif command == "claim":
        sys.stdout.write(json.dumps(claim_all(argument)) + "\n")
    else:
        sys.stdout.write(json.dumps(report(argument)) + "\n")
