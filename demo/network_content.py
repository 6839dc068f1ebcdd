"""The demo's network content: partners, cross-cutting issues, booklets with their PDFs, news,
and German and French translations of the showcase pages.

Keyed by slug. Recent news is dated from the load day; an item nobody has edited moves with it
on a later load, an edited one stays.
"""

import re
from dataclasses import replace
from decimal import Decimal

from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

from demo import network_texts as text
from demo.booklet_pdf import cover_of, render_booklet
from demo.booklet_texts import booklet_for
from demo.builders import (
    DemoContext,
    ensure_child_page,
    ensure_document,
    ensure_illustration,
    ensure_image,
    ensure_menu_items,
    ensure_translation,
    refresh_untouched,
)
from demo.catalogue import strings_for
from demo.covers import Cover, cover_png, partner_mark_png
from demo.news import NEWS
from network.models import (
    BookletIndexPage,
    BookletIssueLink,
    BookletPage,
    BookletPartner,
    CrossCuttingIssueIndexPage,
    CrossCuttingIssuePage,
    IssuePartner,
    NewsAuthor,
    NewsCategory,
    NewsIndexPage,
    NewsIssueLink,
    NewsPage,
    PartnerContact,
    PartnerIndexPage,
    PartnerPage,
    Person,
)

SHOWCASE_LANGUAGES = ("de", "fr")


def build_network(context: DemoContext) -> None:
    """Create the network's content under the English home page, then translate the showcase."""
    home = context.pages["home"]
    indexes = {
        "news": ensure_child_page(context, home, NewsIndexPage, "news", **_index_fields("news")),
        "publications": ensure_child_page(
            context, home, BookletIndexPage, "publications", **_index_fields("publications")
        ),
        "issues": ensure_child_page(
            context,
            home,
            CrossCuttingIssueIndexPage,
            "cross-cutting-issues",
            **_index_fields("cross-cutting-issues"),
        ),
        "partners": ensure_child_page(
            context, home, PartnerIndexPage, "partners", **_index_fields("partners")
        ),
    }
    context.pages.update({f"{name}_index": page for name, page in indexes.items()})
    partners = {
        data["slug"]: _ensure_partner(context, indexes["partners"], data) for data in text.PARTNERS
    }
    _retire_invented_partners(context, indexes["partners"])
    context.pages.update({f"partner:{slug}": page for slug, page in partners.items()})
    issues = {
        data["slug"]: _ensure_issue(context, indexes["issues"], data, partners)
        for data in text.ISSUES
    }
    context.pages.update({f"issue:{slug}": page for slug, page in issues.items()})
    booklets = [
        _ensure_booklet(context, indexes["publications"], data, partners, issues)
        for data in text.BOOKLETS
    ]
    categories = _ensure_categories()
    author = _ensure_author()
    news = {
        data["slug"]: _ensure_news(context, indexes["news"], data, categories, issues, author)
        for data in NEWS
    }
    ensure_menu_items(context, list(indexes.values()))
    _translate_showcase(context, indexes, booklets[0], news["links-final-conference-helsinki"])


def _index_fields(key: str) -> dict:
    title, intro = text.INDEXES[key]
    return {"title": title, "intro": intro}


def _ensure_partner(context: DemoContext, index: Page, data: dict) -> PartnerPage:
    existing = index.get_children().filter(slug=data["slug"]).specific().first()
    if existing is not None:
        return existing
    short_name = data["short_name"]
    logo = ensure_image(
        context,
        f"Logo: {short_name}",
        lambda: partner_mark_png(short_name, data["city"], data["colour"]),
        description=short_name,
    )
    page = ensure_child_page(
        context,
        index,
        PartnerPage,
        data["slug"],
        title=data["title"],
        short_name=data["short_name"],
        partner_type=data["partner_type"],
        role=data["role"],
        country=data["country"],
        city=data["city"],
        latitude=Decimal(data["latitude"]),
        longitude=Decimal(data["longitude"]),
        website=data["website"],
        description=data["description"],
        logo=logo,
    )
    if data["slug"] == "imst-klagenfurt":
        page.contacts = [
            PartnerContact(name="Doris Arztmann", role="Coordinator, Cross-Cutting Issue 06")
        ]
        page.save_revision(user=context.user).publish(user=context.user)
    return page


# Earlier versions of the demo invented these partners and labelled them "fictitious" on the site.
RETIRED_EXAMPLE_SLUGS = (
    "example-stem-centre-utrecht",
    "example-centro-stem-bologna",
    "example-centro-stem-valencia",
    "example-lab-school-freiburg",
)


def _retire_invented_partners(context: DemoContext, index: Page) -> None:
    """Unpublish the invented partners an earlier demo made, unless an editor has worked on them.

    The demo now shows real network members only; a profile an editor changed is theirs to keep.
    """
    invented = (
        PartnerPage.objects.child_of(index)
        .live()
        .filter(slug__in=RETIRED_EXAMPLE_SLUGS, is_example=True)
    )
    for page in invented:
        if page.revisions.count() == 1:
            page.unpublish(user=context.user)
            context.note(f"unpublished the invented partner “{page.title}”")


def _ensure_issue(context, index: Page, data: dict, partners: dict) -> CrossCuttingIssuePage:
    existing = index.get_children().filter(slug=data["slug"]).specific().first()
    if existing is not None:
        return existing
    page = ensure_child_page(
        context,
        index,
        CrossCuttingIssuePage,
        data["slug"],
        title=data["title"],
        number=data["number"],
        summary=data["summary"],
        coordinator=partners[data["coordinator"]],
        coordinator_name=data.get("coordinator_name", ""),
        key_recommendations=[("recommendations", data["recommendations"])],
    )
    page.partners = [IssuePartner(partner=partners[data["coordinator"]])]
    page.save_revision(user=context.user).publish(user=context.user)
    return page


def _ensure_booklet(context, index: Page, data: dict, partners: dict, issues: dict) -> BookletPage:
    existing = index.get_children().filter(slug=data["slug"]).specific().first()
    if existing is not None:
        return existing
    coordinator = partners[data["coordinator"]]
    how_to_cite = (
        f"{coordinator.short_name} ({data['date'].year}). {data['title']}. "
        "European STEM PD Centre Network."
    )
    booklet = booklet_for(
        data, coordinator.title, [partners[slug].title for slug in data["partners"]], how_to_cite
    )
    pdf = ensure_document(context, data["title"], f"{data['slug']}.pdf", render_booklet(booklet))
    cover = ensure_image(
        context,
        f"Cover: {data['title']}",
        lambda: cover_png(cover_of(booklet)),
        description=data["title"],
    )
    page = ensure_child_page(
        context,
        index,
        BookletPage,
        data["slug"],
        title=data["title"],
        booklet_type=data["booklet_type"],
        summary=data["summary"],
        coordinator=coordinator,
        coordinator_name=data.get("coordinator_name", ""),
        publication_date=data["date"],
        edition=data.get("edition", ""),
        document=pdf,
        cover_image=cover,
        chapters=[
            ("chapter", {"title": t, "summary": RichText(f"<p>{s}</p>")})
            for t, s in data["chapters"]
        ],
        how_to_cite=how_to_cite,
    )
    page.partners = [BookletPartner(partner=partners[slug]) for slug in data["partners"]]
    page.issue_links = [BookletIssueLink(issue=issues[slug]) for slug in data["issues"]]
    page.save_revision(user=context.user).publish(user=context.user)
    return page


def translated_cover(context: DemoContext, booklet: BookletPage, locale: Locale, title: str):
    """The cover of `booklet`'s translation into `locale`: the source's design with the series,
    the translated `title` and the labels in that language (the title is its alt text too), so
    no reader sees an English cover on a page in their language. A booklet the demo did not make
    keeps its own cover."""
    data = next((data for data in text.BOOKLETS if data["slug"] == booklet.slug), None)
    if data is None:
        return None
    partners = [link.partner.title for link in booklet.partners.select_related("partner")]
    source = booklet_for(data, booklet.coordinator.title, partners, "")
    return ensure_image(
        context,
        f"Cover: {title}",
        lambda: cover_png(_translate_cover(cover_of(source), data, locale.language_code, title)),
        description=title,
    )


def _translate_cover(cover: Cover, data: dict, language_code: str, title: str) -> Cover:
    """`cover` of the booklet `data` in `language_code`, with `title` (which may start with the
    series and number)."""
    from django.utils import translation

    strings = {**text.TRANSLATIONS.get(language_code, {}), **strings_for(language_code)}
    series = strings.get(cover.series, cover.series)
    # "Querschnittsthema 06: Umfassende …": the cover shows series and number above the title.
    match = re.match(rf"^[^:]*\b{cover.number:02d}\s*:\s*(.+)$", title)
    if match:
        title = match.group(1)[:1].upper() + match.group(1)[1:]
    with translation.override(language_code):
        funding = str(translation.gettext("Co-funded by the European Union"))
    edition = data.get("edition", "")
    year = data["date"].year
    imprint = f"{strings.get(edition, edition)}, {year}" if edition else str(year)
    coordinator = cover.coordinator.replace(
        "Coordinator:", strings.get("Coordinator:", "Coordinator:")
    )
    partners = cover.partners
    if partners.startswith("With "):
        partners = f"{strings.get('With', 'With')} {partners.removeprefix('With ')}"
    return replace(
        cover,
        series=series,
        title=title,
        coordinator=coordinator,
        imprint=imprint,
        funding=funding,
        partners=partners,
    )


def _ensure_categories() -> dict[str, NewsCategory]:
    english = Locale.objects.get(language_code="en")
    categories = {}
    for slug, names in text.CATEGORIES.items():
        category = NewsCategory.objects.filter(locale=english, slug=slug).first()
        if category is None:
            category = NewsCategory.objects.create(locale=english, slug=slug, name=names["en"])
            for code in SHOWCASE_LANGUAGES:
                locale = Locale.objects.filter(language_code=code).first()
                if locale is not None:
                    translated = category.copy_for_translation(locale)
                    translated.name = names[code]
                    translated.save()
        categories[slug] = category
    return categories


def _ensure_author() -> Person:
    english = Locale.objects.get(language_code="en")
    person = Person.objects.filter(locale=english, name="Communications team").first()
    if person is None:
        person = Person.objects.create(
            locale=english,
            name="Communications team",
            role="STEM PD Net secretariat",
            organisation="ICSE, University of Education Freiburg",
        )
        person.save_revision().publish()
    return person


def _ensure_news(
    context, index: Page, data: dict, categories: dict, issues: dict, author: Person
) -> NewsPage:
    existing = index.get_children().filter(slug=data["slug"]).specific().first()
    if existing is not None:
        if "days_ago" in data:  # made with two revisions: the page, then its relations
            date = context.days_from_today(-data["days_ago"])
            refresh_untouched(context, existing, demo_revisions=2, date=date)
        return existing
    image = ensure_illustration(context, f"News: {data['title']}", data["motif"], data["alt"])
    page = ensure_child_page(
        context,
        index,
        NewsPage,
        data["slug"],
        title=data["title"],
        date=data.get("date") or context.days_from_today(-data["days_ago"]),
        lead=data["lead"],
        hero_image=image,
        body=[("paragraph", RichText(f"<p>{paragraph}</p>")) for paragraph in data["body"]],
    )
    page.categories = [categories[slug] for slug in data["categories"]]
    page.tags.set(data["tags"])
    page.authors = [NewsAuthor(person=author)]
    page.issue_links = [NewsIssueLink(issue=issues[slug]) for slug in data["issues"]]
    page.save_revision(user=context.user).publish(user=context.user)
    return page


def _translate_showcase(context, indexes: dict, booklet: BookletPage, news: NewsPage) -> None:
    """German and French versions of the publications and news sections' showcase pages."""
    for code in SHOWCASE_LANGUAGES:
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None:
            continue
        strings = text.TRANSLATIONS[code]
        for page in (indexes["publications"], indexes["news"], booklet, news):
            ensure_translation(context, page, locale, strings)
