"""Settings for the Lighthouse benchmark: the load benchmark's production settings, plus uploaded
images served by Django (in production the proxy or S3 serves /media/; here nothing else does)."""

from benchmarks.load_settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.lighthouse_urls"
