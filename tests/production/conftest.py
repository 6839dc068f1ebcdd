"""One production site for the whole module: built, installed, released and started once.

The stack follows the README's production section: PostgreSQL (a throwaway database), Redis
(database 7, this suite's own), production settings from the environment, the release steps,
gunicorn with gunicorn.conf.py and two processes, and two task workers. Mail goes to a loopback
Mailgun through anymail's real backend; the CDN is a loopback PURGE endpoint.
"""

import os
import shlex
import uuid

import pytest
import redis

from tests.newsletters.fake_esp import MAILGUN_API_KEY, MAILGUN_DOMAIN, FakeMailgun
from tests.ports import free_port

from . import readme
from .stack import PurgeEndpoint, Stack, Visitor, new_secret

POSTGRES = os.environ.get("SMOKE_POSTGRES", "postgres://postgres@127.0.0.1:5432/")
REDIS_URL = "redis://127.0.0.1:6379/7"


def postgres_or_skip() -> None:
    import psycopg

    try:
        psycopg.connect(POSTGRES + "postgres", connect_timeout=3).close()
    except psycopg.OperationalError as error:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"the production stack needs PostgreSQL at {POSTGRES}: {error}")


@pytest.fixture(scope="session")
def database():
    """A fresh, empty PostgreSQL database, dropped afterwards."""
    import psycopg

    postgres_or_skip()
    name = f"stempd_smoke_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(POSTGRES + "postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield POSTGRES + name
    with psycopg.connect(POSTGRES + "postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def esp():
    with FakeMailgun() as fake:
        yield fake


@pytest.fixture(scope="session")
def cdn():
    endpoint = PurgeEndpoint()
    yield endpoint
    endpoint.stop()


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The sdist and the wheel built from it, in a directory outside the checkout."""
    return Stack(tmp_path_factory.mktemp("dist"), {}).build()


@pytest.fixture(scope="session")
def stack(tmp_path_factory, built, database, esp, cdn):
    """The built wheel installed in a fresh virtualenv, outside the checkout, configured."""
    shared = redis.Redis.from_url(REDIS_URL)
    shared.flushdb()
    port = free_port()
    site = Stack(
        tmp_path_factory.mktemp("production"),
        {
            "DJANGO_SETTINGS_MODULE": "stempd.settings.production",
            "SECRET_KEY": new_secret(),
            "ALLOWED_HOSTS": "127.0.0.1",
            "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
            "DATABASE_URL": database,
            "REDIS_URL": REDIS_URL,
            "WEB_CONCURRENCY": "2",
            "TRUSTED_PROXY_HOPS": "1",
            "EMAIL_BACKEND": "anymail.backends.mailgun.EmailBackend",
            "ANYMAIL_MAILGUN_API_KEY": MAILGUN_API_KEY,
            "ANYMAIL_MAILGUN_API_URL": esp.url + "v3",
            "ANYMAIL_MAILGUN_SENDER_DOMAIN": MAILGUN_DOMAIN,
            "FRONTEND_CACHE_PURGE_URL": cdn.url,
            "NEWSLETTER_BATCH_SIZE": "50",
            "LOG_FORMAT": "json",
            "TASKS_LOG_LEVEL": "INFO",  # a line per task too: more for the log checks to read
        },
    )
    site.port = port
    site.install(built[1], extras="demo")  # the demo's own dependencies, for its content
    yield site
    site.stop_all()
    shared.flushdb()


@pytest.fixture(scope="session")
def released(stack):
    """The README's release steps (step 5, read from it), then the demo content; each command's
    output by its name."""
    outputs = {}
    for step in readme.release_steps():
        program, command, *arguments = shlex.split(step)
        assert program == "stempd", step
        outputs[command] = stack.stempd(command, *arguments)
    # The operator's opt-in: only this command installs the demo; the site serves without it.
    outputs["load_demo_content"] = stack.stempd(
        "load_demo_content", "--allow-production", INSTALL_DEMO="true"
    )
    return outputs


@pytest.fixture(scope="session")
def running(stack, released):
    """The README's services (step 6, read from it): gunicorn with two processes on the test's
    port, two task workers, and one round of scheduled publishing as its timer runs it."""
    services = readme.services()
    web, *web_arguments = shlex.split(services["web"])
    web_arguments[web_arguments.index("--bind") + 1] = f"127.0.0.1:{stack.port}"
    web_process = stack.start("web", web, *web_arguments)
    stack.workers = [
        # Named, so the tests can tell which worker ran a task.
        stack.start(f"worker-{n}", *shlex.split(services["worker"]), "--worker-id", f"w{n}")
        for n in (1, 2)
    ]
    stack.stempd(*shlex.split(services["scheduled"])[1:])
    visitor = Visitor(f"http://127.0.0.1:{stack.port}")
    visitor.wait_until_up(web_process, stack.log("web"))
    return visitor
