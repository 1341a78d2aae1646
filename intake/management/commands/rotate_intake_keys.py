"""Re-encrypt every sign-up's personal data with the first key of INTAKE_ENCRYPTION_KEYS."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from intake.encryption.crypto import DecryptionError
from intake.records.models import Intake


class Command(BaseCommand):
    help = (
        "Re-encrypt the personal data of every sign-up with the first (newest) key in INTAKE_ENCRYPTION_KEYS. "
        "Run after putting a new key in front; remove the old key only after this reports no failures."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=200, help="Rows per transaction (default 200).")

    def handle(self, *args, batch_size=200, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        ids = list(Intake.objects.order_by("pk").values_list("pk", flat=True))
        rotated, failed = 0, []
        for start in range(0, len(ids), batch_size):
            batch = ids[start : start + batch_size]
            with transaction.atomic():
                for pk in batch:
                    try:
                        # Reading decrypts with any configured key; writing encrypts with the first.
                        personal = Intake.objects.filter(pk=pk).values_list("personal", flat=True).first()
                    except DecryptionError:
                        failed.append(pk)
                        continue
                    Intake.objects.filter(pk=pk).update(personal=personal)
                    rotated += 1
        self.stdout.write(f"Re-encrypted {rotated} sign-up(s) with the first key.")
        if failed:
            raise CommandError(
                f"{len(failed)} sign-up(s) could not be decrypted with any configured key (ids: "
                f"{', '.join(str(pk) for pk in failed[:20])}{' …' if len(failed) > 20 else ''}). Keep the old keys."
            )
