"""The demo commands refuse to run where they could do harm."""

from django.conf import settings
from django.core.management.base import CommandError


def refuse_unless_demo_allowed(command_name):
    """Stop before touching the database unless the settings allow demo content (dev and test only).

    The demo creates the superuser `admin` with a password everyone can read in the code, and
    overwrites pages, menus and regions. `DEMO_CONTENT_ALLOWED` is an explicit opt-in rather than a
    guess from DEBUG, which the test settings also turn off.
    """
    if not getattr(settings, "DEMO_CONTENT_ALLOWED", False):
        raise CommandError(
            f"{command_name} refuses to run with these settings ({settings.SETTINGS_MODULE}): it creates demo "
            "accounts with a known password and overwrites content. Run it only with config.settings.dev "
            "or config.settings.test (DEMO_CONTENT_ALLOWED = True)."
        )
