"""Settings for the Lighthouse benchmark: the load benchmark's production settings, plus what the
reverse proxy the README requires does in production: it compresses pages (nginx `gzip on;`)
and serves uploaded images from /media/ (here Django does both)."""

from benchmarks.load_settings import *  # noqa: F403
from benchmarks.load_settings import MIDDLEWARE

ROOT_URLCONF = "benchmarks.lighthouse_urls"
MIDDLEWARE = ["django.middleware.gzip.GZipMiddleware", *MIDDLEWARE]
