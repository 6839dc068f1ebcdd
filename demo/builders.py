"""Building blocks shared by the demo's steps: the demo login, pages, translations, images.

Each helper is idempotent: it finds what an earlier run made and leaves it untouched, so running
`manage.py load_demo_content` twice changes nothing.
"""

import json
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.management.base import OutputWrapper
from django.db import transaction
from django.utils import timezone

from wagtail.models import Locale, Page, Site
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

DEMO_USERNAME = "admin"


def credentials_path() -> Path:
    """Where the generated demo password is kept (git-ignored, readable by the owner only)."""
    return Path(settings.VAR_DIR) / "demo-credentials.txt"


def read_demo_credentials() -> tuple[str, str] | None:
    """The demo login written by `ensure_demo_superuser`, if this checkout has one."""
    path = credentials_path()
    if not path.exists():
        return None
    # The first line is the admin's; demo steps may add other logins below it.
    first = (path.read_text().strip().splitlines() or [""])[0]
    username, _, password = first.partition(":")
    return (username, password) if password else None


def ensure_demo_superuser() -> tuple[AbstractBaseUser, str | None]:
    """Create the demo superuser once, with a random password, and remember the password.

    Returns the user and the password when it is known to this checkout. An existing account is
    never changed, so a password an operator set by hand survives a re-run.
    """
    user_model = get_user_model()
    user = user_model.objects.filter(username=DEMO_USERNAME).first()
    known = read_demo_credentials()
    if user is not None:
        return user, known[1] if known and known[0] == DEMO_USERNAME else None
    password = os.environ.get("DEMO_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
    user = user_model.objects.create_superuser(
        DEMO_USERNAME, email="admin@stem-pd-net.example", password=password
    )
    path = credentials_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{DEMO_USERNAME}:{password}\n")
    path.chmod(0o600)
    return user, password


@dataclass
class DemoContext:
    """What demo steps share: the output, the acting user, pages later steps link to, and the
    day the demo is loaded, which recent news and upcoming events are dated from."""

    stdout: OutputWrapper
    user: AbstractBaseUser
    pages: dict[str, Page] = field(default_factory=dict)
    created: int = 0
    today: date = field(default_factory=timezone.localdate)
    logins: list[tuple[str, str | None]] = field(default_factory=list)  # printed after the admin's
    # (model label, field) → the value a translation gets instead of the source's (`demo.steps`).
    overrides: dict[tuple[str, str], Callable[..., Any]] = field(default_factory=dict)

    def note(self, message: str) -> None:
        """Report progress the way management commands should."""
        self.stdout.write(f"  {message}")

    def days_from_today(self, days: int) -> date:
        """A date relative to the load day (negative: in the past)."""
        return self.today + timedelta(days=days)


def ensure_child_page(
    context: DemoContext, parent: Page, page_class: type[Page], slug: str, **fields: Any
) -> Page:
    """Return the child of `parent` with `slug`; create and publish it if it does not exist."""
    existing = parent.get_children().filter(slug=slug).specific().first()
    if existing is not None:
        return existing
    page = page_class(slug=slug, locale=parent.locale, **fields)
    parent.add_child(instance=page)
    page.save_revision(user=context.user, log_action=True).publish(user=context.user)
    context.created += 1
    context.note(f"created {page_class.__name__} “{page.title}”")
    return page


def refresh_untouched(
    context: DemoContext, page: Page, demo_revisions: int = 1, **fields: Any
) -> bool:
    """Give a demo page new values (dates for today's load) only if nobody has edited it.

    The demo makes each page with a known number of revisions (`demo_revisions`); any edit in the
    admin adds one, and the demo never adds more. So a live page without a draft that still has
    only the demo's revisions is untouched: the demo rewrites its latest revision with the new
    values and publishes it again, so the usual signals run (page cache, calendar SEQUENCE).
    Every other page keeps exactly what it has. Returns whether the page changed.
    """
    if not page.live or page.has_unpublished_changes:
        return False
    revisions = list(page.revisions.order_by("-created_at", "-pk")[: demo_revisions + 1])
    if len(revisions) != demo_revisions:
        return False
    changed = {
        name: value
        for name, value in fields.items()
        if _comparable(getattr(page, name)) != _comparable(value)
    }
    if not changed:
        return False
    for name, value in changed.items():
        setattr(page, name, value)
    revision = revisions[0]
    revision.content = page.serializable_data()
    revision.save(update_fields=["content"])
    revision.publish(user=context.user, log_action=False)
    context.note(f"moved “{page.title}” to the current dates")
    return True


def _comparable(value: Any) -> Any:
    """A field's value for comparison; child relations (exception dates) as their sorted dates."""
    if hasattr(value, "all"):
        value = value.all()
    if isinstance(value, list) or hasattr(value, "model"):
        return sorted(child.date for child in value)
    return value


def store_string_translations(
    context: DemoContext, segments, locale: Locale, strings: dict[str, str]
) -> int:
    """Store `strings` (source text → translation) for those `segments` that have none yet in
    `locale`, as a partner typing them in wagtail-localize's editor would. Returns how many."""
    added = 0
    for segment in segments:
        text = strings.get(segment.string.data)
        if text is None:
            continue
        _translation, created = StringTranslation.objects.get_or_create(
            translation_of=segment.string,
            locale=locale,
            context_id=segment.context_id,
            defaults={
                "data": text,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "last_translated_by": context.user,
            },
        )
        added += created
    return added


def store_demo_overrides(
    context: DemoContext, source, translation_source: TranslationSource, locale: Locale
) -> int:
    """Give `source`'s translation into `locale` its own value of each field the context has an
    override for (`demo.steps.OVERRIDES`), e.g. a booklet cover drawn with the translated title,
    as a translator choosing another image in wagtail-localize's editor would.

    Needs the translated title among the stored string translations; an override that exists
    (the demo's, or a translator's choice) is kept. Returns how many were added.
    """
    from wagtail_localize.models import OverridableSegment, SegmentOverride

    label = source._meta.label
    overrides = {name: make for (model, name), make in context.overrides.items() if model == label}
    if not overrides:
        return 0
    title = (
        StringTranslation.objects.filter(
            locale=locale,
            context__object_id=translation_source.object_id,
            context__path="title",
        )
        .values_list("data", flat=True)
        .first()
    )
    if not title:
        return 0
    added = 0
    for field_name, make in overrides.items():
        segment = (
            OverridableSegment.objects.filter(source=translation_source, context__path=field_name)
            .select_related("context")
            .first()
        )
        if (
            segment is None
            or SegmentOverride.objects.filter(locale=locale, context=segment.context).exists()
        ):
            continue
        value = make(context, source, locale, title)
        if value is None or value.pk == segment.data:
            continue
        SegmentOverride.objects.create(
            locale=locale,
            context=segment.context,
            data_json=json.dumps(value.pk),
            last_translated_by=context.user,
        )
        added += 1
    return added


def ensure_translation(
    context: DemoContext, source: Page, locale: Locale, strings: dict[str, str]
) -> Page:
    """Translate `source` into `locale` through wagtail-localize, as a partner would.

    `strings` maps source texts to their translation; segments without one keep the source text
    (wagtail-localize's fallback). Creating the translation through wagtail-localize, rather than
    copying the page, means partners can keep editing it in the translation editor and syncs work.
    """
    existing = source.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    with transaction.atomic():
        translation_source, _created = TranslationSource.get_or_create_from_instance(source)
        translation, _created = Translation.objects.get_or_create(
            source=translation_source, target_locale=locale
        )
        segments = StringSegment.objects.filter(source=translation_source).select_related("string")
        store_string_translations(context, segments, locale, strings)
        store_demo_overrides(context, source, translation_source, locale)
        # Save a draft, then publish it here: wagtail-localize's own publish runs on commit with
        # a page object read before later steps add children, and would reset the child count.
        translation.save_target(user=context.user, publish=False)
        target = source.get_translation(locale).specific
        target.get_latest_revision().publish(user=context.user)
    context.created += 1
    context.note(f"translated “{source.title}” into {locale.get_display_name()}")
    return target


def point_default_site_at(root_page: Page) -> Site:
    """Make `root_page` the default site's root, replacing Wagtail's placeholder welcome page.

    The site gets the configured base URL's host and port (`home.site_url`), not Wagtail's
    `localhost:80`, so the demo's feeds and canonical links work where it is served.
    """
    from home.site_url import base_url, host_and_port

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        hostname, port = host_and_port(base_url())
        return Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=root_page,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
    if site.root_page_id != root_page.pk:
        site.root_page = root_page
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.hostname, site.port = host_and_port(base_url())
        site.save()
    return site


def ensure_image(context: DemoContext, title: str, draw: Callable[[], bytes], description: str):
    """A Wagtail image drawn by `draw` (PNG bytes), created once by title, with `description`
    as its alt text. Demo images are drawn rather than committed as binaries, so their source
    is code (`demo.covers`, `demo.illustrations`); `draw` runs only for a new image.
    """
    from io import BytesIO

    from django.core.files.images import ImageFile

    from wagtail.images.models import Image

    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower()).strip("-")[:60]
    image = Image(title=title, description=description)
    image.file = ImageFile(BytesIO(draw()), name=f"{slug}.png")
    image.save()
    context.created += 1
    return image


def ensure_illustration(
    context: DemoContext, title: str, motif: str, alt: str, size: tuple[int, int] = (1200, 630)
):
    """An abstract illustration (`demo.illustrations`) as a Wagtail image with alt text, once.

    The image's description is its alt text; the title (unique among demo images) is the seed,
    so every item gets its own composition and a re-run finds the image it made before.
    """
    from io import BytesIO

    from django.core.files.images import ImageFile

    from wagtail.images.models import Image

    from demo.illustrations import png_bytes

    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower()).strip("-")[:60]
    image = Image(title=title, description=alt)
    image.file = ImageFile(BytesIO(png_bytes(motif, title, size)), name=f"{slug}.png")
    image.save()
    context.created += 1
    return image


def ensure_document(context: DemoContext, title: str, filename: str, content: bytes):
    """A Wagtail document with generated content (e.g. a booklet PDF), created once by title."""
    from django.core.files.base import ContentFile

    from wagtail.documents.models import Document

    existing = Document.objects.filter(title=title).first()
    if existing is not None:
        return existing
    document = Document(title=title)
    document.file.save(filename, ContentFile(content), save=False)
    document.save()
    context.created += 1
    return document


def ensure_menu_items(context: DemoContext, pages: list[Page]) -> None:
    """Append the pages missing from the default language's main menu (leaves others alone)."""
    from home.models import MainMenu, MainMenuItem

    menu = MainMenu.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if menu is None:
        return
    linked = set(menu.items.values_list("link_page_id", flat=True))
    missing = [page for page in pages if page.pk not in linked]
    if not missing:
        return
    start = menu.items.count()
    for offset, page in enumerate(missing):
        menu.items.add(MainMenuItem(link_page=page, sort_order=start + offset))
    menu.save()
    menu.save_revision(user=context.user).publish(user=context.user)
    context.note(f"added {len(missing)} item(s) to the main menu")
