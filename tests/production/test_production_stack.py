"""The production path end to end: the wheel an operator installs serves the site.

Built from the checkout, installed into a fresh virtualenv, run from a directory outside the
checkout with PostgreSQL, Redis, gunicorn (two processes) and two task workers, following the
README's production section step for step (see `conftest.py`). `make smoke` runs this module.
"""

import json
import os
import re
import signal
import tarfile
import time
import zipfile
from collections import Counter
from pathlib import Path

import polib
import psycopg
import pytest

from tests.ports import free_port

from .stack import ROOT, Visitor, access_log_pids, as_json, wait_for

pytestmark = pytest.mark.production_smoke

# Checkout folder -> its place in the installed package.
PACKAGE_FOLDERS = {
    "site": "stempd",
    "locale": "stempd/locale",
    "home": "home",
    "translation": "translation",
    "network": "network",
    "events": "events",
    "newsletters": "newsletters",
    "demo": "demo",  # in the wheel for staging sites; production never installs it
}


def checkout_files() -> dict[str, str]:
    """Every file the package is made of: {path in the checkout: path in the wheel}."""
    files = {}
    for folder, installed in PACKAGE_FOLDERS.items():
        for path in (ROOT / folder).rglob("*"):
            relative = path.relative_to(ROOT / folder)
            if path.is_dir() or "__pycache__" in relative.parts or path.suffix in {".pyc", ".mo"}:
                continue
            files[f"{folder}/{relative}"] = f"{installed}/{relative}"
    return files


def test_the_sdist_and_the_wheel_carry_every_module_template_static_file_catalogue_and_migration(
    built,
):
    sdist, wheel = built
    files = checkout_files()
    assert "translation/migrations/0001_initial.py" in files
    assert "site/templates/base.html" in files
    with zipfile.ZipFile(wheel) as archive:
        in_wheel = set(archive.namelist())
    with tarfile.open(sdist) as archive:
        top = archive.getnames()[0].split("/")[0]
        in_sdist = {name.removeprefix(top + "/") for name in archive.getnames()}
    assert sorted(set(files.values()) - in_wheel) == []
    assert sorted(set(files) - in_sdist) == []
    assert not [name for name in in_wheel if name.endswith(".mo")]  # compiled where installed


def test_the_installed_package_not_the_checkout_is_what_runs(stack):
    code = "import home, stempd; print(stempd.__file__); print(home.__file__)"
    paths = stack.run([str(stack.venv / "bin" / "python"), "-c", code], cwd=stack.site)
    for path in paths.split():
        assert Path(path).is_relative_to(stack.site_packages), path


def test_release_steps_write_under_the_working_directory_never_into_the_package(stack, released):
    catalogues = list((stack.site_packages / "stempd/locale").glob("*/LC_MESSAGES/*.po"))
    assert len(catalogues) >= 7  # django.po of each language but English, and JavaScript's
    assert f"{len(catalogues)} catalogue(s) compiled." in released["compile_translations"]
    assert (stack.site_packages / "stempd/locale/de/LC_MESSAGES/django.mo").is_file()
    assert str(stack.site / "var" / "static") in released["collectstatic"]
    assert list((stack.site / "var" / "static" / "css").glob("site.*.css"))
    assert not (stack.site_packages / "var").exists()
    assert "Demo content ready" in released["load_demo_content"]


PAGES = [
    "/healthz",
    "/en/",
    "/de/",
    "/tr/",
    "/en/news/",
    "/en/events/",
    "/en/publications/",
    "/en/news/feed/",
    "/en/calendar.ics",
    "/de/calendar.ics",
    "/sitemap.xml",
    "/admin/login/",
]


def test_pages_in_three_languages_feeds_sitemap_admin_login_and_healthz_answer_200(running):
    statuses = {path: running.get(path)[0] for path in PAGES}
    assert statuses == dict.fromkeys(PAGES, 200)


def test_the_site_css_and_the_admin_css_are_served(running):
    _status, _headers, page = running.get("/en/")
    _status, _headers, login = running.get("/admin/login/")
    site_css = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', page).group(1)
    admin_css = re.search(r'href="(/static/wagtailadmin/css/core\.[0-9a-f]+\.css)"', login).group(1)
    for path in (site_css, admin_css):
        status, headers, body = running.get(path)
        assert (status, headers["Content-Type"].split(";")[0]) == (200, "text/css")
        assert len(body) > 1000


@pytest.mark.parametrize("language", ["de", "tr"])
def test_pages_show_the_interface_strings_of_the_compiled_catalogue(stack, running, language):
    catalogue = polib.pofile(
        str(stack.site_packages / f"stempd/locale/{language}/LC_MESSAGES/django.po")
    )
    strings = ["Skip to main content", "Co-funded by the European Union"]
    translated = [catalogue.find(msgid).msgstr for msgid in strings]
    _status, _headers, body = running.get(f"/{language}/")
    assert all(text in body for text in translated), translated
    assert not any(msgid in body for msgid in strings)


PUBLISH_NEW_TITLE = """
from wagtail.models import Page
page = Page.objects.get(locale__language_code="en", url_path__endswith="/publications/").specific
page.title = "Publications and toolkits"
page.save_revision().publish()
"""


def test_a_publish_in_another_process_reaches_both_web_processes(stack, running, cdn):
    def pids_serving(title: str) -> set[str]:
        """Ask until both web processes have answered; every answer must show `title`."""
        log_before = len(access_log_pids(stack.log_events("web"), "/en/publications/"))
        for _request in range(200):
            status, _headers, body = running.get("/en/publications/")
            visible = body.replace("\u00ad", "")  # long words carry soft hyphens
            assert status == 200 and f"<h1>{title}</h1>" in visible
            pids = set(access_log_pids(stack.log_events("web"), "/en/publications/")[log_before:])
            if len(pids) == 2:
                return pids
        raise AssertionError("the requests never reached both web processes")

    assert len(pids_serving("Publications")) == 2  # both have cached the page
    stack.shell(PUBLISH_NEW_TITLE)
    assert len(pids_serving("Publications and toolkits")) == 2
    # A worker purges the CDN, outside any web request.
    purged = wait_for(
        lambda: [r for r in cdn.requests if r["path"].startswith("/en/publications/")],
        message=f"no PURGE of the page reached the CDN: {cdn.requests}",
    )
    assert purged


def test_a_sign_up_confirmation_is_sent_by_a_worker(stack, running, esp):
    address = "smoke-reader@example.org"
    status, _headers, _body = running.request(
        "/en/newsletter/subscribe/",
        data=f"email={address.replace('@', '%40')}&language=en&consent=on&website=".encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 303
    messages = wait_for(
        lambda: [m for m in esp.messages() if address in m["To"]],
        message="no confirmation mail reached the ESP",
    )
    assert len(messages) == 1
    link = re.search(
        r"http://127\.0\.0\.1:\d+(/en/newsletter/confirm/[^\s\"<]+)", messages[0]["TextBody"]
    )
    assert link, messages[0]["TextBody"]
    assert running.get(link.group(1))[0] == 200
    ran_by = as_json(
        stack.shell(
            "import json; from django_tasks_db.models import DBTaskResult; "
            "print(json.dumps([r.worker_ids for r in DBTaskResult.objects.filter("
            "task_path__endswith='send_confirmation_email')]))"
        )
    )
    assert ran_by and all(set(ids) <= {"w1", "w2"} and ids for ids in ran_by)


def test_readiness_reports_database_cache_and_the_workers(running):
    status, _headers, body = running.get("/readyz")
    report = json.loads(body)
    assert (status, report["ready"], report["database"], report["cache"]) == (200, True, True, True)
    assert report["workers"]["last_task_taken_seconds"] is not None  # the workers took tasks


SEED_SEND = """
import json
from newsletters import sending
from newsletters.models import NewsletterPage, Subscriber, email_hash
Subscriber.objects.bulk_create(
    Subscriber(
        email=f"smoke{n:05d}@example.org",
        email_hash=email_hash(f"smoke{n:05d}@example.org"),
        language=["en", "de", "tr"][n % 3],
        status=Subscriber.Status.CONFIRMED,
    )
    for n in range(2000)
)
demo_issue = NewsletterPage.objects.live().filter(locale__language_code="en").first()
issue = demo_issue.copy(update_attrs={"slug": "smoke-issue", "title": "Smoke test issue"})
print(json.dumps(sending.create_send(issue).send.pk))
"""


def test_a_newsletter_to_2000_reaches_each_once_with_a_worker_killed_half_way(
    stack, running, esp, database
):
    esp.responder = lambda _number, _request: time.sleep(0.2)  # an ESP taking its time
    everyone = {f"smoke{n:05d}@example.org" for n in range(2000)}

    def ours() -> list[str]:
        return [address for address in esp.accepted_recipients() if address in everyone]

    try:
        send_id = as_json(stack.shell(SEED_SEND))
        wait_for(lambda: len(ours()) >= 600, message="the send never got going")
        with psycopg.connect(database) as connection:
            holders = [
                int(worker.rsplit(":", 1)[1])
                for (worker,) in connection.execute(
                    "SELECT worker FROM newsletters_sendworker WHERE send_id = %s", [send_id]
                )
            ]
        doomed = next(process for process in stack.workers if process.pid in holders)
        assert len(ours()) < 2000, "the send finished before a worker could be killed"
        os.kill(doomed.pid, signal.SIGKILL)
        doomed.wait(10)

        def status() -> str | None:
            with psycopg.connect(database) as connection:
                row = connection.execute(
                    "SELECT status FROM newsletters_send WHERE id = %s", [send_id]
                ).fetchone()
            return row[0] == "done" and row[0]

        wait_for(status, timeout=240, message="the send did not finish after the kill")
    finally:
        esp.responder = None
    received = Counter(ours())
    assert set(received) == everyone
    twice = [address for address, times in received.items() if times > 1]
    assert len(twice) <= 50  # at most the one ESP call the killed worker had in flight
    with psycopg.connect(database) as connection:
        recorded = connection.execute(
            "SELECT status, count(*), count(DISTINCT subscriber_id) FROM newsletters_delivery"
            " WHERE send_id = %s GROUP BY status",
            [send_id],
        ).fetchall()
    assert [(status, rows == people) for status, rows, people in recorded] == [("sent", True)]


def test_every_log_line_is_one_json_event_without_addresses_or_secrets(stack, running):
    secrets = [stack.env["SECRET_KEY"], stack.env["ANYMAIL_MAILGUN_API_KEY"], "@example.org"]
    for name in ("web", "worker-1", "worker-2"):
        events = stack.log_events(name)  # fails on any line that is not a JSON object
        assert events, name
        leaked = [event for event in events if any(s in json.dumps(event) for s in secrets)]
        assert leaked == [], name


RESTORED_PAGES = ["/en/", "/de/", "/tr/", "/en/news/", "/en/events/", "/en/publications/"]


def main_content(body: str) -> str:
    return re.search(r"<main\b.*?</main>", body, re.DOTALL).group(0)


def files_under(folder: Path) -> list[Path]:
    return sorted(path.relative_to(folder) for path in folder.rglob("*") if path.is_file())


def test_a_backup_restored_into_a_fresh_database_serves_the_same_pages(stack, running, database):
    """The README's backup and restore commands, then a web process on the restored copy."""
    backup, media = stack.workdir / "stempd.dump", stack.workdir / "stempd-media.tar.gz"
    var = stack.site / "var"
    stack.run(["pg_dump", "--format=custom", f"--file={backup}", database])
    stack.run(["tar", "--create", "--gzip", f"--file={media}", f"--directory={var}", "media"])
    server, name = database.rsplit("/", 1)
    restored_var = stack.workdir / "restored-var"
    restored_var.mkdir()
    restored_env = {
        "DATABASE_URL": f"{server}/{name}_restored",
        "VAR_DIR": str(restored_var),
        "STATIC_ROOT": str(var / "static"),  # collected by the release steps, not backed up
        "REDIS_URL": "redis://127.0.0.1:6379/8",  # its own cache: nothing of the original's
    }
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}_restored"')
    web = None
    try:
        stack.run(
            ["pg_restore", "--no-owner", f"--dbname={restored_env['DATABASE_URL']}", str(backup)]
        )
        stack.run(["tar", "--extract", "--gzip", f"--file={media}", f"--directory={restored_var}"])
        assert files_under(restored_var / "media") == files_under(var / "media")
        stack.run([str(stack.venv / "bin" / "stempd"), "migrate", "--no-input"], **restored_env)
        stack.run(["redis-cli", "-u", restored_env["REDIS_URL"], "flushdb"])
        port = free_port()
        bind = f"127.0.0.1:{port}"
        web = stack.start(
            "restored-web",
            "gunicorn",
            "--config",
            "gunicorn.conf.py",
            "--bind",
            bind,
            **restored_env,
        )
        copy = Visitor(f"http://{bind}")
        copy.wait_until_up(web, "the restored site's gunicorn did not start")
        for path in RESTORED_PAGES:
            (status, _h, original), (restored_status, _h2, restored) = (
                running.get(path),
                copy.get(path),
            )
            assert (status, restored_status) == (200, 200), path
            assert main_content(restored) == main_content(original), path
    finally:
        if web is not None:
            web.terminate()
            web.wait(30)
        stack.run(["redis-cli", "-u", restored_env["REDIS_URL"], "flushdb"])
        with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}_restored" WITH (FORCE)')
