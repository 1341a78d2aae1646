from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site")

    def ready(self):
        # Registers the system check of the trusted-proxy settings (Django's pattern for checks).
        from . import clients  # noqa: F401
        from .roles import ensure_editors_group_after_migrate

        # The Editors group exists (and is complete) wherever the database is migrated.
        post_migrate.connect(ensure_editors_group_after_migrate, dispatch_uid="core.ensure_editors_group")

        from .cache import connect_signals

        # What clears the page cache and the site's fragment caches (core/cache.py).
        connect_signals()
