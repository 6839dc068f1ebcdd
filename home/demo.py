"""Building blocks for the demo site, shared by every app's demo step.

Each helper is idempotent: it finds what an earlier run made and leaves it untouched, so running
`manage.py load_demo_content` twice changes nothing. Content comes from the network's own documents
(`../shared/seeds/`), rewritten in our own words.
"""

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.management.base import OutputWrapper
from django.db import transaction

from wagtail.models import Locale, Page, Site
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

DEMO_USERNAME = "admin"


def credentials_path() -> Path:
    """Where the generated demo password is kept (git-ignored, readable by the owner only)."""
    return Path(settings.BASE_DIR) / "var" / "demo-credentials.txt"


def read_demo_credentials() -> tuple[str, str] | None:
    """The demo login written by `ensure_demo_superuser`, if this checkout has one."""
    path = credentials_path()
    if not path.exists():
        return None
    username, _, password = path.read_text().strip().partition(":")
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


def ensure_locales() -> list[Locale]:
    """One Wagtail locale per site language (`settings.LANGUAGES`)."""
    return [
        Locale.objects.get_or_create(language_code=code)[0] for code, _name in settings.LANGUAGES
    ]


@dataclass
class DemoContext:
    """What demo steps share: the output, the acting user, and pages later steps link to."""

    stdout: OutputWrapper
    user: AbstractBaseUser
    pages: dict[str, Page] = field(default_factory=dict)
    created: int = 0

    def note(self, message: str) -> None:
        """Report progress the way management commands should."""
        self.stdout.write(f"  {message}")


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
        for segment in segments:
            if segment.string.data in strings:
                StringTranslation.objects.get_or_create(
                    translation_of=segment.string,
                    locale=locale,
                    context_id=segment.context_id,
                    defaults={
                        "data": strings[segment.string.data],
                        "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                        "last_translated_by": context.user,
                    },
                )
        # Save a draft, then publish it here: wagtail-localize's own publish runs on commit with
        # a page object read before later steps add children, and would reset the child count.
        translation.save_target(user=context.user, publish=False)
        target = source.get_translation(locale).specific
        target.get_latest_revision().publish(user=context.user)
    context.created += 1
    context.note(f"translated “{source.title}” into {locale.get_display_name()}")
    return target


def point_default_site_at(root_page: Page) -> Site:
    """Make `root_page` the default site's root, replacing Wagtail's placeholder welcome page."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=root_page,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
    if site.root_page_id != root_page.pk:
        site.root_page = root_page
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save()
    return site


def ensure_image(context: DemoContext, title: str, colour: str, caption: str, size=(1200, 630)):
    """A generated placeholder image (a coloured card with a caption), created once by title.

    Demo images are drawn here rather than committed as binaries, so their source is this code.
    """
    from io import BytesIO

    from django.core.files.images import ImageFile

    from wagtail.images.models import Image

    from PIL import Image as PILImage
    from PIL import ImageDraw

    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    canvas = PILImage.new("RGB", size, colour)
    draw = ImageDraw.Draw(canvas)
    font_size = max(24, size[0] // 18)
    try:
        from PIL import ImageFont

        font = ImageFont.load_default(size=font_size)
    except (ImportError, OSError):  # very old Pillow without scalable default font
        font = None
    draw.multiline_text((size[0] // 12, size[1] // 3), caption, fill="white", font=font, spacing=12)
    buffer = BytesIO()
    canvas.save(buffer, "PNG")
    slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower()).strip("-")[:60]
    image = Image(title=title, description=caption.replace("\n", " "))
    image.file = ImageFile(buffer, name=f"{slug}.png")
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
