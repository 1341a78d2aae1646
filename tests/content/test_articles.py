"""The knowledge section: a paginated list that can be filtered by topic."""

import pytest

from collective.models import ArticleIndexPage

from .helpers import english_of, live_dutch_page_of_type, soup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


@pytest.fixture
def index_with_many_articles():
    index = live_dutch_page_of_type(ArticleIndexPage)
    article = index.get_children().live().first().specific
    for number in range(ArticleIndexPage.per_page + 2):
        article.copy(update_attrs={"slug": f"extra-{number}", "title": f"Extra artikel {number}"}, keep_live=True)
    return index


def test_pagination_links_to_the_next_and_previous_pages(client, index_with_many_articles):
    url = index_with_many_articles.get_url()
    first = soup(client.get(url))
    assert len(first.select(".card-list > li")) == ArticleIndexPage.per_page
    pagination = first.select_one("nav.pagination")
    assert pagination["aria-label"]
    assert pagination.select_one("a[aria-current=page]").get_text(" ", strip=True).endswith("1")
    assert pagination.select_one("a[rel=next]")["href"] == "?page=2"
    assert first.select_one("head link[rel=next]")["href"] == "?page=2"
    assert first.select_one("a[rel=prev]") is None

    second = soup(client.get(url, {"page": 2}))
    assert second.select_one("nav.pagination a[rel=prev]")["href"] == "?page=1"
    assert len(second.find_all("h1")) == 1
    # Nonsense page numbers fall back to a real page instead of an error.
    assert client.get(url, {"page": "999"}).status_code == 200
    assert client.get(url, {"page": "abc"}).status_code == 200


def test_the_topic_filter_shows_only_articles_with_that_topic(client):
    index = live_dutch_page_of_type(ArticleIndexPage)
    articles = [page.specific for page in index.get_children().live()]
    tag = articles[0].tags.first()
    tagged = {article.title for article in articles if tag in article.tags.all()}

    doc = soup(client.get(index.get_url(), {"tag": tag.slug}))
    shown = {h2.get_text(strip=True) for h2 in doc.select(".card-list .card__title")}
    assert shown == tagged
    chosen = doc.select_one("nav.tag-filter a[aria-current=page]")
    assert chosen.get_text(strip=True) == tag.name
    assert doc.select_one("[role=status]") is not None


def test_the_english_index_lists_english_articles(client):
    english = english_of(live_dutch_page_of_type(ArticleIndexPage))
    doc = soup(client.get(english.get_url()))
    links = [a["href"] for a in doc.select(".card-list .card__title a")]
    assert links and all(link.startswith("/en/") for link in links)
