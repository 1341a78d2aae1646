"""`manage.py import_geography`: load the CBS municipality and PC4 files and the municipality
outlines for the waitlist map (see `intake.geography.importer`)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from intake.geography.importer import describe, import_files


class Command(BaseCommand):
    help = (
        "Import or refresh municipalities and PC4 postcodes from CSV, and municipality outlines from GeoJSON "
        "(validated first; all or nothing)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--municipalities", type=Path, help="CSV with code,name,province_code,province_name (CBS codes GM0000)."
        )
        parser.add_argument(
            "--postcodes", type=Path, help="CSV with pc4,municipality_code,address_count,share (one row per pair)."
        )
        parser.add_argument(
            "--boundaries",
            type=Path,
            help=(
                "GeoJSON FeatureCollection of municipality outlines in WGS84 (CBS code in properties.statcode), "
                "for the waitlist map. Every code must be a known municipality."
            ),
        )

    def handle(self, *args, **options):
        if not any(options[name] for name in ("municipalities", "postcodes", "boundaries")):
            raise CommandError("Give --municipalities, --postcodes and/or --boundaries.")
        result = import_files(options["municipalities"], options["postcodes"], options["boundaries"])
        self.stdout.write(describe(result))
