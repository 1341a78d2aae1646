"""The site says the same thing the same way, and a newcomer's `make run` shows the site as visitors see it."""

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

from .helpers import soup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]

ROOT = Path(__file__).resolve().parents[2]


# --- Development server: the site's own 404, e-mail links on the right port -------------------------


def dev_settings():
    return importlib.import_module("config.settings.dev")


def test_dev_settings_keep_debug_on_for_static_and_media():
    dev = dev_settings()
    assert dev.DEBUG is True  # runserver serves static files, config/urls.py serves media
    assert "django.contrib.staticfiles" in dev.INSTALLED_APPS


@pytest.mark.parametrize(
    ("path", "heading", "lang"),
    [("/deze-pagina-bestaat-niet/", "Pagina niet gevonden", "nl"), ("/en/no-such-page/", "Page not found", "en")],
)
def test_dev_404_is_the_sites_own_page(client, path, heading, lang):
    with override_settings(DEBUG=True, MIDDLEWARE=dev_settings().MIDDLEWARE):
        response = client.get(path)
    assert response.status_code == 404
    doc = soup(response)
    assert doc.html["lang"] == lang
    assert doc.h1.get_text(strip=True) == heading
    assert "Using the URLconf" not in response.content.decode()  # not Django's technical 404


def test_without_the_dev_middleware_debug_shows_the_technical_404(client):
    """The control for the test above: DEBUG alone would show Django's page."""
    with override_settings(DEBUG=True):
        response = client.get("/deze-pagina-bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" not in response.content.decode()


def dev_admin_base_url(**env):
    code = "import django; django.setup(); from django.conf import settings; print(settings.WAGTAILADMIN_BASE_URL)"
    clean = {"PATH": os.environ.get("PATH", ""), "DJANGO_SETTINGS_MODULE": "config.settings.dev", **env}
    result = subprocess.run([sys.executable, "-c", code], env=clean, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_dev_email_links_follow_port():
    assert dev_admin_base_url() == "http://127.0.0.1:8000"
    assert dev_admin_base_url(PORT="8123") == "http://127.0.0.1:8123"
    assert dev_admin_base_url(PORT="8123", WAGTAILADMIN_BASE_URL="https://x.example.org") == "https://x.example.org"


def test_make_run_passes_port_to_the_server_and_the_worker():
    makefile = (ROOT / "Makefile").read_text()
    assert "PORT=$(PORT) $(PY) manage.py db_worker" in makefile
    assert "PORT=$(PORT) $(PY) manage.py runserver" in makefile
