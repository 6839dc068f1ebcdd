"""`manage.py newsletter_status PAGE_ID`: where the sends of an issue stand, and its statistics.

Operations use it to follow a send without the admin; it shows what the send screen shows.
Output: one line per send,
`send <id> <kind> <state>: <done>/<total> done, <sent> sent, <failed> failed[, <r>/s, ETA <n>s]`
where the state is scheduled, queued, sending (with its live workers), waiting (for the ESP,
with the next retry), stalled (no live worker: start `manage.py db_worker`), done or cancelled;
then `  <lang>: <done>/<total>` per language of a send in progress. Last the statistics: one line
per language, `<lang>: recipients <n>, sent <n>, delivered <n>, bounced <n>, complained <n>,
unsubscribed <n>, opened <n>, clicked <n>`, and `all: ...` last.
Also starts scheduled sends that are due, for task backends that cannot defer.
"""

from django.core.management.base import BaseCommand, CommandError

from newsletters import sending
from newsletters.models import NewsletterPage, Send


class Command(BaseCommand):
    """Print the progress of every send of an issue and its statistics per language."""

    help = "Show the sends and statistics of a newsletter issue."

    def add_arguments(self, parser) -> None:
        parser.add_argument("page_id", type=int, help="Id of the NewsletterPage.")

    def handle(self, *args, page_id: int, **options) -> None:
        page = NewsletterPage.objects.filter(pk=page_id).first()
        if page is None:
            raise CommandError(f"No newsletter issue with id {page_id}.")
        sending.start_due_sends()
        sends = Send.objects.filter(page=page.canonical_page()).order_by("pk")
        if not sends:
            self.stdout.write("no sends")
        for send in sends:
            for line in describe(sending.progress(send)):
                self.stdout.write(line)
        stats = sending.statistics(page)
        total = stats.pop("all")
        for language, values in [*stats.items(), ("all", total)]:
            numbers = ", ".join(f"{name} {values[name]}" for name in sending.STAT_FIELDS)
            self.stdout.write(f"{language}: {numbers}")


def describe(state: sending.Progress) -> list[str]:
    """The lines `newsletter_status` prints for one send (the send screen's facts, in text)."""
    send = state.send
    kind = "test" if send.is_test else "subscribers"
    line = (
        f"send {send.pk} {kind} {state.state}: {state.done}/{state.total} done, "
        f"{state.sent} sent, {state.failed} failed"
    )
    if state.rate is not None and state.eta_seconds is not None:
        line += f", {state.rate:.0f}/s, ETA {state.eta_seconds:.0f}s"
    if state.state == "sending" and state.live_workers:
        line += f", {state.live_workers} worker(s)"
    if state.state == "waiting" and state.next_retry_at is not None:
        line += f", next retry at {state.next_retry_at.isoformat()}"
        if send.last_error:
            line += f" (last error: {send.last_error})"
    if state.state == "stalled":
        line += ", no live worker: start one with `manage.py db_worker`"
    if send.status == Send.Status.SCHEDULED and send.scheduled_at:
        line += f", scheduled for {send.scheduled_at.isoformat()}"
    lines = [line]
    if not send.is_final:
        lines += [f"  {lang.code}: {lang.done}/{lang.total}" for lang in state.languages]
    return lines
