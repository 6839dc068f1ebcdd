"""Root URLconf: admin and technical endpoints unprefixed, public pages under `/<language>/`.

Each feature app contributes public routes through its own `urls.py`, mounted inside
`i18n_patterns` so every public URL carries the visitor's language. Wagtail's page serving comes
last because it matches every remaining path.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.http import Http404
from django.urls import include, path, re_path
from django.views import defaults

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from home import sitemap as home_sitemap
from home import views as home_views
from home.caching import routes
from stempd import readiness, views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", readiness.readyz, name="readyz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("manifest.webmanifest", views.web_manifest, name="web_manifest"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sitemap.xml", home_sitemap.sitemap, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("anymail/", include("newsletters.webhook_urls")),
]

# The styled error pages, to look at in the demo (DEBUG shows Django's own pages instead).
error_previews = (
    [
        path("errors/404/", defaults.page_not_found, {"exception": Http404()}, name="preview_404"),
        path("errors/500/", defaults.server_error, name="preview_500"),
    ]
    if settings.DEBUG
    else []
)

urlpatterns += i18n_patterns(
    *error_previews,
    path("", include("home.urls")),
    path("", include("network.urls")),
    path("", include("events.urls")),
    path("", include("newsletters.urls")),
    # Wagtail's URLs, its page view replaced by one that starts from a kept route.
    *[pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"],
    re_path(serve_pattern, routes.serve, name="wagtail_serve"),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns = (
        staticfiles_urlpatterns()
        + static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
        + urlpatterns
    )
