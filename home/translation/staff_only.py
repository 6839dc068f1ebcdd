"""Whole-site admin screens that a partner translator may not open.

Translators need "add" and "change" on their language's pages, and Wagtail opens some screens
about the whole site to anyone with those. "Page types usage" names the latest edited page of
every type in any language: the German translator saw a French team's title there. Such screens
answer 403 to translators here and are left out of their Reports menu; staff keep them.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from wagtail import hooks

from home.translation.groups import translator_locale_ids

STAFF_ONLY_VIEWS = frozenset(
    {
        "wagtailadmin_reports:page_types_usage",
        "wagtailadmin_reports:page_types_usage_results",
    }
)
STAFF_ONLY_REPORT_MENU_ITEMS = frozenset({"page-types-usage"})


class StaffOnlyAdminViewsMiddleware:
    """Refuses `STAFF_ONLY_VIEWS` to partner translators before the view runs."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        match = request.resolver_match
        staff_only = match is not None and match.view_name in STAFF_ONLY_VIEWS
        if staff_only and translator_locale_ids(request.user) is not None:
            raise PermissionDenied


@hooks.register("construct_reports_menu")
def hide_staff_only_reports(request: HttpRequest, menu_items: list) -> None:
    if translator_locale_ids(request.user) is not None:
        menu_items[:] = [
            item for item in menu_items if item.name not in STAFF_ONLY_REPORT_MENU_ITEMS
        ]
