"""The cleaner alone: what a translated string keeps and what it loses, string by string.

Each hostile string is one a browser would turn into an element or an event handler; after
cleaning, every `<` left must start one of the few elements the string may hold.
"""

import re

import pytest

from translation.markup import clean_plain_text, clean_rich_text, is_safe_link

SOURCE = 'Teachers meet <a id="a1">at the centres</a> and <a id="a2">read the guide</a>.'
ISSUE_PAYLOAD = "Text <!--x--!><img src=x onerror=\"document.title='XSS-'+document.domain\">-->"

HOSTILE = [
    ISSUE_PAYLOAD,
    "<svg onload=alert(1)>Zentren</svg>",
    "<svg><script>alert(1)</script></svg>",
    '<a id="a1" href="javascript:alert(1)">Zentren</a>',
    '<a href="java&#x09;script:alert(1)" id="a1">Zentren</a>',
    '<a id="a1" onclick="alert(1)">Zentren</a>',
    '<a id="a1"><img src=x onerror=alert(1)></a>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">Weiter',
    '<form action="https://evil.example/login"><input name="password">Anmelden</form>',
    "Offen <!-- <img src=x onerror=alert(1)>",
    "<![CDATA[<img src=x onerror=alert(1)>]]>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "<b onmouseover=alert(1)>fett</b>",
    "<style>body{display:none}</style>Text",
    '<base href="https://evil.example/">Text',
    "<object data=javascript:alert(1)></object>",
]


def remaining_markup(html: str) -> str:
    """`html` without the elements a string of `SOURCE` may hold: what is left must have no `<`."""
    return re.sub(r'</?(?:b|i)>|<br>|<a id="a[12]">|</a>', "", html)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_rich_text_keeps_no_element_or_attribute_a_browser_would_run(hostile):
    cleaned = clean_rich_text(hostile, SOURCE)
    assert "<" not in remaining_markup(cleaned), cleaned


@pytest.mark.parametrize("hostile", HOSTILE)
def test_plain_text_keeps_text_only(hostile):
    cleaned = clean_plain_text(hostile, "About us")
    assert "<" not in cleaned, cleaned


def test_the_issues_payload_leaves_its_text_and_nothing_that_runs():
    assert clean_rich_text(ISSUE_PAYLOAD, SOURCE) == "Text --&gt;"


def test_a_link_id_the_source_does_not_have_is_dropped():
    assert clean_rich_text('<a id="a1">eins</a> <a id="a9">neun</a>', SOURCE) == (
        '<a id="a1">eins</a> <a>neun</a>'
    )


def test_a_string_whose_source_has_no_link_gets_none():
    assert clean_rich_text('Siehe <a id="a1">hier</a>', "See here") == "Siehe hier"


@pytest.mark.parametrize(
    "translation",
    [
        'Lehrkräfte treffen sich <a id="a1">in den Zentren</a> und <a id="a2">lesen</a>.',
        "<b>Fett</b> und <i>kursiv</i><br>zweite Zeile",
        "Forschung &amp; Lehre, 3 &lt; 4 und \xa0geschützt",
        "Ohne Auszeichnung",
    ],
)
def test_a_legitimate_rich_text_translation_is_kept_as_it_is(translation):
    assert clean_rich_text(translation, SOURCE) == translation


def test_an_inline_element_the_source_uses_is_kept():
    assert clean_rich_text("<code>make run</code>", "Type <code>make run</code>") == (
        "<code>make run</code>"
    )
    assert clean_rich_text("<code>make run</code>", SOURCE) == "make run"


@pytest.mark.parametrize("separator", ["\n", "\r\n", "\r", "<br>", "<br/>", "\u2028"])
def test_a_one_line_field_gets_a_space_for_each_line_break(separator):
    assert clean_plain_text(f"Erster{separator}Zweiter", "About us") == "Erster Zweiter"


def test_a_multi_line_field_keeps_its_line_breaks():
    source = "First line<br>second line"
    assert clean_plain_text("Erste Zeile<br>zweite Zeile", source) == (
        "Erste Zeile<br>zweite Zeile"
    )
    assert clean_plain_text("Erste\nZeile", source) == "Erste\nZeile"


def test_plain_text_without_markup_keeps_its_characters():
    assert clean_plain_text("Forschung & Lehre > alles", "About us") == (
        "Forschung & Lehre > alles"
    )


def test_entity_encoded_markup_stays_text():
    cleaned = clean_rich_text("&lt;img src=x onerror=alert(1)&gt;", SOURCE)
    assert cleaned == "&lt;img src=x onerror=alert(1)&gt;"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java&#x09;script:alert(1)",
        "jav&#97;script:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
    ],
)
def test_a_link_that_runs_code_is_not_safe(url):
    assert not is_safe_link(url)


@pytest.mark.parametrize(
    "url",
    ["https://example.de/", "http://example.de", "mailto:a@example.de", "tel:+49301234", "/de/"],
)
def test_web_mail_phone_links_and_paths_are_safe(url):
    assert is_safe_link(url)
