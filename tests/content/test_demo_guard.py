"""The demo commands create `admin` / `changeme-demo`: they refuse to run under production settings."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from tests.test_settings import PRODUCTION_ENV, manage


@pytest.mark.parametrize("command", ["load_demo_content", "load_demo_intake"])
def test_the_demo_commands_refuse_production_settings(command):
    result = manage(command, **PRODUCTION_ENV)
    assert result.returncode != 0
    assert f"{command} refuses to run with these settings (config.settings.production)" in result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize("command", ["load_demo_content", "load_demo_intake"])
def test_the_demo_commands_change_nothing_when_the_settings_do_not_allow_them(settings, command):
    settings.DEMO_CONTENT_ALLOWED = False
    with pytest.raises(CommandError, match="refuses to run"):
        call_command(command, verbosity=0)
    assert not get_user_model().objects.exists()
