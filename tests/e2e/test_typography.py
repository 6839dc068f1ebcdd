"""Type that holds in every language, in a real browser: the main menu stays on one line on a
desktop in all eight languages, and long words in headings and card titles break only where a
hyphen shows (the server's soft hyphens), never mid-word without one."""

import json
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

import pytest

from home.models import MainMenu, MainMenuItem
from tests.factories.events import EventIndexPageFactory, EventPageFactory
from tests.factories.network import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# The demo's menu labels, the longest set of labels each language's editors use.
MENU_LABELS = {
    "en": ["About the network", "Project outputs", "News", "Publications",
           "Cross-cutting issues", "Partners", "Events"],
    "de": ["Über das Netzwerk", "Projektergebnisse", "Nachrichten", "Publikationen",
           "Querschnittsthemen", "Partner", "Veranstaltungen"],
    "fr": ["À propos du réseau", "Résultats du projet", "Actualités", "Publications",
           "Thèmes transversaux", "Partenaires", "Événements"],
    "es": ["Sobre la red", "Resultados del proyecto", "Noticias", "Publicaciones",
           "Temas transversales", "Socios", "Eventos"],
    "it": ["La rete", "Risultati del progetto", "Notizie", "Pubblicazioni",
           "Temi trasversali", "Partner", "Eventi"],
    "nl": ["Over het netwerk", "Projectresultaten", "Nieuws", "Publicaties",
           "Overkoepelende thema's", "Partners", "Evenementen"],
    "fi": ["Tietoa verkostosta", "Hankkeen tuotokset", "Uutiset", "Julkaisut",
           "Läpileikkaavat teemat", "Kumppanit", "Tapahtumat"],
    "tr": ["Ağ hakkında", "Proje çıktıları", "Haberler", "Yayınlar",
           "Kesişen konular", "Ortaklar", "Etkinlikler"],
}  # fmt: skip
LONG_TITLES = {
    "de": "Neue Fortbildungszentren treten bei: Lehrkräftefortbildungsqualitätssicherung",
    "fi": "Opettajankoulutuksen kehittämiskeskukset ja täydennyskoulutusverkostot",
    "tr": "Öğretmenlerinin sürdürülebilirliği için mesleki gelişim merkezleri",
}

# For each heading and card title: the places where a line ends inside a word with no hyphen.
BAD_BREAKS_JS = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('main h1, main h2, main h3, .card__title')) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let prevTop = null, between = '';
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent;
      for (let i = 0; i < text.length; i++) {
        const ch = text[i];
        if (/[\\s\\u00ad\\-/]/.test(ch)) { between += ch; continue; }
        const range = document.createRange();
        range.setStart(node, i); range.setEnd(node, i + 1);
        // After a break at a soft hyphen, a letter's range also covers the hyphen drawn at the
        // end of the line before: the last rectangle is the letter's own.
        const rects = range.getClientRects();
        const rect = rects[rects.length - 1];
        if (!rect) { between += ch; continue; }
        if (prevTop !== null && rect.top > prevTop + rect.height / 2 && between === '') {
          const word = text.slice(Math.max(0, i - 8), i + 8);
          bad.push(el.textContent.replace(/\\u00ad/g, '').trim() + ' @ ' + word);
        }
        prevTop = rect.top; between = '';
      }
      between += ' ';
    }
  }
  return bad;
}"""


def translated(page, locale, title=None):
    copy = page.copy_for_translation(locale, copy_parents=True)
    if title:
        copy.title = title
    copy.save_revision().publish()
    return copy


@pytest.fixture
def menus(home_page, locales):
    """A home page and a main menu in each language, labelled as the demo labels them."""
    for code, labels in MENU_LABELS.items():
        home = home_page if code == "en" else translated(home_page, locales[code])
        menu = MainMenu(
            locale=locales[code],
            items=[MainMenuItem(link_page=home, label=label) for label in labels],
        )
        menu.save()
        menu.save_revision().publish()


@pytest.fixture
def long_titles(home_page, locales):
    """News and an event whose titles hold long German, Finnish and Turkish words."""
    news_index = NewsIndexPageFactory(parent=home_page)
    event_index = EventIndexPageFactory(parent=home_page)
    news = NewsPageFactory(parent=news_index, date=timezone.localdate())
    event = EventPageFactory(
        parent=event_index, start_date=timezone.localdate() + timedelta(days=3)
    )
    paths = []
    for code, title in LONG_TITLES.items():
        translated(home_page, locales[code])
        paths.append(translated(news_index, locales[code]).url)
        paths.append(translated(news, locales[code], title).url)
        paths.append(translated(event, locales[code], title).url)
        paths.append(f"/{code}/")
    return paths


def test_main_menu_fits_one_line_on_a_desktop_in_every_language(live_server, browser, menus):
    assert set(MENU_LABELS) == {code for code, _name in settings.LANGUAGES}
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    rows = {}
    try:
        for code in MENU_LABELS:
            page.goto(f"{live_server.url}/{code}/")
            tops = page.eval_on_selector_all(
                ".main-nav__list > li", "items => items.map(i => Math.round(i.offsetTop))"
            )
            assert len(tops) == 7, code
            rows[code] = len(set(tops))
    finally:
        context.close()
    assert rows == dict.fromkeys(MENU_LABELS, 1)


def test_no_heading_word_breaks_without_a_hyphen(live_server, browser, long_titles):
    problems = {}
    for width in (320, 375, 1280):
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        try:
            for path in long_titles:
                page.goto(f"{live_server.url}{path}")
                page.evaluate("document.fonts.ready")
                found = page.evaluate(BAD_BREAKS_JS)
                if found:
                    problems[f"{path} @{width}"] = found
        finally:
            context.close()
    assert problems == {}, json.dumps(problems, indent=1, ensure_ascii=False)
