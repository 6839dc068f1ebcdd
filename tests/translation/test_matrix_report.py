"""The status report's summary row, state filter and CSV export, and what translators may see."""

import csv
import io

from django.urls import reverse

import pytest

from tests.factories.home import StandardPageFactory
from tests.translation.conftest import translate_all
from translation.groups import setup_translator_groups

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home_page, german_home, locales):
    done = StandardPageFactory(parent=home_page, title="About", slug="about", intro="Us")
    todo = StandardPageFactory(parent=home_page, title="Imprint", slug="imprint", intro="Law")
    german = translate_all(done, locales["de"])
    german.title = "Über uns (nur Deutsch)"
    german.save_revision().publish()
    return done, todo


def read_csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_summary_row_counts_states_and_completion(client, superuser, pages):
    client.force_login(superuser)
    response = client.get(reverse("translation_matrix"), {"locale": "de"})
    (german,) = response.context["summary"]
    # home page (copied for the German tree by hand) + About translated; Imprint missing
    assert german.counts["translated"] == 2
    assert german.counts["missing"] == 1
    assert german.completion == 66
    assert b'data-completion="66"' in response.content


def test_state_filter_keeps_only_rows_in_that_state(client, superuser, pages):
    client.force_login(superuser)
    response = client.get(reverse("translation_matrix"), {"locale": "de", "state": "missing"})
    assert [row.title for row in response.context["object_list"]] == ["Imprint"]


def test_csv_has_the_same_figures(client, superuser, pages):
    client.force_login(superuser)
    response = client.get(reverse("translation_matrix_csv"), {"locale": "de"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = {row["Page"]: row for row in read_csv(response)}
    about = rows["About"]
    assert (about["Language"], about["State"], about["Percent"]) == ("de", "published", "100")
    assert about["Translated strings"] == about["Total strings"] != ""
    assert rows["Imprint"]["State"] == "missing"


def test_csv_neutralises_spreadsheet_formulas(client, superuser, home_page, german_home):
    StandardPageFactory(parent=home_page, title="=HYPERLINK(1)", slug="formula")
    client.force_login(superuser)
    rows = read_csv(client.get(reverse("translation_matrix_csv"), {"locale": "de"}))
    assert "'=HYPERLINK(1)" in [row["Page"] for row in rows]


def test_translator_forging_the_csv_for_another_language_gets_403(client, pages, make_user):
    translator = make_user("pierre", setup_translator_groups().translator_groups["fr"])
    client.force_login(translator)
    response = client.get(reverse("translation_matrix_csv"), {"locale": "de"})
    assert response.status_code == 403
    assert "Über uns" not in response.content.decode()
    assert client.get(reverse("translation_matrix"), {"locale": "de"}).status_code == 403
    own = read_csv(client.get(reverse("translation_matrix_csv")))
    assert {row["Language"] for row in own} == {"fr"}


def test_translators_never_see_other_languages_titles(client, pages, make_user):
    translator = make_user("pierre", setup_translator_groups().translator_groups["fr"])
    client.force_login(translator)
    response = client.get(reverse("translation_matrix"))
    assert response.status_code == 200
    assert "Über uns" not in response.content.decode()
    assert "German" not in [c.label for c in response.context["table"].columns.values()]
