"""What a render depended on: the tags recorded while a page, fragment or feed is being built.

While `recording()` is active (the page cache wraps a render in it), it notes:
- every page, image and document loaded: `page:<id>`, `tk:<translation_key>` (so a new
  translation reaches language switchers and menus), `image:<id>`, `document:<id>`, and
  `table:<db_table>` for any other model (snippets, settings);
- every listing's tables as `table:<name>`, even when it found nothing (so the first item reaches
  an empty listing), except fetches by primary key (their rows are tagged as loaded) and
  `wagtailcore_page`, which every render reads: listings of pages record `children:<id>` instead;
- whatever the code asks for with `record()`, and `TREE` (moves, slug and site changes) always.
Nested recordings (a fragment in a page) pass their tags up, and so does a cached fragment.
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar

from django.db import connection
from django.db.models import Model

from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage, AbstractRendition
from wagtail.models import Page

TREE = "tree"
PAGE_TABLE = Page._meta.db_table
# Tables every render reads that say nothing about what it shows.
UNTRACKED_TABLES = frozenset({PAGE_TABLE, "django_content_type", "django_session"})

_tags: ContextVar[set[str] | None] = ContextVar("stempd_cache_tags", default=None)
_watching_queries: ContextVar[bool] = ContextVar("stempd_cache_queries", default=False)

_TABLE = re.compile(r'\b(?:FROM|JOIN)\s+"?(\w+)"?', re.IGNORECASE)
# `WHERE "t"."id" = %s` / `IN (%s, ...)`, then nothing but ORDER BY / LIMIT: a fetch by key.
_BY_KEY = re.compile(
    r'\sWHERE\s+"?\w+"?\."?(?:id|\w+_ptr_id)"?\s*(?:=\s*%s|IN\s*\(\s*%s(?:\s*,\s*%s)*\s*\))'
    r"(?:\s+ORDER BY\s[^()]*?)?(?:\s+LIMIT\s+\d+)?(?:\s+OFFSET\s+\d+)?\s*$",
    re.IGNORECASE,
)


def page_tags(page: Page) -> set[str]:
    """The tags naming one page (its id, and its translation family when loaded)."""
    tags = {f"page:{page.pk}"}
    translation_key = page.__dict__.get("translation_key")
    if translation_key is not None:
        tags.add(f"tk:{translation_key}")
    return tags


def model_tables(model: type[Model]) -> set[str]:
    """The tables of a model and of its concrete parents, as tags, without the page table."""
    models = [model, *model._meta.get_parent_list()]
    return {
        f"table:{m._meta.db_table}"
        for m in models
        if not m._meta.proxy and m._meta.db_table not in UNTRACKED_TABLES
    }


def instance_tags(instance: Model) -> set[str]:
    """The tags a loaded instance gives the render that loaded it."""
    if instance.pk is None:
        return set()
    if isinstance(instance, Page):
        return page_tags(instance)
    if isinstance(instance, AbstractImage):
        return {f"image:{instance.pk}"}
    if isinstance(instance, AbstractRendition):
        image_id = instance.__dict__.get("image_id")
        return {f"image:{image_id}"} if image_id is not None else set()
    if isinstance(instance, AbstractDocument):
        return {f"document:{instance.pk}"}
    return model_tables(type(instance))


def record(*tags: str) -> None:
    """Add tags to the recording in progress (nothing happens outside one)."""
    current = _tags.get()
    if current is not None:
        current.update(tags)


def query_tags(sql: str) -> set[str]:
    """The `table:` tags of one query: none for writes or fetches by primary key."""
    if sql.lstrip()[:6].upper() != "SELECT" or _BY_KEY.search(sql):
        return set()
    return {f"table:{name}" for name in _TABLE.findall(sql) if name not in UNTRACKED_TABLES}


def _watch_query(execute, sql, params, many, context):
    if not many:
        record(*query_tags(sql))
    return execute(sql, params, many, context)


def on_instance_loaded(sender, instance, **kwargs) -> None:
    """post_init of any model: note the loaded instance while a recording is active."""
    if _tags.get() is not None:
        record(*instance_tags(instance))


@contextmanager
def recording() -> Iterator[set[str]]:
    """Collect the tags of what is rendered inside; they also go to an enclosing recording."""
    outer = _tags.get()
    tags = {TREE}
    token = _tags.set(tags)
    # Only the outermost recording wraps the connection: queries record into the innermost.
    watching = None if _watching_queries.get() else _watching_queries.set(True)
    try:
        with connection.execute_wrapper(_watch_query) if watching is not None else nullcontext():
            yield tags
    finally:
        if watching is not None:
            _watching_queries.reset(watching)
        _tags.reset(token)
        if outer is not None:
            outer.update(tags)
