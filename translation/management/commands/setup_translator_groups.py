"""Create the partner translator groups, the communications staff group and the review workflow.

Idempotent: run it after deploying, after adding a language, and after translating the home page
into a new language (translators' page permissions hang from their language's home page, so a
language without one is reported and skipped until then). Changing `TRANSLATORS_CAN_PUBLISH`
and re-running grants or withdraws the publish permission and the review workflow.

Admin recipe: adding a partner as a translator
  1. Settings → Users → Add a user: the partner's name and email address, no other role.
  2. On the user's "Roles" tab tick the group of their language, e.g. "Translators (Deutsch)",
     and nothing else (never "Communications staff" or "Administrator").
  3. Save. The partner now sees only their language's pages and snippets; they get an email
     each time something is submitted for translation into their language, and (unless
     translators may publish) staff get one each time the partner submits a translation for
     review, which staff approve or reject under "Workflows".
  To remove a partner, untick the group or deactivate the user; never delete their account
  (their translations keep its name in the history).
"""

from django.core.management.base import BaseCommand

from translation.groups import setup_translator_groups


class Command(BaseCommand):
    help = "Create or update translator groups per language, the staff group and the workflow."

    def add_arguments(self, parser):
        parser.add_argument(
            "--can-publish",
            choices=["yes", "no"],
            help="Override TRANSLATORS_CAN_PUBLISH for this run.",
        )

    def handle(self, *args, **options):
        choice = options.get("can_publish")
        can_publish = None if choice is None else choice == "yes"
        report = setup_translator_groups(can_publish=can_publish)
        self.stdout.write(f"Staff group: {report.staff_group.name}")
        for code, group in report.translator_groups.items():
            note = " (no home page in this language yet: run again once it exists)"
            self.stdout.write(
                f"  {code}: {group.name}{note if code in report.missing_roots else ''}"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(report.translator_groups)} translator group(s); "
                f"workflow “{report.workflow.name}”."
            )
        )
