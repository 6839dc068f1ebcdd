"""WSGI entry point for gunicorn and other WSGI servers (production settings by default)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stempd.settings.production")

application = get_wsgi_application()
