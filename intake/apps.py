from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "intake"
    verbose_name = "Intake"

    def ready(self):
        # The waitlist question is an outbox e-mail whose message the privacy layer builds.
        from .privacy import waitlist  # noqa: F401
