"""`manage.py import_geography`: load the CBS municipality and PC4 files (see `intake.geography.importer`)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from intake.geography.importer import describe, import_files


class Command(BaseCommand):
    help = "Import or refresh municipalities and PC4 postcodes from CSV (validated first; all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--municipalities", type=Path, help="CSV with code,name,province_code,province_name (CBS codes GM0000)."
        )
        parser.add_argument(
            "--postcodes", type=Path, help="CSV with pc4,municipality_code,address_count,share (one row per pair)."
        )

    def handle(self, *args, **options):
        if not options["municipalities"] and not options["postcodes"]:
            raise CommandError("Give --municipalities and/or --postcodes.")
        result = import_files(options["municipalities"], options["postcodes"])
        self.stdout.write(describe(result))
