"""Shared fixtures.

The demo site (`manage.py load_demo_content`) is built once per test session into the test
database; every test then runs inside a transaction that is rolled back, so tests see the real
bilingual site and cannot disturb each other.
"""

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo_content", verbosity=0)


@pytest.fixture(autouse=True)
def _clean_slate():
    """Each test starts in Dutch (the default language) with an empty cache."""
    from django.conf import settings
    from django.core.cache import cache
    from django.utils import translation

    cache.clear()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
    cache.clear()


def pytest_collection_modifyitems(config, items):
    # Browser tests (tests/e2e) run last, so Playwright's event loop never overlaps the ORM tests.
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
