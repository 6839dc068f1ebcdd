"""Project-level middleware."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

DOCUMENTS_PREFIX = "/documents/"
DOCUMENT_POLICY = "default-src 'none'; sandbox"


class DocumentSecurityHeadersMiddleware:
    """Serve uploaded documents so that nothing in them can run or be sniffed as another type.

    Editors upload PDFs and office files; a file that smuggles HTML or script must not execute in
    our origin. Django's CSP middleware keeps a policy a response already has, so this strict one
    wins for documents and the site-wide policy applies everywhere else.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(DOCUMENTS_PREFIX):
            response["Content-Security-Policy"] = DOCUMENT_POLICY
            response["X-Content-Type-Options"] = "nosniff"
        return response
