"""Project-level middleware: the content security policies that differ by section."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.csp import CSP, build_policy

DOCUMENTS_PREFIX = "/documents/"
ADMIN_PREFIX = "/admin/"
DOCUMENT_POLICY = "default-src 'none'; sandbox"


def policy_allowing(additions: dict[str, str]) -> str:
    """The site's policy (`SECURE_CSP`) with one more source in each directive named."""
    policy = {key: list(values) for key, values in settings.SECURE_CSP.items()}
    for directive, source in additions.items():
        policy[directive] = [*policy.get(directive, [CSP.SELF]), source]
    return build_policy(policy)


# Wagtail's admin and wagtail-localize's editor ship inline `<script>` blocks (date pickers,
# inline panels, chooser URLs) and set inline styles: under the public policy the translation
# editor stays blank. Only signed-in staff and translators see these pages.
ADMIN_ADDITIONS = {
    "script-src": CSP.UNSAFE_INLINE,
    "style-src": CSP.UNSAFE_INLINE,
    "img-src": "blob:",
}
# A preview shows content (a draft, a translation under review, a newsletter as e-mailed), so
# it runs no inline script, like the published page; the e-mail's styles are inlined, as mail
# clients need them.
PREVIEW_ADDITIONS = {"style-src": CSP.UNSAFE_INLINE}


class SectionSecurityPolicyMiddleware:
    """Give uploaded documents, the admin and previews their own content security policy.

    Documents get a policy that allows nothing, so an uploaded file smuggling HTML or script
    cannot run in our origin. Django's CSP middleware keeps a policy a response already has, so
    these win. Wagtail renders a preview by passing a request for the page's public address
    through this stack again (`make_preview_request`): that inner pass sets the preview policy
    and marks the response, and the outer admin pass keeps it, since previews are content.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.admin_policy = policy_allowing(ADMIN_ADDITIONS)
        self.preview_policy = policy_allowing(PREVIEW_ADDITIONS)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, "is_preview", False):
            response["Content-Security-Policy"] = self.preview_policy
            response.is_preview = True
        elif request.path.startswith(DOCUMENTS_PREFIX):
            response["Content-Security-Policy"] = DOCUMENT_POLICY
            response["X-Content-Type-Options"] = "nosniff"
        elif request.path.startswith(ADMIN_PREFIX) and not getattr(response, "is_preview", False):
            response["Content-Security-Policy"] = self.admin_policy
        return response
