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


class SectionSecurityPolicyMiddleware:
    """Give uploaded documents and the admin their own content security policy.

    Editors upload PDFs and office files; a file that smuggles HTML or script must not execute
    in our origin, so documents get a policy that allows nothing. The admin gets the looser
    `admin_policy()`. Django's CSP middleware keeps a policy a response already has, so these
    win in their sections and the site-wide policy applies everywhere else.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.admin_policy = admin_policy()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(DOCUMENTS_PREFIX):
            response["Content-Security-Policy"] = DOCUMENT_POLICY
            response["X-Content-Type-Options"] = "nosniff"
        elif request.path.startswith(ADMIN_PREFIX):
            response["Content-Security-Policy"] = self.admin_policy
        return response
