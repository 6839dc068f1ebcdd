"""Point the default Wagtail Site at the configured base URL (a deployment's release step).

Page URLs in feeds, calendars, sitemaps, canonical links and search results come from the Site
record; this keeps it equal to `WAGTAILADMIN_BASE_URL` so they never depend on a request's Host.
"""

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from home import site_url


class Command(BaseCommand):
    """Used by the Procfile's release step and by `run_site`."""

    help = "Set the default site's hostname and port from WAGTAILADMIN_BASE_URL (or --base-url)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--base-url", default="", help="e.g. https://stem-pd-net.example")

    def handle(self, *args, base_url: str = "", **options) -> None:
        try:
            site = site_url.sync_default_site(base_url or site_url.base_url())
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        if site is None:
            self.stdout.write("No default site yet; nothing to change.")
        else:
            self.stdout.write(f"Default site: {site.root_url}")
