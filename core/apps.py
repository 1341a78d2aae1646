from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site"

    def ready(self):
        # Registers the system check of the trusted-proxy settings (Django's pattern for checks).
        from . import clients  # noqa: F401
        from .cache import connect_signals

        # What clears the page cache and the site's fragment caches (core/cache.py).
        connect_signals()
