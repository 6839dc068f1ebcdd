"""The admin views a partner translator may open: one allow-list, everything else is refused.

Translators need the dashboard, the translation editor and its APIs for their own locale, submit
for review, previews of their own drafts, the image and document choosers, their account and the
admin's static helpers. Every other admin URL answers 403 for them, including URLs a later
Wagtail or wagtail-localize release adds. Staff and superusers are not affected.

Each entry names a URL (its namespaced name, or its route when upstream gave it none) and the
check its parameters must pass: the page, translation or snippet it names must be in one of the
translator's locales.
"""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, ResolverMatch, get_script_prefix, resolve, reverse
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem, SubmenuMenuItem
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation

from translation.conf import locale_root
from translation.groups import (
    language_name,
    translatable_snippet_models,
    translator_locale_ids,
)

Check = Callable[[ResolverMatch, frozenset[int]], bool]


def anything(match: ResolverMatch, locales: frozenset[int]) -> bool:
    """No object in the URL: the view's own permission checks are enough."""
    return True


def _page_in(page_id: Any, locales: frozenset[int]) -> bool:
    return Page.objects.filter(pk=page_id, locale_id__in=locales, depth__gt=1).exists()


def own_page(match: ResolverMatch, locales: frozenset[int]) -> bool:
    """The page in the URL (`page_id` or `parent_page_id`) is in one of their locales."""
    kwargs = match.kwargs
    return _page_in(kwargs.get("page_id", kwargs.get("parent_page_id")), locales)


def own_translation(match: ResolverMatch, locales: frozenset[int]) -> bool:
    """The wagtail-localize translation in the URL translates into one of their locales."""
    return Translation.objects.filter(
        pk=match.kwargs["translation_id"], target_locale_id__in=locales
    ).exists()


def _translatable_model(app_label: str, model_name: str) -> type | None:
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return None
    return model if model in translatable_snippet_models() else None


def own_snippet(match: ResolverMatch, locales: frozenset[int]) -> bool:
    """A translatable snippet of one of their locales, named by its viewset's namespace."""
    namespace = match.namespace.removeprefix("wagtailsnippets_")
    app_label, _sep, model_name = namespace.partition("_")
    model = _translatable_model(app_label, model_name)
    if model is None:
        return False
    return model.objects.filter(pk=match.kwargs["pk"], locale_id__in=locales).exists()


def own_edited_object(match: ResolverMatch, locales: frozenset[int]) -> bool:
    """Editing-session pings name a content type and an object: a page or translatable snippet
    of one of their locales."""
    kwargs = match.kwargs
    try:
        content_type = ContentType.objects.get_by_natural_key(
            kwargs["app_label"], kwargs["model_name"]
        )
    except ContentType.DoesNotExist:
        return False
    model = content_type.model_class()
    if model is not None and issubclass(model, Page):
        return _page_in(kwargs["object_id"], locales)
    if model is None or model not in translatable_snippet_models():
        return False
    return model.objects.filter(pk=kwargs["object_id"], locale_id__in=locales).exists()


def submitted_snippet(match: ResolverMatch, locales: frozenset[int]) -> bool:
    """wagtail-localize's snippet API behind the override chooser: translatable models only
    (its querysets are narrowed to their locales in `choosers`)."""
    kwargs = match.kwargs
    return _translatable_model(kwargs["app_label"], kwargs["model_name"]) is not None


TRANSLATOR_VIEWS: dict[str, Check] = {
    # The admin's frame: dashboard, account, sign-in and out, scripts, icons.
    "wagtailadmin_home": anything,
    "wagtailadmin_account": anything,
    "wagtailadmin_login": anything,
    "wagtailadmin_logout": anything,
    "wagtailadmin_password_reset": anything,
    "wagtailadmin_password_reset_done": anything,
    "wagtailadmin_password_reset_confirm": anything,
    "wagtailadmin_password_reset_complete": anything,
    "wagtailadmin_javascript_catalog": anything,
    "wagtail_localize:javascript_catalog": anything,
    "wagtailadmin_sprite": anything,
    "wagtailadmin_dismissibles": anything,
    # Their own pages: browse their language's tree, translate, preview, submit.
    "wagtailadmin_explore": own_page,
    "wagtailadmin_explore_results": own_page,
    # Page search (the sidebar's search box): Wagtail lists only the pages they may explore.
    "wagtailadmin_pages:search": anything,
    "wagtailadmin_pages:search_results": anything,
    "wagtailadmin_pages:edit": own_page,
    "wagtailadmin_pages:preview_on_edit": own_page,
    "wagtailadmin_pages:view_draft": own_page,
    "wagtailadmin_pages:workflow_preview": own_page,
    # The translation history of their pages: who translated, reviewed and published each
    # version, and when (Wagtail's page history, which logs workflow steps too).
    "wagtailadmin_pages:history": own_page,
    "wagtailadmin_pages:history_results": own_page,
    "wagtailadmin_editing_sessions:ping": own_edited_object,
    "wagtailadmin_editing_sessions:release": anything,  # its own session only (upstream)
    # wagtail-localize's translation editor and its APIs, into their locale only.
    "stempd_localize:edit_string": own_translation,
    "stempd_localize:upload_pofile": own_translation,
    "wagtail_localize:edit_override": own_translation,
    "wagtail_localize:download_pofile": own_translation,
    "wagtail_localize:machine_translate": own_translation,
    "wagtail_localize:preview_translation": own_translation,
    "translation_submit_for_review": own_translation,
    # The status report, narrowed to their language and to live, public sources (`report`).
    "translation_matrix": anything,
    "translation_matrix_results": anything,
    "translation_matrix_csv": anything,
    "admin/localize/api/snippets/<slug:app_label>/<slug:model_name>/": submitted_snippet,
    "admin/localize/api/snippets/<slug:app_label>/<slug:model_name>/<str:pk>/": (submitted_snippet),
    # Images and documents: choose and upload (collection permissions decide where).
    "wagtailimages_chooser:choose": anything,
    "wagtailimages_chooser:choose_results": anything,
    "wagtailimages_chooser:chosen": anything,
    "wagtailimages_chooser:select_format": anything,
    "wagtailimages_chooser:create": anything,
    "wagtaildocs_chooser:choose": anything,
    "wagtaildocs_chooser:choose_results": anything,
    "wagtaildocs_chooser:chosen": anything,
    "wagtaildocs_chooser:create": anything,
    # The editor shows the picture or document a segment uses through the admin API. Translators
    # may choose every one (their groups choose from the root collection), and the API itself
    # leaves out view-restricted collections.
    "wagtailadmin_api:images:detail": anything,
    "wagtailadmin_api:documents:detail": anything,
}
# Translatable snippets of their locale: the same actions as pages.
SNIPPET_ACTIONS: dict[str, Check] = {"edit": own_snippet, "preview_on_edit": own_snippet}


def door(match: ResolverMatch) -> str:
    """The allow-list key of a resolved URL: its name, or its route when it has none."""
    return match.view_name if match.url_name else match.route


def check_for(match: ResolverMatch) -> Check | None:
    """The check a translator's request must pass, or None when the view is not allowed."""
    key = door(match)
    if key in TRANSLATOR_VIEWS:
        return TRANSLATOR_VIEWS[key]
    if match.namespace.startswith("wagtailsnippets_") and match.url_name in SNIPPET_ACTIONS:
        return SNIPPET_ACTIONS[match.url_name]
    return None


def translator_may_open(match: ResolverMatch, locales: frozenset[int]) -> bool:
    """Whether a translator of `locales` may open the admin URL `match` resolved to."""
    check = check_for(match)
    return check is not None and check(match, locales)


def admin_route() -> str:
    """The admin's route in the URLconf ("admin/"), whatever prefix the site is served under:
    decided on the resolved route, not on the request's path, which a proxy may prefix."""
    return reverse("wagtailadmin_home").removeprefix(get_script_prefix())


class TranslatorAllowListMiddleware:
    """Refuses every admin view not in `TRANSLATOR_VIEWS` to partner translators (403)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        if not request.resolver_match.route.startswith(admin_route()):
            return
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return
        locales = translator_locale_ids(user)
        if locales is None:
            return
        if not translator_may_open(request.resolver_match, locales):
            raise PermissionDenied


def _allowed_url(url: str) -> bool:
    """Links out of the admin (the help menu's guides) stay; admin links must be allowed."""
    parts = urlsplit(url)
    if parts.netloc or not parts.path.startswith("/"):
        return bool(parts.netloc)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return False
    return check_for(match) is not None


def _allowed_items(request: HttpRequest, menu_items: list) -> list:
    kept = []
    for item in menu_items:
        if isinstance(item, SubmenuMenuItem):
            if _allowed_items(request, item.menu.menu_items_for_request(request)):
                kept.append(item)
        elif item.url and _allowed_url(item.url):
            kept.append(item)
    return kept


@hooks.register("construct_main_menu")
def show_translators_only_their_doors(request: HttpRequest, menu_items: list) -> None:
    """Translators' menu: only entries they may open, and "Pages" opens their language's tree."""
    locales = translator_locale_ids(request.user)
    if locales is None:
        return
    kept = _allowed_items(request, menu_items)
    roots = [
        root for locale in Locale.objects.filter(pk__in=locales) if (root := locale_root(locale))
    ]
    for root in roots:
        kept.append(
            MenuItem(
                _("Pages (%(language)s)") % {"language": language_name(root.locale)},
                reverse("wagtailadmin_explore", args=[root.pk]),
                name=f"explorer-{root.locale.language_code}",
                icon_name="folder-open-inverse",
                order=100,
            )
        )
    menu_items[:] = kept


@hooks.register("construct_reports_menu")
@hooks.register("construct_settings_menu")
@hooks.register("construct_help_menu")
def show_translators_only_their_reports(request: HttpRequest, menu_items: list) -> None:
    """Submenus list only what translators may open (the translation status report)."""
    if translator_locale_ids(request.user) is not None:
        menu_items[:] = _allowed_items(request, menu_items)


@hooks.register("construct_homepage_summary_items", order=1000)  # after every app adds its
def hide_the_site_summary_from_translators(request: HttpRequest, summary_items: list) -> None:
    """The summary counts and links the whole site's pages and media: not a translator's view."""
    if translator_locale_ids(request.user) is not None:
        summary_items.clear()
