"""`stempd <command>` (or `python -m stempd`): manage.py's commands for the installed site.

An installed wheel has no `manage.py`; this is the same entry point, defaulting to the production
settings (a checkout's `manage.py` defaults to the development ones).
"""

import os
import sys


def main() -> None:
    """Run a management command, as `manage.py` does."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stempd.settings.production")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
