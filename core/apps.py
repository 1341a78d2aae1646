from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site"

    def ready(self):
        # Registers the system check of the trusted-proxy settings (Django's pattern for checks).
        from . import clients  # noqa: F401
