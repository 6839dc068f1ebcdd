"""Build the demo site from the network's documents; safe to run any number of times.

Every app contributes a step through `home.registry.register_demo_step`; this command runs them in
order. Steps only create what is missing, so a second run changes nothing.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from home.demo import DemoContext, ensure_demo_superuser, ensure_locales
from home.registry import get_demo_steps


class Command(BaseCommand):
    """Used by `make run`; prints the demo login at the end."""

    help = "Create the demo content (idempotent) and the demo superuser."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load demo content even though DEBUG is off (a staging site, say).",
        )

    def handle(self, *args, allow_production: bool = False, **options) -> None:
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "DEBUG is off: this looks like production. Pass --allow-production to load demo "
                "content anyway."
            )
        locales = ensure_locales()
        self.stdout.write(f"Locales: {', '.join(locale.language_code for locale in locales)}")
        user, password = ensure_demo_superuser()
        context = DemoContext(stdout=self.stdout, user=user)
        for step in get_demo_steps():
            self.stdout.write(f"Demo step: {step.name}")
            with transaction.atomic():
                step.run(context)
        summary = f"Demo content ready ({context.created} new item(s))."
        self.stdout.write(self.style.SUCCESS(summary))
        if password:
            self.stdout.write(self.style.SUCCESS(f"Demo login: {user.username} / {password}"))
        else:
            self.stdout.write(f"Demo login: {user.username} (password set outside this checkout)")
