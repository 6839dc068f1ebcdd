"""Public views of the network app that are not Wagtail pages."""

from django.http import Http404, HttpRequest, HttpResponseRedirect

from network.downloads import record_download
from network.models import BookletPage


def booklet_download(request: HttpRequest, page_id: int) -> HttpResponseRedirect:
    """Count a download of a booklet's PDF (`network.downloads`), then send the visitor to it.

    Only live, public booklets with a PDF count; anything else is a 404, so the counter cannot be
    inflated for drafts or private pages.
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
