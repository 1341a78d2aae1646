"""The comparison table on the collective page is built from the program facts editors keep."""

import pytest

from collective.models import CollectivePage
from programs.models import Program

from .helpers import english_of, live_dutch_page_of_type, soup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


def _row_for(doc, title):
    for row in doc.select("table.comparison tbody tr"):
        if row.th.get_text(strip=True) == title:
            return {cell["data-label"]: cell.get_text(" ", strip=True) for cell in row.find_all("td")}
    raise AssertionError(f"no row for {title}")


def test_the_table_is_an_accessible_table(client):
    collective = live_dutch_page_of_type(CollectivePage)
    doc = soup(client.get(collective.get_url()))
    table = doc.select_one("table.comparison")
    assert table.caption.get_text(strip=True)
    assert all(th["scope"] == "col" for th in table.thead.find_all("th"))
    assert len(table.thead.find_all("th")) == 7
    rows = table.tbody.find_all("tr")
    assert len(rows) == Program.objects.count() == 5
    assert all(row.th["scope"] == "row" for row in rows)
    region = doc.select_one(".table-region")
    assert region["role"] == "region" and region["tabindex"] == "0"
    assert region["aria-labelledby"] == table.caption["id"]


def test_changing_an_age_range_changes_the_table_in_both_languages(client):
    collective = live_dutch_page_of_type(CollectivePage)
    meeleefgezin = Program.objects.get(code="meeleefgezin")
    page_title = meeleefgezin.pages.get(locale__language_code="nl").title
    english_title = meeleefgezin.pages.get(locale__language_code="en").title

    before = _row_for(soup(client.get(collective.get_url())), page_title)
    assert before["Leeftijd van het kind"] == "0 t/m 4 jaar"

    meeleefgezin.max_age_months = 71
    meeleefgezin.allows_pregnancy = False
    meeleefgezin.save()

    after = _row_for(soup(client.get(collective.get_url())), page_title)
    assert after["Leeftijd van het kind"] == "0 t/m 5 jaar"
    assert after["Tijdens de zwangerschap"] == "Nee"

    english = _row_for(soup(client.get(english_of(collective).get_url())), english_title)
    assert english["Age of the child"] == "0 to 5 years"
    assert english["During pregnancy"] == "No"

    program_page = soup(client.get(meeleefgezin.pages.get(locale__language_code="nl").get_url()))
    facts = program_page.select_one("aside.facts").get_text(" ", strip=True)
    assert "tot en met 5 jaar" in facts
