"""Absolute links follow the configured site URL, never the Host header a client sends."""

import re
from io import StringIO

from django.core.management import CommandError, call_command

from wagtail.models import Site

import pytest

from home.site_url import sync_default_site
from tests.factories.home import StandardPageFactory

pytestmark = pytest.mark.django_db

SERVED = "http://127.0.0.1:8111"


@pytest.fixture
def served_site(settings, home_page, german_home):
    """The site as `run_site --port 8111` leaves it: base URL set, default Site synced."""
    settings.WAGTAILADMIN_BASE_URL = SERVED
    sync_default_site()
    StandardPageFactory(parent=home_page, slug="about", title="About the network")
    return home_page


def _links(html: str) -> dict[str, str]:
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html))
    return {"canonical": canonical, **alternates}


def test_canonical_and_hreflang_use_the_served_address_whatever_the_host(client, served_site):
    html = client.get("/en/", HTTP_HOST="localhost").content.decode()
    links = _links(html)
    assert links["canonical"] == f"{SERVED}/en/"
    assert links["de"] == f"{SERVED}/de/"
    assert all(url.startswith(f"{SERVED}/") for url in links.values()), links


def test_search_results_show_the_served_address(client, served_site):
    html = client.get("/en/search/", {"q": "network"}, HTTP_HOST="localhost").content.decode()
    assert f"{SERVED}/en/about/" in html
    assert "http://localhost/" not in html


def test_robots_txt_names_the_sitemap_on_the_configured_site_not_the_request_host(
    client, served_site
):
    body = client.get("/robots.txt", HTTP_HOST="localhost").content.decode()
    assert f"Sitemap: {SERVED}/sitemap.xml" in body


def test_sync_site_url_command_takes_the_production_base_url(home_page, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://stem-pd-net.example"
    out = StringIO()
    call_command("sync_site_url", stdout=out)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == (
        "stem-pd-net.example",
        443,
        "https://stem-pd-net.example",
    )
    assert "https://stem-pd-net.example" in out.getvalue()


@pytest.mark.parametrize(
    "url", ["stem-pd-net.example", "ftp://stem-pd-net.example", "https://stem-pd-net.example:8443"]
)
def test_sync_site_url_refuses_an_address_wagtail_cannot_serve(home_page, url):
    with pytest.raises(CommandError, match=r"base URL|https only"):
        call_command("sync_site_url", f"--base-url={url}", stdout=StringIO())
    assert Site.objects.get(is_default_site=True).hostname == "testserver"
