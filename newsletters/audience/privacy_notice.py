"""The privacy notice the sign-up form and e-mails link to.

The newsletters app must not import `home`'s page models to find it; editors choose the page in
the newsletter settings, and a page with the slug "privacy" under the home page is the fallback.
"""

from django.http import HttpRequest

from wagtail.models import Page, Site

from newsletters.models import NewsletterSettings

PRIVACY_SLUG = "privacy"


def privacy_page(request: HttpRequest | None) -> Page | None:
    """The privacy notice for the request's site, in the visitor's language where translated."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    # Read without `for_site`, which would create the settings row on a visitor's request.
    options = NewsletterSettings.objects.filter(site=site).select_related("privacy_page").first()
    page = options.privacy_page if options is not None else None
    if page is None:
        page = site.root_page.get_children().live().filter(slug=PRIVACY_SLUG).first()
    if page is None or not page.live:
        return None
    return page.localized


def privacy_page_url(request: HttpRequest | None) -> str:
    """The privacy notice's URL, or "" when the site has none (the form then shows no link)."""
    page = privacy_page(request)
    return (page.get_url(request) or "") if page is not None else ""
