"""Does a second worker make a send faster? One send of N recipients (default 20,000) to a
loopback Mailgun answering each API call after a fixed latency (default 0.5 s), by one and then
by two `manage.py db_worker` processes on PostgreSQL, with the production liveness settings.

Run: .venv/bin/python benchmarks/newsletters_scaling.py [N] [LATENCY]
Needs PostgreSQL at 127.0.0.1:5432 (user postgres); makes and drops its own databases. Prints
each run's send time (the send's start to its finish, from its own timestamps, so worker boot is
not counted), API calls per worker, and the ratio two/one (the target is at most 0.55).
"""

import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stempd.settings.test")

from benchmarks.databases import fresh_database  # noqa: E402

# Where a run's time goes, from the deliveries' own timestamps (seconds after the send started):
# each claim (a worker's rows with one `claimed_at`) from its claim to its last `sent_at`, and
# the gap before that worker's next claim (claiming, recording and the loop's own work).
TIMELINE = """
import django; django.setup()
from collections import defaultdict
from django.db.models import Max
from newsletters.models import Delivery, Send
send = Send.objects.get(pk={send_id})
print((send.finished_at - send.started_at).total_seconds())
claims = defaultdict(list)
rows = (
    Delivery.objects.filter(send=send).values("claimed_by", "claimed_at")
    .annotate(sent=Max("sent_at")).order_by("claimed_at")
)
for row in rows:
    claims[row["claimed_by"].split(":")[-1]].append(row)
def at(moment):
    return (moment - send.started_at).total_seconds()
for worker, batches in sorted(claims.items()):
    busy = [(b["sent"] - b["claimed_at"]).total_seconds() for b in batches]
    gaps = [
        (later["claimed_at"] - earlier["sent"]).total_seconds()
        for earlier, later in zip(batches, batches[1:])
    ]
    print(
        f"  worker {{worker}}: first claim at {{at(batches[0]['claimed_at']):.2f}} s, "
        f"last sent at {{at(batches[-1]['sent']):.2f}} s, {{len(batches)}} claims, "
        f"claim to sent {{sum(busy) / len(busy):.2f}} s on average, "
        f"gap to the next claim {{(sum(gaps) / len(gaps)) if gaps else 0:.2f}} s"
    )
print(f"  finished at {{at(send.finished_at):.2f}} s")
"""


def one_run(workers: int, count: int, latency: float) -> dict:
    from tests.newsletters.fake_esp import FakeMailgun
    from tests.newsletters.worker_processes import (
        migrate,
        run_python,
        seed,
        start_worker,
        stop_workers,
        wait_until_done,
        worker_env,
    )

    with fresh_database(postgres=True, prefix="stempd_sending_scaling") as url:
        migrate(url)

        def slow(number, request):
            time.sleep(latency)
            return None

        with FakeMailgun(responder=slow) as esp:
            env = worker_env(url, esp, HEARTBEAT_INTERVAL=3, WATCHDOG_INTERVAL=10, BATCH_SIZE=None)
            processes = [start_worker(env) for _ in range(workers)]
            try:
                time.sleep(3)  # let the workers boot: their start-up is not the send's time
                send_id = seed(env, count)
                state = wait_until_done(env, send_id, timeout=600)
            finally:
                stop_workers(*processes)
            per_worker = Counter(request.client_port for request in esp.requests)
            accepted = len(set(esp.accepted_recipients()))
        seconds, timeline = run_python(env, "-c", TIMELINE.format(send_id=send_id)).split("\n", 1)
        seconds = float(seconds)
    assert accepted == count and state["statuses"] == {"sent": count}, state
    return {
        "seconds": seconds,
        "calls": sorted(per_worker.values()),
        "workers": state["workers"],
        "timeline": timeline.rstrip(),
    }


def main() -> None:
    import django

    django.setup()
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    latency = float(sys.argv[2]) if len(sys.argv) > 2 else 0.5
    print(f"{count} recipients, ESP latency {latency} s per call, PostgreSQL")
    one = one_run(1, count, latency)
    print(f"1 worker : {one['seconds']:6.1f} s, API calls {one['calls']}")
    print(one["timeline"])
    two = one_run(2, count, latency)
    print(f"2 workers: {two['seconds']:6.1f} s, API calls per connection {two['calls']}")
    print(two["timeline"])
    print(f"ratio two/one: {two['seconds'] / one['seconds']:.2f} (target <= 0.55)")


if __name__ == "__main__":
    main()
