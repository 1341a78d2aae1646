"""Erasure by reference: remove one sign-up's personal data, notes and e-mails on request.

    manage.py erase_signup MG-7K3Q-X9PD-R2TW --reason "Asked by e-mail on 3 March"

What remains is the stats-only record and that (when, why) it was erased.
"""

from django.core.management.base import BaseCommand, CommandError

from intake.privacy.anonymise import ErasureError, erase, what_erasure_removes

from .export_signup import find_by_reference


class Command(BaseCommand):
    help = "Erase one sign-up's personal data, notes and e-mails, keeping only the stats-only record."

    def add_arguments(self, parser):
        parser.add_argument("reference")
        parser.add_argument("--reason", required=True, help="Why (e.g. the request's date); no personal details.")

    def handle(self, *args, reference, reason, **options):
        intake = find_by_reference(reference)
        if intake.erased_at is not None:
            raise CommandError(f"{intake.reference} was already erased on {intake.erased_at:%Y-%m-%d}.")
        gone = what_erasure_removes(intake)
        self.stdout.write(
            f"{intake.reference}: {gone['answers'] or 0} answers, {gone['notes']} notes, {gone['emails']} e-mails "
            f"and {gone['questions']} waitlist questions are removed."
        )
        try:
            erase(intake, user=None, reason=reason)
        except ErasureError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Erased {intake.reference}. The stats-only record remains.")
