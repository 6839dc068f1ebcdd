"""Gunicorn settings for every deployment (Procfile, deploy/ units, the container image).

Gunicorn reads this file from the working directory by itself; the command line only adds the
address to bind. Why these values:

- `gthread` workers: each process serves `GUNICORN_THREADS` requests at once, and gunicorn parks
  idle or silent connections in a poller instead of a thread. A slow client (a slow-loris sending
  its headers a byte at a time) holds at most one thread, not the whole process as with `sync`
  workers, so other visitors are still answered. A buffering reverse proxy (nginx, a load
  balancer) in front is still required: it reads whole requests before passing them on.
- `workers` is `WEB_CONCURRENCY`, gunicorn's own variable, which the Django settings read too:
  more than one process needs the shared Redis cache (`REDIS_URL`), and `manage.py check
  --deploy` fails otherwise. One process with threads works without Redis.
- `timeout` restarts a worker whose main loop hangs; `keepalive` bounds idle connections; the
  `limit_request_*` values refuse oversized request lines and headers before Django sees them.
"""

import os

wsgi_app = "stempd.wsgi:application"
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", "1"))
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
timeout = 30
graceful_timeout = 30
keepalive = 5
limit_request_line = 4094
limit_request_fields = 60
limit_request_field_size = 8190
# Recycle workers now and then, so a slow leak in any library never grows without bound.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
