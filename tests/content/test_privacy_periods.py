"""The privacy page states the retention periods the admin holds (Settings → Retention periods): the
same values the nightly retention run applies, so page and practice cannot drift."""

import pytest

from core.models import RetentionSettings

from .helpers import soup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


def periods(client, url):
    doc = soup(client.get(url))
    return [item.get_text(" ", strip=True) for item in doc.select("main .retention-periods li")]


def test_the_privacy_page_states_the_periods_from_the_settings_in_both_languages(client):
    dutch = periods(client, "/privacy/")
    assert any("1 jaar nadat we je aanmelding hebben afgesloten" in line for line in dutch)
    assert any("2 jaar na het einde van de twee jaar begeleiding" in line for line in dutch)
    assert any("Na 1 jaar vragen we je per e-mail" in line and "binnen 4 weken" in line for line in dutch)
    assert any("uiterlijk 2 jaar na ons laatste contact" in line for line in dutch)
    english = periods(client, "/en/privacy/")
    assert any("at the latest 2 years after our last contact" in line for line in english)

    rules = RetentionSettings.load()
    rules.closed_months, rules.inactive_months, rules.waitlist_answer_weeks = 18, 36, 6
    rules.save()
    dutch = periods(client, "/privacy/")
    assert any("18 maanden nadat we je aanmelding hebben afgesloten" in line for line in dutch)
    assert any("uiterlijk 3 jaar na ons laatste contact" in line for line in dutch)
    assert any("binnen 6 weken" in line for line in dutch)
    assert any("within 6 weeks" in line for line in periods(client, "/en/privacy/"))
