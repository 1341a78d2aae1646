from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "intake"
    verbose_name = _("Sign-ups")

    def ready(self):
        # The waitlist question is an outbox e-mail whose message the privacy layer builds.
        from .privacy import waitlist  # noqa: F401
