"""Template tags of the newsletters app: the footer sign-up form every page shows."""

from django import template

from newsletters.audience.privacy_notice import privacy_page_url
from newsletters.forms import SignupForm, page_language

register = template.Library()


@register.simple_tag(takes_context=True)
def newsletter_signup_form(context: template.Context) -> SignupForm:
    """An unbound sign-up form in the page's language (no CSRF token, so pages stay cacheable)."""
    request = context.get("request")
    return SignupForm(
        language=page_language(), privacy_url=privacy_page_url(request), auto_id="nl-footer-%s"
    )
