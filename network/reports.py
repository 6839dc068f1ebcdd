"""Admin report: how often each booklet's PDF was downloaded, per language."""

from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from home.snippet_admin import narrowed
from network.models import BookletPage


class BookletDownloadsReportView(ReportView):
    """Downloads per booklet translation (one row per language), most downloaded first."""

    page_title = _("Booklet downloads")
    header_icon = "download"
    index_url_name = "booklet_downloads_report"
    index_results_url_name = "booklet_downloads_report_results"
    list_export = ["title", "locale.language_code", "total_downloads"]
    export_headings = {
        "title": _("Booklet"),
        "locale.language_code": _("Language"),
        "total_downloads": _("Downloads"),
    }
    columns = [
        TitleColumn("title", label=_("Booklet"), url_name="wagtailadmin_pages:edit"),
        Column("language", label=_("Language"), accessor="locale.get_display_name"),
        Column("total_downloads", label=_("Downloads")),
    ]

    def get_queryset(self):
        """Every translation for staff; a partner translator sees their own language's."""
        booklets = narrowed(BookletPage.objects.all(), self.request.user)
        return (
            booklets.select_related("locale")
            .annotate(total_downloads=Coalesce(Sum("downloads__count"), 0))
            .order_by("-total_downloads", "title")
        )
