"""Shared fixtures.

The test database starts empty (migrations only). Unit tests build what they need with the
factories in `tests/factories.py`. Tests of the whole site ask for `demo_site`: the bilingual demo
(`manage.py load_demo_content`) is then built once into the test database, after every test that
does not need it has run (see `pytest_collection_modifyitems`). Every test runs inside a
transaction that is rolled back, so tests cannot disturb each other.
"""

import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.http import HttpRequest
from django.utils import translation
from django_otp import login as django_otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import settings as hypothesis_settings

from tests.e2e.server import DemoServer

# Property-based tests (tests/test_hostile_input.py): a quick run by default, a thorough one in CI.
hypothesis_settings.register_profile("dev", max_examples=50)
hypothesis_settings.register_profile("ci", max_examples=400)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(scope="session")
def demo_site(django_db_setup, django_db_blocker):
    """The whole demo site, built once per test session (it is never rolled back)."""
    with django_db_blocker.unblock():
        call_command("load_demo_content", verbosity=0)


@pytest.fixture(autouse=True)
def _clean_slate():
    """Each test starts in Dutch (the default language) with an empty cache."""
    cache.clear()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
    cache.clear()


# --- Signing in to the admin with a second factor (core/admin_security/) ---------------------------


def otp_login(client, user):
    """Sign `user` in as the admin's sign-in does for a second-factor account: password (here
    `force_login`, as django-axes needs), then a confirmed authenticator app verified in the session."""
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="Test authenticator", confirmed=True
    )
    request = HttpRequest()
    request.session = client.session
    request.user = user
    django_otp_login(request, device)
    request.session.save()
    return client


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's `admin_client`, signed in with its second factor (superusers must have one)."""
    return otp_login(client, admin_user)


def _order(item):
    # Tests on an empty database first, then the tests of the demo site (which, once built, stays),
    # then the few tests that must commit (`transaction=True`: their flush empties the database, so
    # nothing that needs the demo site runs after them), then the browser tests (Playwright's event
    # loop never overlaps the ORM tests).
    if item.get_closest_marker("browser") is not None:
        return 3
    marker = item.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        return 2
    return 1 if "demo_site" in getattr(item, "fixturenames", ()) else 0


def pytest_collection_modifyitems(config, items):
    items.sort(key=_order)


def pytest_collection_finish(session):
    """Browser tests ahead: start migrating their server's database now, while the others run."""
    config = session.config
    if config.option.collectonly or not any(item.get_closest_marker("browser") for item in session.items):
        return
    config.demo_server = DemoServer().prepare()


def pytest_unconfigure(config):
    server = getattr(config, "demo_server", None)
    if server is not None:  # prepared, but no browser test ran (e.g. stopped early)
        server.stop()
