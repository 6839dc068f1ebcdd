"""Public views of the network app that are not Wagtail pages."""

from django.http import Http404, HttpRequest, HttpResponseRedirect

from network.downloads import record_download
from network.models import BookletPage


def booklet_download(request: HttpRequest, page_id: int) -> HttpResponseRedirect:
    """Count a download of a booklet's PDF, then send the visitor to the file.

    Only live, public booklets with a PDF count; anything else is a 404, so the counter cannot be
    inflated for drafts or private pages. Repeats from one client within a day count once;
    nothing about the visitor is stored (see `network.downloads`).
    """
    booklet = (
        BookletPage.objects.live()
        .public()
        .select_related("document", "locale")
        .filter(pk=page_id)
        .first()
    )
    if booklet is None or booklet.document is None:
        raise Http404("No such publication.")
    if request.method == "GET":
        record_download(booklet, request)
    return HttpResponseRedirect(booklet.document.url)
