"""Create or complete the Editors group (core/roles.py). `migrate` does this too; safe to run again."""

from django.core.management.base import BaseCommand

from core.roles import EDITORS_GROUP, ensure_editors_group


class Command(BaseCommand):
    help = "Create or complete the Editors group: pages, snippets, settings, translations; never sign-ups."

    def handle(self, *args, **options):
        group, missing = ensure_editors_group()
        if missing:
            self.stderr.write("Permissions not found (run migrate first): " + ", ".join(missing))
        self.stdout.write(f"Group '{EDITORS_GROUP}': {group.permissions.count()} permissions.")
