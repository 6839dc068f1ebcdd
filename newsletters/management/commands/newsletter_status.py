"""`manage.py newsletter_status PAGE_ID`: where the sends of an issue stand, and its statistics.

Operations use it to follow a send without the admin. Output: one line per send,
`send <id> <kind> <status>: <done>/<total> done, <sent> sent, <failed> failed[, ETA <n>s]`,
then one line per language, `<lang>: recipients <n>, sent <n>, delivered <n>, bounced <n>,
complained <n>, unsubscribed <n>, opened <n>, clicked <n>`, and `all: ...` last.
Also starts scheduled sends that are due, for task backends that cannot defer.
"""

from django.core.management.base import BaseCommand, CommandError

from newsletters import dispatch
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
        dispatch.start_due_sends()
        sends = Send.objects.filter(page=dispatch.canonical_page(page)).order_by("pk")
        if not sends:
            self.stdout.write("no sends")
        for send in sends:
            state = dispatch.progress(send)
            kind = "test" if send.is_test else "subscribers"
            line = (
                f"send {send.pk} {kind} {send.status}: {state.done}/{send.total} done, "
                f"{state.sent} sent, {state.failed} failed"
            )
            if state.eta_seconds is not None:
                line += f", ETA {state.eta_seconds:.0f}s"
            if send.status == Send.Status.SCHEDULED and send.scheduled_at:
                line += f", scheduled for {send.scheduled_at.isoformat()}"
            self.stdout.write(line)
        stats = dispatch.statistics(page)
        for language, values in [
            *[(k, v) for k, v in stats.items() if k != "all"],
            ("all", stats["all"]),
        ]:
            numbers = ", ".join(f"{name} {values[name]}" for name in dispatch.STAT_FIELDS)
            self.stdout.write(f"{language}: {numbers}")
