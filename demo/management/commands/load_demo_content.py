"""Build (or refresh) the bilingual demo site. Safe to run again: it updates, never duplicates."""

from django.core.management.base import BaseCommand

from demo import matches
from demo.content import build
from demo.safety import refuse_unless_demo_allowed


class Command(BaseCommand):
    help = (
        "Build or update the demo site: Dutch pages with English translations made through wagtail-localize, "
        "the five programs, menu, footer, contact details, illustrations and a local demo admin user."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-admin",
            action="store_true",
            help=f"Do not create the demo superuser '{build.ADMIN_USERNAME}' (e.g. on a shared demo server).",
        )

    def handle(self, *args, **options):
        refuse_unless_demo_allowed("load_demo_content")
        build.run(
            stdout=self.stdout,
            stderr=self.stderr,
            verbosity=options["verbosity"],
            create_admin=not options["no_admin"],
        )
        matches.load(stdout=self.stdout if options["verbosity"] > 0 else None)
