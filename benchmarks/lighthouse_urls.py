"""The site's URLs plus /media/, for the Lighthouse benchmark only (see lighthouse_settings)."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from stempd.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *site_urlpatterns,
]
