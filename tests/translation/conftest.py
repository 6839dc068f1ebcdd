"""Fixtures for the translation workflow: one realistic page of every type, translators, and a
helper that translates every segment through wagtail-localize the way the editor does."""

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from wagtail.documents.models import Document
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

import pytest

from tests.factories.events import EventIndexPageFactory, EventPageFactory
from tests.factories.home import StandardPageFactory
from tests.factories.network import (
    BookletIndexPageFactory,
    BookletPageFactory,
    CrossCuttingIssueIndexPageFactory,
    CrossCuttingIssuePageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    PartnerIndexPageFactory,
    PartnerPageFactory,
)
from tests.translation.fake_deepl import fake_deepl  # noqa: F401  (a fixture for every test here)

PROJECT_APPS = ("home", "network", "events", "newsletters")


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Documents and images made by these tests are written to a throwaway folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


def item(value) -> dict:
    """A list-block item as the editor saves it: with an id wagtail-localize tracks it by."""
    return {"type": "item", "id": str(uuid.uuid4()), "value": value}


def body(home: Page) -> str:
    """A body with every kind of text: headings, rich text with links, quotes, an accordion
    (a list of structs holding rich text) and a call to action."""
    return json.dumps(
        [
            {"type": "heading", "value": {"text": "Aims of the network", "level": "h2"}},
            {
                "type": "paragraph",
                "value": (
                    f'<p>Teachers meet <a linktype="page" id="{home.pk}">at the centres</a> '
                    'and <a href="https://example.org/guide">read the guide</a>.</p>'
                ),
            },
            {"type": "quote", "value": {"text": "Networks help", "attribution": "A partner"}},
            {
                "type": "accordion",
                "value": {
                    "heading": "Common questions",
                    "questions": [
                        item({"question": "Who can join", "answer": "<p>Any centre</p>"}),
                        item(
                            {
                                "question": "Where to start",
                                "answer": '<p>See <a href="https://example.org/start">'
                                "the start page</a></p>",
                            }
                        ),
                    ],
                },
            },
            {
                "type": "call_to_action",
                "value": {"text": "Join us today", "label": "Read more", "page": home.pk},
            },
        ]
    )


def make_document(title: str) -> Document:
    document = Document(title=title)
    document.file.save(f"{title}.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    document.save()
    return document


@dataclass
class Built:
    """A page and the strings a visitor must see translated on it."""

    page: Page
    visible: list[str] = field(default_factory=list)


# Links sit inside their sentence's segment, so the segment's start is what is checked.
BODY_TEXTS = [
    "Aims of the network",
    "Teachers meet",
    "Networks help",
    "Common questions",
    "Who can join",
    "Any centre",
    "Where to start",
    "See",
    "Read more",
]


def _home(home, _parents):
    home.intro = "A network of centres"
    home.body = body(home)
    home.save_revision().publish()
    return Built(Page.objects.get(pk=home.pk).specific, ["A network of centres", *BODY_TEXTS])


def _standard(home, _parents):
    page = StandardPageFactory(
        parent=home, title="About us", slug="about", intro="Who we are", body=body(home)
    )
    return Built(page, ["About us", "Who we are", *BODY_TEXTS])


def _news_index(home, parents):
    return Built(parents.news(), ["Latest news"])


def _news(home, parents):
    page = NewsPageFactory(
        parent=parents.news(), title="Meeting held", lead="Partners met", body=body(home)
    )
    return Built(page, ["Meeting held", "Partners met", *BODY_TEXTS])


def _partner_index(home, parents):
    return Built(parents.partners(), ["Our partners"])


def _partner(home, parents):
    page = PartnerPageFactory(
        parent=parents.partners(),
        title="Science Centre",
        description='<p>A centre <a href="https://example.org">with a site</a></p>',
    )
    return Built(page, ["Science Centre", "A centre"])


def _issue_index(home, parents):
    return Built(parents.issues(), ["Themes"])


def _issue(home, parents):
    page = CrossCuttingIssuePageFactory(
        parent=parents.issues(),
        title="Partnerships",
        summary="Working together",
        key_recommendations=json.dumps(
            [
                {
                    "type": "recommendations",
                    "value": [item("Give networks time"), item("Involve policy makers")],
                }
            ]
        ),
        body=body(home),
    )
    return Built(
        page,
        [
            "Partnerships",
            "Working together",
            "Give networks time",
            "Involve policy makers",
            *BODY_TEXTS,
        ],
    )


def _booklet_index(home, parents):
    return Built(parents.booklets(), ["Publications list"])


def _booklet(home, parents):
    page = BookletPageFactory(
        parent=parents.booklets(),
        title="Guidelines",
        summary="Quality criteria",
        document=make_document("guidelines-en"),
        chapters=json.dumps(
            [
                {
                    "type": "chapter",
                    "value": {
                        "title": "Why networks",
                        "summary": '<p>See <a href="https://example.org/a">the annex</a></p>',
                    },
                }
            ]
        ),
    )
    return Built(page, ["Guidelines", "Quality criteria", "Why networks", "See"])


def _event_index(home, parents):
    return Built(parents.events(), ["What we organise"])


def _event(home, parents):
    page = EventPageFactory.build(title="Final conference", lead="Results", body=body(home))
    parents.events().add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return Built(page, ["Final conference", "Results", *BODY_TEXTS])


def _newsletter_index(home, parents):
    return Built(parents.newsletters(), ["Every issue"])


def _newsletter(home, parents):
    from tests.factories.newsletters import NewsletterPageFactory

    page = NewsletterPageFactory(
        parent=parents.newsletters(), title="Spring issue", preheader="What happened"
    )
    return Built(page, ["Spring issue", "What happened", "News from the centres", "Read"])


class Parents:
    """Section pages, created on first use so each builder gets the parent it needs."""

    def __init__(self, home):
        self.home = home
        self._made = {}

    def _get(self, name, factory, **fields):
        if name not in self._made:
            self._made[name] = factory(parent=self.home, **fields)
        return self._made[name]

    def news(self):
        return self._get("news", NewsIndexPageFactory, intro="Latest news")

    def partners(self):
        return self._get("partners", PartnerIndexPageFactory, intro="Our partners")

    def issues(self):
        return self._get("issues", CrossCuttingIssueIndexPageFactory, intro="Themes")

    def booklets(self):
        return self._get("booklets", BookletIndexPageFactory, intro="Publications list")

    def newsletters(self):
        from tests.factories.newsletters import NewsletterIndexPageFactory

        return self._get("newsletters", NewsletterIndexPageFactory, intro="Every issue")

    def events(self):
        def make(parent, **fields):
            page = EventIndexPageFactory.build(**fields)
            parent.add_child(instance=page)
            page.save_revision().publish()
            return page

        return self._get("events", make, intro="What we organise")


BUILDERS: dict[str, Callable] = {
    "home.homepage": _home,
    "home.standardpage": _standard,
    "network.newsindexpage": _news_index,
    "network.newspage": _news,
    "network.partnerindexpage": _partner_index,
    "network.partnerpage": _partner,
    "network.crosscuttingissueindexpage": _issue_index,
    "network.crosscuttingissuepage": _issue,
    "network.bookletindexpage": _booklet_index,
    "network.bookletpage": _booklet,
    "events.eventindexpage": _event_index,
    "events.eventpage": _event,
    "newsletters.newsletterindexpage": _newsletter_index,
    "newsletters.newsletterpage": _newsletter,
}


@pytest.fixture
def build_page(home_page):
    """Build a realistic, published page of the given model label under the English home."""
    parents = Parents(home_page)

    def make(label: str) -> Built:
        return BUILDERS[label](home_page, parents)

    return make


def fake_translation(path: str, text: str, language: str) -> str:
    """A recognisable translation that stays valid where the field is validated (slugs)."""
    if path == "slug":
        return f"{text}-{language}"
    return f"({language}) {text}"


def start_translation(instance, locale: Locale) -> Translation:
    """What "Translate" does for a page or snippet: a synced translation, an untranslated target."""
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    translation.save_target(publish=False)
    return translation


def translate_first(translation: Translation, count: int | None = None) -> None:
    """Translate the first `count` strings of `translation` (all when None), as the editor
    saves them, with `fake_translation`."""
    language = translation.target_locale.language_code
    segments = StringSegment.objects.filter(source=translation.source).order_by("order")
    for segment in list(segments.select_related("string", "context"))[:count]:
        data = fake_translation(segment.context.path, segment.string.data, language)
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            defaults={"data": data},
        )


def translate_all(page, locale: Locale, user=None) -> Page:
    """Translate every string segment of `page` into `locale` and publish the translation."""
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    translate_first(translation)
    return save_and_publish(translation, user)


def save_and_publish(translation: Translation, user=None) -> Page:
    """Save the target as a draft, then publish it here (upstream publishes on commit)."""
    translation.save_target(user=user, publish=False)
    target = translation.get_target_instance().specific
    target.get_latest_revision().publish(user=user)
    return Page.objects.get(pk=target.pk).specific


@pytest.fixture
def make_user(db):
    """A user in the given groups (staff flags off: permissions come from the groups)."""

    def make(username: str, *groups, **fields):
        user = get_user_model().objects.create_user(
            username, f"{username}@example.org", "pw", **fields
        )
        user.groups.set(groups)
        return user

    return make


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
