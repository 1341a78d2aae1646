"""Database queries per page view stay within a budget, and do not grow with the content.

Measured on the demo site (SQLite, warm request, Dutch / English):
home 18/19, program 20/21, collective 17/18, how-it-works 16/17, audience 16/17,
article index 21/22, article 20/21, content 15/16, find-support 16/17, sign-up form 18/19,
search 20/21, 404 13, sitemap 8. The budgets below leave a little room above that.
"""

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import NavigationItem, NavigationMenu

from .helpers import dutch_home, english_of, live_dutch_page_of_type

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]

BUDGETS = {
    "home.HomePage": 22,
    "programs.ProgramPage": 24,
    "collective.CollectivePage": 22,
    "collective.HowItWorksPage": 20,
    "collective.AudiencePage": 20,
    "collective.ArticleIndexPage": 25,
    "collective.ArticlePage": 24,
    "collective.ContentPage": 20,
    # Templates of the intake app, on the same base template.
    "intake.FindSupportPage": 22,
    "intake.IntakeFormPage": 26,
}


@pytest.mark.parametrize("label", sorted(BUDGETS))
def test_page_views_stay_within_their_query_budget(client, django_assert_max_num_queries, label):
    dutch = live_dutch_page_of_type(apps.get_model(label))
    for page in (dutch, english_of(dutch)):
        url = page.get_url()
        client.get(url)  # the first view of a process fills caches that are not per request
        with django_assert_max_num_queries(BUDGETS[label]):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("url", "budget"),
    [("/search/?q=gezin", 24), ("/en/search/?q=family", 24), ("/sitemap.xml", 10), ("/bestaat-niet/", 16)],
)
def test_other_views_stay_within_their_query_budget(client, django_assert_max_num_queries, url, budget):
    client.get(url)
    with django_assert_max_num_queries(budget):
        client.get(url)


def _count(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_more_menu_items_cost_no_more_queries(client):
    client.get("/")
    before = _count(client, "/")
    menu = NavigationMenu.objects.get(locale__language_code="nl")
    start = menu.items.count()
    for offset, page in enumerate(dutch_home().get_children().live()[:6]):
        NavigationItem.objects.create(menu=menu, page=page, locale=menu.locale, sort_order=start + offset)
    assert _count(client, "/") == before


def test_more_articles_cost_no_more_queries(client):
    index = live_dutch_page_of_type(apps.get_model("collective.ArticleIndexPage"))
    client.get(index.get_url())
    before = _count(client, index.get_url())
    article = index.get_children().live().first().specific
    for number in range(3):
        article.copy(update_attrs={"slug": f"kopie-{number}", "title": f"Kopie {number}"}, keep_live=True)
    assert _count(client, index.get_url()) == before
