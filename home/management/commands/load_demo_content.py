"""Build (or refresh) the bilingual demo site. Safe to run again."""

from django.core.management.base import BaseCommand

from home.demo import build


class Command(BaseCommand):
    help = "Build or update the bilingual demo site (Dutch pages, English translations, snippets, images)."

    def handle(self, *args, **options):
        build.run(stdout=self.stdout, verbosity=options["verbosity"])
