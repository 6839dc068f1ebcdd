"""The public site's layout in a real browser: every page type in English, German and French at
320, 375 and 1280 px fits the screen, keeps a short header on phones, lays cards out in a grid on
desktops, and passes axe-core (WCAG 2.2 A/AA, every impact level). Detail pages put their key
facts or related items in a side column on desktops; an event's facts line up and its "Add to
calendar" opens to the choices; a short page keeps a compact footer. Full-page screenshots of
every page type go to var/screenshots/ (git-ignored) for a person to look at.
"""

import io
import json
import re
from datetime import timedelta

from django.utils import timezone

from wagtail.rich_text import RichText

import pytest
import wagtail_factories
from PIL import Image
from playwright.sync_api import expect

from home.models import MainMenu, MainMenuItem
from network.models import IssuePartner, NewsIssueLink
from tests.e2e.conftest import ROOT, accessibility_violations
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

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SCREENSHOTS = ROOT / "var" / "screenshots"
PHONE_WIDTHS = (320, 375)
DESKTOP_WIDTH = 1280
LANGUAGES = ("en", "de", "fr")
MAX_PHONE_HEADER = 160
# Long words a narrow screen must wrap or hyphenate rather than run off its edge.
GERMAN_TITLE = "LINKS-Abschlusskonferenz zur Lehrkräftefortbildungsqualitätssicherung"


def publish_translation(page, locale, title: str | None = None):
    """`page` translated into `locale` (its ancestors first), published."""
    translated = page.copy_for_translation(locale, copy_parents=True)
    if title:
        translated.title = title
    translated.save_revision().publish()
    return translated


@pytest.fixture
def site_pages(home_page, locales):
    """Every public page type, three items per listing, with images, in English, German, French.

    Returns {language: {page type: path}}.
    """
    tomorrow = timezone.localdate() + timedelta(days=1)
    news_index = NewsIndexPageFactory(parent=home_page)
    booklet_index = BookletIndexPageFactory(parent=home_page)
    issue_index = CrossCuttingIssueIndexPageFactory(parent=home_page)
    partner_index = PartnerIndexPageFactory(parent=home_page)
    event_index = EventIndexPageFactory(parent=home_page)
    news = [
        NewsPageFactory(
            parent=news_index,
            date=timezone.localdate() - timedelta(days=n),
            hero_image=wagtail_factories.ImageFactory(title=f"Photo {n}"),
        )
        for n in range(3)
    ]
    booklets = [
        BookletPageFactory(
            parent=booklet_index,
            cover_image=wagtail_factories.ImageFactory(title=f"Cover {n}"),
            chapters=[("chapter", {"title": "Why networks?", "summary": "<p>Because.</p>"})],
        )
        for n in range(3)
    ]
    partners = [
        PartnerPageFactory(parent=partner_index, latitude="60.2", longitude="24.9")
        for _n in range(3)
    ]
    events = [
        EventPageFactory(parent=event_index, title=f"Network meeting {n}", start_date=tomorrow)
        for n in range(2)
    ]
    events.append(
        EventPageFactory(
            parent=event_index,
            title="LINKS final conference",
            start_date=tomorrow,
            registration_url="https://example.org/register",
            registration_deadline=tomorrow,
        )
    )
    issue = CrossCuttingIssuePageFactory(
        parent=issue_index,
        number=6,
        coordinator=partners[0],
        partners=[IssuePartner(partner=partners[0])],
    )
    about = StandardPageFactory(
        parent=home_page,
        title="About the network",
        body=[
            ("heading", {"text": "Who we are", "level": "h2"}),
            ("paragraph", RichText("<p>Centres for <a href='/en/'>STEM teachers</a>.</p>")),
            ("quote", {"text": "Networks co-create futures.", "attribution": "Issue 06"}),
            (
                "accordion",
                {
                    "heading": "Frequently asked questions",
                    "questions": [
                        {"question": "Who can join?", "answer": RichText("<p>Any centre.</p>")}
                    ],
                },
            ),
        ],
    )
    # The news item is about the issue: it lists the issue as related, the issue's hub lists it.
    news[0].issue_links = [NewsIssueLink(issue=issue)]
    news[0].save_revision().publish()
    menu = MainMenu(
        locale=home_page.locale,
        items=[
            MainMenuItem(link_page=index)
            for index in (news_index, booklet_index, issue_index, partner_index, event_index)
        ],
    )
    menu.save()
    menu.save_revision().publish()
    english = {
        "home": home_page,
        "news-index": news_index,
        "news": news[0],
        "publications": booklet_index,
        "publication": booklets[0],
        "issues": issue_index,
        "issue": issue,
        "partners": partner_index,
        "partner": partners[0],
        "events": event_index,
        "event": events[-1],
        "page": about,
    }
    paths = {"en": {name: page.url for name, page in english.items()}}
    for code in ("de", "fr"):
        publish_translation(home_page, locales[code])
        translated = {}
        for name, page in english.items():
            if name == "home":
                continue
            title = GERMAN_TITLE if code == "de" and name == "event" else None
            translated[name] = publish_translation(page, locales[code], title).url
        translated["home"] = f"/{code}/"
        paths[code] = translated
    for code, by_type in paths.items():
        by_type["events-month"] = f"{by_type['events']}?view=month"
        by_type["search"] = f"/{code}/search/?q=network"
        by_type["not-found"] = f"/{code}/no-such-page/"
    return paths


def settle(page) -> None:
    """Wait two frames: media-query listeners (the menu script) run after a resize."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def layout_figures(page) -> dict:
    return page.evaluate(
        """() => ({
            scrollWidth: document.documentElement.scrollWidth,
            innerWidth: window.innerWidth,
            header: document.querySelector('.site-header').getBoundingClientRect().height,
        })"""
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_fits_phones_keeps_a_short_header_and_passes_axe(
    live_server, browser, site_pages, language
):
    context = browser.new_context(viewport={"width": DESKTOP_WIDTH, "height": 900})
    page = context.new_page()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = {}
    try:
        for name, path in site_pages[language].items():
            page.goto(f"{live_server.url}{path}")
            for width in (*PHONE_WIDTHS, DESKTOP_WIDTH):
                page.set_viewport_size({"width": width, "height": 900})
                settle(page)
                figures = layout_figures(page)
                key = f"{language} {name} @{width}px"
                if figures["scrollWidth"] > figures["innerWidth"]:
                    problems[key] = f"overflows: {figures}"
                if width in PHONE_WIDTHS and figures["header"] > MAX_PHONE_HEADER:
                    problems[key] = f"header too tall: {figures}"
                if width != 320:
                    shot = SCREENSHOTS / f"{language}-{name}-{width}.png"
                    page.screenshot(path=str(shot), full_page=True)
                found = accessibility_violations(page)
                if found:
                    problems[f"{key} axe"] = found
    finally:
        context.close()
    assert problems == {}, json.dumps(problems, indent=1)


def test_menu_opens_and_is_usable_with_the_keyboard_without_javascript(
    live_server, browser, site_pages
):
    context = browser.new_context(viewport={"width": 320, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/de/")
        page.locator("summary.site-menu__toggle").click()
        figures = layout_figures(page)
        assert figures["scrollWidth"] <= figures["innerWidth"], "the open menu fits the screen"
        page.goto(f"{live_server.url}/en/")
        menu_link = page.get_by_role("navigation", name="Main").get_by_role("link", name="News")
        assert not menu_link.is_visible(), "the menu starts closed on a phone"
        toggle = page.locator("summary", has_text="Menu")
        for _ in range(5):  # skip link, brand, then the toggle
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.tagName") == "SUMMARY":
                break
        assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
        page.keyboard.press("Enter")
        assert menu_link.is_visible()
        assert toggle.bounding_box()["height"] >= 24
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.textContent.trim()")
        assert focused == "News"
        page.keyboard.press("Enter")
        page.wait_for_url("**/en/news/")
        assert page.get_by_role("heading", level=1).inner_text() == "News"
    finally:
        context.close()


def test_menu_search_and_languages_are_shown_without_a_toggle_on_desktop(
    live_server, browser, site_pages
):
    for javascript in (True, False):
        context = browser.new_context(
            viewport={"width": DESKTOP_WIDTH, "height": 900}, java_script_enabled=javascript
        )
        page = context.new_page()
        page.goto(f"{live_server.url}/en/")
        assert not page.locator("summary", has_text="Menu").is_visible()
        nav = page.get_by_role("navigation", name="Main")
        assert nav.get_by_role("link", name="Publications").is_visible()
        assert page.get_by_role("searchbox", name="Search").is_visible()
        assert page.get_by_role("link", name="Deutsch").is_visible()
        context.close()


@pytest.mark.parametrize("name", ["home", "news-index", "publications", "partners"])
def test_cards_are_laid_out_in_a_grid_on_desktop(live_server, page, site_pages, name):
    page.goto(f"{live_server.url}{site_pages['en'][name]}")
    boxes = [card.bounding_box() for card in page.locator(".card-grid .card").all()[:3]]
    assert len(boxes) == 3
    tops = {round(box["y"]) for box in boxes}
    lefts = {round(box["x"]) for box in boxes}
    assert len(tops) == 1, f"cards on one row, got tops {tops}"
    assert len(lefts) == 3


def test_on_a_phone_a_booklet_shows_its_title_before_its_cover(live_server, page, site_pages):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}{site_pages['en']['publication']}")
    title = page.get_by_role("heading", level=1).bounding_box()
    cover = page.locator(".booklet__cover").bounding_box()
    assert title["y"] + title["height"] <= cover["y"]
    page.set_viewport_size({"width": DESKTOP_WIDTH, "height": 900})
    title = page.get_by_role("heading", level=1).bounding_box()
    cover = page.locator(".booklet__cover").bounding_box()
    assert title["x"] + title["width"] <= cover["x"], "the cover beside the title on a desktop"


def test_month_view_is_a_list_on_a_phone(live_server, page, site_pages):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}{site_pages['en']['events-month']}")
    tomorrow = timezone.localdate() + timedelta(days=1)
    if tomorrow.month != timezone.localdate().month:
        page.get_by_role("link", name="Next month").click()
        # Assertions that do not wait would read the old month while the next one loads.
        page.wait_for_url(re.compile(rf"[?&]month={tomorrow.month}(&|$)"))
    expect(page.locator(".event-month thead")).to_be_hidden()
    entry = page.get_by_role("link", name="LINKS final conference")
    expect(entry).to_be_visible()
    assert entry.bounding_box()["width"] > 200, "an event gets the screen's width, not a cell's"


def test_cancelled_badge_and_event_details_stand_apart(live_server, page, site_pages):
    from events.models import EventPage

    event = EventPage.objects.get(title="Network meeting 0", locale__language_code="en")
    event.status = "cancelled"
    event.save_revision().publish()
    page.goto(f"{live_server.url}/en/")
    row = page.locator(".event-row", has_text="Network meeting 0")
    title = row.get_by_role("link", name="Network meeting 0")
    assert title.inner_text() == "Network meeting 0"
    badge = row.get_by_text("Cancelled", exact=True)
    assert badge.bounding_box()["y"] + badge.bounding_box()["height"] <= title.bounding_box()["y"]
    details = row.locator(".meta-list li").all()
    assert len(details) >= 2
    assert all(item.bounding_box()["width"] > 0 for item in details)
    separator = page.evaluate(
        "el => getComputedStyle(el, '::before').content", details[1].element_handle()
    )
    assert "·" in separator


def test_images_are_responsive_modern_sized_and_lazy_below_the_fold(live_server, page, site_pages):
    page.goto(f"{live_server.url}{site_pages['en']['news-index']}")
    picture = page.locator(".card picture").nth(1)
    types = [source.get_attribute("type") for source in picture.locator("source").all()]
    assert "image/avif" in types and "image/webp" in types
    image = picture.locator("img")
    assert image.get_attribute("srcset") and image.get_attribute("sizes")
    assert image.get_attribute("width") and image.get_attribute("height")
    assert image.get_attribute("loading") == "lazy"
    first = page.locator(".card picture img").first
    assert first.get_attribute("loading") != "lazy", "the first card may be the largest paint"
    page.goto(f"{live_server.url}{site_pages['en']['news']}")
    hero = page.locator(".hero-image img")
    assert hero.get_attribute("loading") != "lazy", "the first screen's image loads at once"
    assert page.evaluate("el => el.currentSrc", hero.element_handle()).endswith(".avif")


def box(locator) -> dict:
    """The element's box, failing clearly when it is not shown."""
    found = locator.bounding_box()
    assert found is not None, f"{locator} is not shown"
    return found


# What each detail page's side column holds, as a reader sees it.
SIDE_COLUMN = {
    "event": "Attendance",
    "news": "Related",
    "issue": "On this page",
    "partner": "Role in the network",
    "publication": "Published",
}


@pytest.mark.parametrize("name", SIDE_COLUMN)
def test_detail_pages_use_a_side_column_on_desktop_and_one_column_on_phones(
    live_server, page, site_pages, name
):
    page.goto(f"{live_server.url}{site_pages['en'][name]}")
    title = page.get_by_role("heading", level=1)
    text = page.locator(".detail__body")
    side = page.locator(".detail__aside")
    expect(side).to_contain_text(SIDE_COLUMN[name])
    title_box, text_box, side_box = box(title), box(text), box(side)
    assert side_box["x"] >= title_box["x"] + title_box["width"], "right of the title"
    assert side_box["x"] >= text_box["x"] + text_box["width"], "right of the text"
    assert side_box["y"] < text_box["y"] + text_box["height"], "beside the text, not under it"
    assert side_box["width"] >= 250, "wide enough to read"

    page.set_viewport_size({"width": 375, "height": 800})
    settle(page)
    title_box, text_box, side_box = box(title), box(text), box(side)
    assert round(side_box["x"]) == round(text_box["x"]) == round(title_box["x"]), "one column"
    assert side_box["y"] >= title_box["y"] + title_box["height"], "below the title"
    assert side_box["x"] + side_box["width"] <= 375


def test_the_issue_side_column_lists_what_the_page_holds_and_takes_the_reader_there(
    live_server, page, site_pages
):
    page.goto(f"{live_server.url}{site_pages['en']['issue']}")
    contents = page.get_by_role("navigation", name="On this page")
    expect(contents.get_by_role("link")).to_have_text(["News", "Partners working on this issue"])
    contents.get_by_role("link", name="News").click()
    page.wait_for_url("**#hub-news")
    expect(page.get_by_role("heading", level=2, name="News", exact=True)).to_be_in_viewport()
    expect(page.locator(".detail__aside")).to_contain_text("Coordinator")


def pairs(page, selector: str) -> list[dict]:
    """Each <dt> of the list and the <dd> after it, as boxes."""
    return page.evaluate(
        """(selector) => [...document.querySelectorAll(selector + ' > dt')].map((dt) => {
            const a = dt.getBoundingClientRect();
            const b = dt.nextElementSibling.getBoundingClientRect();
            return {label: dt.textContent.trim(), dt: [a.left, a.top, a.right, a.bottom],
                    dd: [b.left, b.top, b.right, b.bottom]};
        })""",
        selector,
    )


def test_event_facts_set_each_label_beside_its_value_on_desktop_and_above_it_on_phones(
    live_server, page, site_pages
):
    page.goto(f"{live_server.url}{site_pages['en']['event']}")
    rows = pairs(page, ".event-facts")
    assert {row["label"] for row in rows} >= {"When", "Attendance", "Where"}
    for row in rows:
        assert abs(row["dt"][1] - row["dd"][1]) < 1, f"{row['label']}: label and value share a row"
        assert row["dd"][0] > row["dt"][2], f"{row['label']}: the value right of its label"
    assert len({round(row["dd"][0]) for row in rows}) == 1, "values start in one column"
    assert len({round(row["dt"][0]) for row in rows}) == 1, "labels start in one column"

    page.set_viewport_size({"width": 375, "height": 800})
    settle(page)
    for row in pairs(page, ".event-facts"):
        assert row["dd"][1] >= row["dt"][3] - 1, f"{row['label']}: the value under its label"
        assert round(row["dd"][0]) == round(row["dt"][0])


@pytest.mark.parametrize("width", [375, DESKTOP_WIDTH])
def test_the_register_button_stands_clear_of_its_text(live_server, page, site_pages, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}{site_pages['en']['event']}")
    button = box(page.get_by_role("link", name="Register"))
    text = box(page.get_by_text("Registration closes on"))
    gap = max(
        text["x"] - (button["x"] + button["width"]),  # beside the button
        text["y"] - (button["y"] + button["height"]),  # under it
    )
    assert gap >= 8, f"{gap}px between the Register button and its text"


ADD_CHOICES = {
    "Download (.ics)": re.compile(r"/calendar/event/\d+\.ics$"),
    "Google Calendar": re.compile(
        r"^https://calendar\.google\.com/calendar/render\?action=TEMPLATE"
    ),
    "Outlook.com": re.compile(r"^https://outlook\.live\.com/calendar/0/action/compose\?"),
}


@pytest.mark.parametrize("javascript", [True, False])
@pytest.mark.parametrize("width", [375, DESKTOP_WIDTH])
def test_add_to_calendar_is_one_control_that_opens_to_three_choices_from_the_keyboard(
    live_server, browser, site_pages, javascript, width
):
    context = browser.new_context(
        viewport={"width": width, "height": 900}, java_script_enabled=javascript
    )
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}{site_pages['en']['event']}")
        toggle = page.locator("summary", has_text="Add to calendar")
        expect(toggle).to_have_count(1)
        choices = [page.get_by_role("link", name=name, exact=True) for name in ADD_CHOICES]
        for choice in choices:
            expect(choice).to_be_hidden()
        toggle.focus()
        page.keyboard.press("Enter")
        for choice, href in zip(choices, ADD_CHOICES.values(), strict=True):
            expect(choice).to_be_visible()
            expect(choice).to_have_attribute("href", href)
            assert box(choice)["height"] >= 24, "a target a finger can hit"
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == "Download (.ics)"
        figures = layout_figures(page)
        assert figures["scrollWidth"] <= figures["innerWidth"], "the open choices fit the screen"
        if javascript:  # axe runs as a script in the page
            assert accessibility_violations(page) == []
        toggle.focus()
        page.keyboard.press("Enter")
        for choice in choices:
            expect(choice).to_be_hidden()
    finally:
        context.close()


def test_calendar_subscriptions_are_one_box_whose_feeds_open_to_their_links(
    live_server, page, site_pages
):
    page.goto(f"{live_server.url}{site_pages['en']['event']}")
    expect(page.get_by_role("heading", name="Subscribe to the calendar")).to_have_count(1)
    subscriptions = page.get_by_role("region", name="Subscribe to the calendar")
    webcal = subscriptions.get_by_role("link", name="Subscribe in your calendar app")
    expect(webcal).to_be_hidden()
    subscriptions.locator("summary", has_text="STEM PD Net events").click()
    expect(webcal).to_be_visible()
    expect(webcal).to_have_attribute("href", re.compile(r"^webcal://[^/]+/en/calendar\.ics$"))
    for name in ("Add to Google Calendar", "Add to Outlook.com", "Add to Microsoft 365"):
        expect(subscriptions.get_by_role("link", name=name)).to_be_visible()
    expect(subscriptions.locator("code")).to_contain_text("/en/calendar.ics")
    assert accessibility_violations(page) == []


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_short_page_keeps_a_compact_footer_at_the_bottom_of_the_window(
    live_server, page, site_pages, language
):
    page.goto(f"{live_server.url}{site_pages[language]['partner']}")
    figures = page.evaluate(
        """() => ({
            main: document.querySelector('main').getBoundingClientRect().height,
            footer: document.querySelector('footer').getBoundingClientRect(),
            page: document.documentElement.scrollHeight,
        })"""
    )
    assert figures["footer"]["height"] < figures["main"], figures
    assert round(figures["footer"]["bottom"]) >= 900, "the footer ends at the window's bottom"


def test_on_a_phone_the_footer_sign_up_asks_for_the_address_and_keeps_the_options_folded(
    live_server, page, site_pages
):
    """On a phone a short page is not mostly footer: language and topics open on request, and
    folded, they already hold the page's language."""
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}{site_pages['de']['partner']}")
    footer = page.locator("footer")
    language = footer.get_by_label("Sprache des Newsletters")
    expect(language).to_be_hidden()
    folded = footer.bounding_box()["height"]
    footer.get_by_text("Sprache und Themen wählen").click()
    expect(language).to_be_visible()
    assert footer.bounding_box()["height"] > folded + 50, "the options took no room while folded"
    expect(language).to_have_value("de")
    assert accessibility_violations(page) == []

    page.set_viewport_size({"width": DESKTOP_WIDTH, "height": 900})
    page.reload()
    expect(footer.get_by_label("Sprache des Newsletters")).to_be_visible()
    expect(footer.get_by_text("Sprache und Themen wählen")).to_be_hidden()


def test_a_wrapped_fact_list_never_starts_a_line_with_its_separator(live_server, page, home_page):
    """A partner card's facts wrap on a phone; the second line starts with the fact, not "·"."""
    index = PartnerIndexPageFactory(parent=home_page)
    PartnerPageFactory(parent=index, city="Klagenfurt am Wörthersee, Kärnten", country="AT")
    page.set_viewport_size({"width": 375, "height": 900})
    page.goto(f"{live_server.url}{index.url}")
    card = page.locator(".card--partner").first
    title_x = card.locator(".card__title").bounding_box()["x"]
    lines = page.evaluate(
        """(card) => [...card.querySelectorAll('.meta-list li')].map((fact) => {
            const range = document.createRange();
            range.selectNodeContents(fact);
            const text = range.getClientRects()[0];
            return {x: text.left, y: text.top, height: text.height};
        })""",
        card.element_handle(),
    )
    assert lines[1]["y"] > lines[0]["y"], "the facts should wrap at this width"
    for line in lines:
        assert abs(line["x"] - title_x) < 2, "each line of facts starts where the title starts"
    before_second_line = {
        "x": title_x - 14,
        "y": lines[1]["y"],
        "width": 13,
        "height": lines[1]["height"],
    }
    pixels = Image.open(io.BytesIO(page.screenshot(clip=before_second_line))).convert("L")
    assert max(pixels.getdata()) - min(pixels.getdata()) < 40, "a separator is drawn there"
