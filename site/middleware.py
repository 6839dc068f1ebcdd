"""Project-level middleware: the content security policies that differ by section."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.csp import CSP, build_policy

DOCUMENTS_PREFIX = "/documents/"
ADMIN_PREFIX = "/admin/"
DOCUMENT_POLICY = "default-src 'none'; sandbox"


def admin_policy() -> str:
    """The site's policy, plus what Wagtail's admin and wagtail-localize's editor need.

    Both ship inline `<script>` blocks (date pickers, inline panels, chooser URLs) and set
    inline styles, so under the public policy the translation editor stays blank and the
    event form's widgets do not start. Only signed-in staff and translators see these pages;
    the public site keeps the strict policy.
    """
    policy = {key: list(values) for key, values in settings.SECURE_CSP.items()}
    policy["script-src"] = [*policy.get("script-src", [CSP.SELF]), CSP.UNSAFE_INLINE]
    policy["style-src"] = [*policy.get("style-src", [CSP.SELF]), CSP.UNSAFE_INLINE]
    policy["img-src"] = [*policy.get("img-src", [CSP.SELF]), "blob:"]
    return build_policy(policy)


def preview_policy() -> str:
    """The site's policy for previews, with inline styles for the e-mail preview.

    A preview shows content (a draft, a translation under review, a newsletter as e-mailed),
    so it runs no inline script, exactly like the published page. The e-mail's styles are
    inlined into its elements, as mail clients need them.
    """
    policy = {key: list(values) for key, values in settings.SECURE_CSP.items()}
    policy["style-src"] = [*policy.get("style-src", [CSP.SELF]), CSP.UNSAFE_INLINE]
    return build_policy(policy)


class SectionSecurityPolicyMiddleware:
    """Give uploaded documents and the admin their own content security policy.

    An uploaded file that smuggles HTML or script must not execute in our origin, so documents get a
    policy that allows nothing; the admin gets the looser `admin_policy()`. Django's CSP middleware
    keeps a policy a response already has, so these win in their sections. Previews are content, not
    admin, though the admin serves them: Wagtail renders each through `make_preview_request`, which
    passes a request for the page's public address through this stack again; that inner pass gives
    the response `preview_policy()` and marks it, and the outer admin pass keeps that policy.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.admin_policy = admin_policy()
        self.preview_policy = preview_policy()

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
