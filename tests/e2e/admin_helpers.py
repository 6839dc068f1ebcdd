"""Steps in Wagtail's admin that browser tests share: signing in as one person, the editor's
action menu, a paragraph of rich text, and wagtail-localize's translation editor.

Each person gets their own browser context (own cookies), the way two people at two desks would;
the helpers use the labels and roles Wagtail renders, so a renamed button fails loudly here.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Browser, Locator, Page, expect

from tests.e2e.conftest import ARTIFACTS

# Every test user's password (the test settings hash with MD5, so making users is cheap).
PASSWORD = "correct horse battery staple"


@contextmanager
def signed_in(browser: Browser, base_url: str, username: str) -> Iterator[Page]:
    """A fresh browser context signed in to the admin as `username` through the login form."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        locale="en-GB",
        base_url=base_url,
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        page.goto("/admin/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{base_url}/admin/")
        yield page
    except Exception:
        # What this person's screen showed when a step failed, next to the other artefacts.
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"failed-{username}.png"), full_page=True)
        (ARTIFACTS / f"failed-{username}.html").write_text(page.content())
        raise
    finally:
        context.close()


def footer_actions(page: Page) -> Locator:
    """The page editor's sticky action bar, which holds "Save draft", "Publish" and the rest."""
    return page.get_by_role("navigation", name="Actions (footer)")


def open_more_actions(page: Page) -> Locator:
    """Open the editor's action menu (the arrow next to the main button); return the footer."""
    footer = footer_actions(page)
    footer.get_by_role("button", name="More actions").click()
    return footer


def fill_page_title(page: Page, title: str) -> None:
    """Type a new page's title and wait until Wagtail has written the slug from it.

    Wagtail writes the slug when the title field loses focus, a moment later; saving before it
    arrives fails on the Promote tab's required slug, so a loaded machine made this race flaky.
    """
    title_field = page.get_by_role("textbox", name="Title")
    title_field.fill(title)
    title_field.blur()
    expect(page.locator("#id_slug")).not_to_have_value("")


def add_paragraph(page: Page, text: str) -> None:
    """Add a Paragraph block at the end of the body StreamField and type `text` into it."""
    page.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name="Paragraph").click()
    # Draftail's editable area is the body field's last text box; it has no label of its own.
    page.locator("[data-contentpath=body]").get_by_role("textbox").last.click()
    page.keyboard.type(text)


def translate_segment(page: Page, source: str, translation: str) -> None:
    """In wagtail-localize's editor, translate the segment whose original text is `source`."""
    segment = (
        page.locator("li")
        .filter(has_text=source)
        .filter(has=page.get_by_role("button", name="Translate", exact=True))
    )
    segment.last.get_by_role("button", name="Translate", exact=True).click()
    box = page.get_by_role("textbox").last
    box.fill(translation)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text(translation, exact=True)).to_be_visible()
