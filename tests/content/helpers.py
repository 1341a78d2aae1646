"""Small helpers for reading the public pages the way a visitor (or a crawler) would."""

from bs4 import BeautifulSoup
from wagtail.models import Locale, Page

from home.models import HomePage


def soup(response_or_html):
    """Parsed HTML of a test-client response, or of a string of HTML."""
    html = response_or_html if isinstance(response_or_html, str) else response_or_html.content.decode()
    return BeautifulSoup(html, "html.parser")


def html_lang(response):
    return soup(response).html.get("lang")


def path_of(page):
    """The site-relative address of a page (Dutch at /, English at /en/)."""
    return page.get_url()


def locale(code):
    return Locale.objects.get(language_code=code)


def dutch_home():
    return HomePage.objects.get(locale__language_code="nl", depth=2)


def live_dutch_page_of_type(model):
    return model.objects.live().filter(locale__language_code="nl").order_by("path").first()


def english_of(page):
    return page.get_translation(locale("en"))


def page_by_dutch_path(path):
    """The Dutch page at a site-relative path such as '/collectief/meeleefgezin/'."""
    home = dutch_home()
    return Page.objects.get(url_path=home.url_path + path.lstrip("/")).specific
