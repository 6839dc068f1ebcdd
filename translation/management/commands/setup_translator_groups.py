"""Create the partner translator groups, the communications staff group and the review workflow.

Idempotent: run it after deploying, after adding a language, and after translating the home page
into a new language (translators' page permissions hang from it, so a language without one is
reported and skipped). Re-running after changing `TRANSLATORS_CAN_PUBLISH` grants or withdraws
the publish permission and the review workflow. Adding and removing a partner translator is
described in the README ("Partner translators").
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
