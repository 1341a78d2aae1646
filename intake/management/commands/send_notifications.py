"""Send the outbox's due e-mails now, in this process (`intake.outbox.tasks.send_due_now`).

The long-running mail worker is `manage.py db_worker` (django-tasks-db), which runs the delivery
tasks as they come due; this command is for a one-off pass, e.g. after fixing the mail settings.
"""

from django.core.management.base import BaseCommand

from intake.outbox import tasks


class Command(BaseCommand):
    help = (
        "Queue the notices of sign-ups that have none, then send every due sign-up e-mail now (failures are "
        "retried later by `manage.py db_worker`). One pass, then exit."
    )

    def handle(self, *args, verbosity=1, **options):
        counts = tasks.send_due_now()
        if verbosity:
            self.stdout.write(
                "Sent {sent}, retrying later {retrying}, failed {failed}, newly queued {queued}.".format(**counts)
            )
