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
- Log lines (gunicorn's and the site's) are one redacted line per event, JSON with
  `LOG_FORMAT=json`; the access log names the process that answered.
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
# No `gunicornc` control socket: its default path in $HOME is shared by every gunicorn the same
# user runs (two sites, a restore beside the live site), each replacing the other's socket.
control_socket_disable = True
accesslog = "-"
# gunicorn's default line plus the answering process, so a request can be traced to its process.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" pid=%(p)s'
# gunicorn's own lines (start-up, errors, the access log) in the site's log format: one redacted
# line per event, a JSON object each with LOG_FORMAT=json (stempd.log_format).
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {
            "()": "stempd.log_format.line_formatter",
            "log_format": os.environ.get("LOG_FORMAT", "text").strip(),
        }
    },
    "handlers": {
        "errors": {
            "class": "logging.StreamHandler",
            "formatter": "line",
            "stream": "ext://sys.stderr",
        },
        "access": {
            "class": "logging.StreamHandler",
            "formatter": "line",
            "stream": "ext://sys.stdout",
        },
    },
    "root": {"level": "INFO", "handlers": ["errors"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["errors"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["access"], "propagate": False},
    },
}
