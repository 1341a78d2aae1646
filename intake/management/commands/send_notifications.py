"""The mail worker: send the outbox's due e-mails (`intake.outbox.delivery`)."""

import logging
import signal
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from intake.outbox import delivery

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Send the due sign-up e-mails from the outbox, retrying failures with backoff. Runs once by default; "
        "--loop keeps polling (used by `make run` and as a production service)."
    )

    def add_arguments(self, parser):
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--once", action="store_true", help="One pass, then exit (the default).")
        mode.add_argument("--loop", action="store_true", help="Keep polling until stopped.")
        parser.add_argument(
            "--interval", type=float, default=5.0, help="Seconds between passes with --loop (default 5)."
        )

    def handle(self, *args, loop=False, interval=5.0, verbosity=1, **options):
        if not loop:
            self.report(delivery.run_once(), verbosity)
            return

        self.stopping = False

        def stop(signum, frame):
            self.stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        if verbosity:
            self.stdout.write(f"Mail worker: sending due sign-up e-mails every {interval:g}s (Ctrl-C stops).")
        while not self.stopping:
            close_old_connections()
            try:
                counts = delivery.run_once()
            except DatabaseError:
                # The database is away: try again on the next pass; nothing is lost.
                logger.exception("Mail worker: database error; trying again in %ss.", interval)
            else:
                if any(counts.values()):
                    self.report(counts, verbosity)
            slept = 0.0
            while slept < interval and not self.stopping:
                time.sleep(min(0.5, interval - slept))
                slept += 0.5
        close_old_connections()

    def report(self, counts, verbosity):
        if verbosity:
            self.stdout.write(
                "Sent {sent}, retrying later {retrying}, failed {failed}, newly queued {queued}.".format(**counts)
            )
