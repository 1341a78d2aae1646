"""Build (or refresh) the bilingual demo site. Safe to run again: it updates, never duplicates."""

from django.core.management.base import BaseCommand

from home.demo import build


class Command(BaseCommand):
    help = (
        "Build or update the demo site: Dutch pages with English translations made through wagtail-localize, "
        "the five programs, menu, footer, contact details, illustrations and a local demo admin user."
    )

    def handle(self, *args, **options):
        build.run(stdout=self.stdout, stderr=self.stderr, verbosity=options["verbosity"])
