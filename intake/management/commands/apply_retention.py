"""The nightly retention run (`intake.privacy.retention`): close, ask, anonymise, clear sessions.

manage.py apply_retention            # do it
manage.py apply_retention --dry-run  # list what it would do, with counts per rule; change nothing
"""

from django.core.management.base import BaseCommand
from django.utils import translation

from core.models import RetentionSettings
from intake.privacy import retention


class Command(BaseCommand):
    help = (
        "Apply the retention periods (Settings → Retention periods): close waitlist sign-ups that did not "
        "answer, ask the waitlist whether it still waits, anonymise what is due, and clear expired sessions."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what would be done; change nothing.")

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        translation.activate("en")
        rules = RetentionSettings.load()
        self.stdout.write(
            f"Periods: closed {rules.closed_months} months, after guidance {rules.after_guidance_months} months, "
            f"no contact {rules.inactive_months} months, waitlist question after {rules.waitlist_question_months} "
            f"months, answer within {rules.waitlist_answer_weeks} weeks."
        )
        plan = retention.make_plan(rules=rules) if dry_run else retention.apply(rules=rules)
        verb = "Would" if dry_run else "Done:"
        for rule in retention.RULES:
            items = plan.due[rule]
            self.stdout.write(f"{verb} {rule}: {len(items)} — {retention.RULE_LABELS[rule]}")
            if dry_run or verbosity > 1:
                for due in items:
                    self.stdout.write(f"  {due.intake.reference} (due {due.due_on.isoformat()})")
        if plan.cannot_ask:
            self.stdout.write(f"Waitlist sign-ups without an e-mail address to ask: {len(plan.cannot_ask)}")
            for due in plan.cannot_ask:
                self.stdout.write(f"  {due.intake.reference} (due {due.due_on.isoformat()})")
        sessions = "would be cleared" if dry_run else "cleared"
        self.stdout.write(f"Expired sessions {sessions}: {plan.expired_sessions}")
