"""The sitemap lists every live page of both languages, and every address in it works."""

from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from wagtail.models import Page

from .helpers import html_lang

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def _entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    return root.findall("sm:url", NS)


def test_every_address_in_the_sitemap_answers_in_its_own_language(client):
    entries = _entries(client)
    paths = [urlsplit(entry.find("sm:loc", NS).text).path for entry in entries]
    assert len(paths) == len(set(paths))
    assert any(path.startswith("/en/") for path in paths)
    assert any(not path.startswith("/en/") for path in paths)
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert html_lang(response) == ("en" if path.startswith("/en/") else "nl"), path


def test_the_sitemap_holds_every_live_public_page_of_both_languages(client):
    paths = {urlsplit(entry.find("sm:loc", NS).text).path for entry in _entries(client)}
    expected = {page.get_url() for page in Page.objects.live().public().filter(depth__gte=2)}
    assert paths == expected


def test_sitemap_entries_name_their_translations(client):
    for entry in _entries(client):
        alternates = {link.get("hreflang"): link.get("href") for link in entry.findall("xhtml:link", NS)}
        if alternates:
            assert set(alternates) == {"nl", "en"}
            assert entry.find("sm:loc", NS).text in alternates.values()


def test_robots_txt_points_to_the_sitemap(client):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
