"""Build the demo site from the network's documents; safe to run any number of times.

Runs the steps of `demo.steps` in order. Steps only create what is missing, so a second run
changes nothing.
"""

from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo.builders import DemoContext, ensure_demo_superuser
from demo.steps import OVERRIDES, STEPS
from home.bulk_indexing import indexing_in_bulk
from home.localization import ensure_locales
from translation import notifications


class Command(BaseCommand):
    """Used by `make run`; prints the demo login at the end."""

    help = "Create the demo content (idempotent) and the demo superuser."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load demo content even though DEBUG is off (a staging site, say).",
        )
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=None,
            help="Date new news and events relative to this day (YYYY-MM-DD) instead of today.",
        )
        parser.add_argument(
            "--only",
            type=lambda value: {name.strip() for name in value.split(",") if name.strip()},
            default=None,
            help="Run only these demo steps (comma-separated names as printed, e.g. "
            "'home,network,events'): a quicker partial reload.",
        )

    def handle(
        self,
        *args,
        allow_production: bool = False,
        today: date | None = None,
        only: set[str] | None = None,
        **options,
    ) -> None:
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "DEBUG is off: this looks like production. Pass --allow-production to load demo "
                "content anyway."
            )
        unknown = (only or set()) - set(STEPS)
        if unknown:
            known = ", ".join(STEPS)
            raise CommandError(
                f"Unknown demo step(s): {', '.join(sorted(unknown))}. Known: {known}"
            )
        locales = ensure_locales()
        self.stdout.write(f"Locales: {', '.join(locale.language_code for locale in locales)}")
        user, password = ensure_demo_superuser()
        context = DemoContext(stdout=self.stdout, user=user, overrides=dict(OVERRIDES))
        if today is not None:
            context.today = today
        # The search and reference indexes are brought up to date here, once, for what survives
        # the build: the demo leaves the worker no backlog for a first sign-up to wait behind.
        # No workflow emails: the demo's translations need no translator and no review.
        with indexing_in_bulk(now=True) as saved, notifications.paused():
            for name, run in STEPS.items():
                if only is not None and name not in only:
                    continue
                self.stdout.write(f"Demo step: {name}")
                with transaction.atomic():
                    run(context)
            self.stdout.write(f"Indexing {len(saved)} saved object(s) for search and references")
        summary = f"Demo content ready ({context.created} new item(s))."
        self.stdout.write(self.style.SUCCESS(summary))
        if password:
            self.stdout.write(self.style.SUCCESS(f"Demo login: {user.username} / {password}"))
        else:
            self.stdout.write(f"Demo login: {user.username} (password set outside this checkout)")
        for username, other_password in context.logins:
            shown = other_password or "(password set outside this checkout)"
            self.stdout.write(self.style.SUCCESS(f"Demo login: {username} / {shown}"))
