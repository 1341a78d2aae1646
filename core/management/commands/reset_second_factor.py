"""Remove an account's authenticator app and recovery codes (lost phone and lost codes): at the next
sign-in the account enrols again."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp import devices_for_user


class Command(BaseCommand):
    help = "Remove USERNAME's second-factor devices; the account enrols a new one at its next sign-in."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        try:
            user = get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No account {username!r}.") from None
        removed = 0
        for device in list(devices_for_user(user, confirmed=None)):
            device.delete()
            removed += 1
        self.stdout.write(f"Removed {removed} second-factor device(s) of {username}.")
