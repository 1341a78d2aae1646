"""Print a new key for INTAKE_ENCRYPTION_KEYS."""

from django.core.management.base import BaseCommand

from intake.encryption.crypto import generate_key


class Command(BaseCommand):
    help = (
        "Print a new Fernet key for INTAKE_ENCRYPTION_KEYS. To rotate: put it first in the list, keep the old "
        "key after it, run `manage.py rotate_intake_keys`, then remove the old key."
    )

    def handle(self, *args, **options):
        self.stdout.write(generate_key())
