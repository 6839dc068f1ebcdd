"""An operator's upgrade: a database made by the last release migrates to this one, data intact.

`fixtures/release-2.dump` is `pg_dump --format=custom` of release 2 (commit 71edd1c) after its
`migrate` and `load_demo_content`, and `fixtures/release-2-media.tar.gz` its media folder;
`scripts/build_release_fixture.sh` rebuilds both from a commit. The installed wheel of this release
migrates the restored copy, with the README's production settings, and serves it.
"""

from html import escape
from pathlib import Path

import psycopg
import pytest

from tests.ports import free_port

from .stack import Visitor

pytestmark = pytest.mark.production_smoke

FIXTURES = Path(__file__).parent / "fixtures"

# What an upgrade must keep, row for row: pages, their history and translations, the audience.
SNAPSHOT = {
    "pages": (
        "SELECT id, locale_id, url_path, title, live, latest_revision_id FROM wagtailcore_page"
    ),
    "revisions": "SELECT id, object_id, content_type_id, created_at FROM wagtailcore_revision",
    "translations": (
        "SELECT id, source_id, target_locale_id, enabled FROM wagtail_localize_translation"
    ),
    "string translations": (
        "SELECT id, translation_of_id, locale_id, context_id"
        " FROM wagtail_localize_stringtranslation"
    ),
    "subscribers": "SELECT id, email, status, language FROM newsletters_subscriber",
    "deliveries": "SELECT id, send_id, subscriber_id, status FROM newsletters_delivery",
    "sends": "SELECT id, page_id, status FROM newsletters_send",
    "users": "SELECT id, username, email, password FROM auth_user",
    "images": "SELECT id, file, width, height FROM wagtailimages_image",
}


def snapshot(url: str) -> dict[str, list[tuple]]:
    with psycopg.connect(url) as connection:
        return {
            name: sorted(connection.execute(query).fetchall()) for name, query in SNAPSHOT.items()
        }


def english_page(url: str, model: str) -> tuple[str, str]:
    """The public address and title of the first live English page of `model` in the database."""
    with psycopg.connect(url) as connection:
        url_path, title = connection.execute(
            "SELECT page.url_path, page.title FROM wagtailcore_page page"
            " JOIN django_content_type type ON type.id = page.content_type_id"
            " JOIN wagtailcore_locale locale ON locale.id = page.locale_id"
            " WHERE type.model = %s AND locale.language_code = 'en' AND page.live"
            " ORDER BY page.path LIMIT 1",
            [model],
        ).fetchone()
    return "/en/" + url_path.split("/", 2)[2], title  # without the root page's own segment


def test_a_database_of_the_last_release_migrates_with_its_content_intact(stack, released, database):
    server, name = database.rsplit("/", 1)
    upgraded = f"{server}/{name}_release2"
    var = stack.workdir / "release2-var"
    var.mkdir()
    environ = {
        "DATABASE_URL": upgraded,
        "VAR_DIR": str(var),
        "STATIC_ROOT": str(stack.site / "var" / "static"),  # this release's collected files
        "REDIS_URL": "redis://127.0.0.1:6379/9",  # its own cache, nothing of the other site's
    }
    stempd = str(stack.venv / "bin" / "stempd")
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}_release2"')
    web = None
    try:
        dump = FIXTURES / "release-2.dump"
        stack.run(["pg_restore", "--no-owner", "--no-acl", f"--dbname={upgraded}", str(dump)])
        media = FIXTURES / "release-2-media.tar.gz"
        stack.run(["tar", "--extract", "--gzip", f"--file={media}", f"--directory={var}"])
        before = snapshot(upgraded)
        assert len(before["pages"]) > 100 and before["deliveries"] and before["translations"]

        stack.run([stempd, "migrate", "--no-input"], cwd=stack.site, **environ)
        stack.run([stempd, "migrate", "--check"], cwd=stack.site, **environ)
        stack.run([stempd, "makemigrations", "--check", "--dry-run"], cwd=stack.site, **environ)
        after = snapshot(upgraded)
        for table, rows in before.items():
            assert after[table] == rows, f"the upgrade changed or lost {table}"

        stack.run(["redis-cli", "-u", environ["REDIS_URL"], "flushdb"])
        bind = f"127.0.0.1:{free_port()}"
        web = stack.start(
            "upgraded-web", "gunicorn", "--config", "gunicorn.conf.py", "--bind", bind, **environ
        )
        site = Visitor(f"http://{bind}")
        site.wait_until_up(web, "the upgraded site's gunicorn did not start")
        booklet, title = english_page(upgraded, "bookletpage")
        for path in ["/en/", "/de/", "/tr/", "/en/news/", "/en/events/", booklet]:
            status, _headers, body = site.get(path)
            assert status == 200, (path, body[-2000:])
        assert escape(title) in site.get(booklet)[2]
    finally:
        if web is not None:
            web.terminate()
            web.wait(30)
        stack.run(["redis-cli", "-u", environ["REDIS_URL"], "flushdb"])
        with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}_release2" WITH (FORCE)')
