"""Subject access by reference: everything held about one sign-up, as a JSON file and an HTML page.

manage.py export_signup MG-7K3Q-X9PD-R2TW [--output DIR] [--language nl|en]
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from intake.privacy import export
from intake.records.models import Intake


def find_by_reference(reference: str) -> Intake:
    normalised = "".join((reference or "").split()).upper()
    intake = Intake.objects.filter(reference=normalised).first()
    if intake is None:
        raise CommandError(f"No sign-up with reference {reference!r}.")
    return intake


class Command(BaseCommand):
    help = "Write everything held about one sign-up (answers, notes, statuses, matches, e-mails, its trail)."

    def add_arguments(self, parser):
        parser.add_argument("reference")
        parser.add_argument("--output", default=".", help="Folder for the two files (default: here).")
        parser.add_argument("--language", default="nl", choices=["nl", "en"], help="Language of the labels.")

    def handle(self, *args, reference, output, language, **options):
        intake = find_by_reference(reference)
        folder = Path(output)
        if folder.exists() and not folder.is_dir():
            raise CommandError(f"{output} is not a folder.")
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # owner-only, like the files
        as_json, as_html = export.export(intake, user=None, via="command", language=language)
        paths = []
        for suffix, content in (("json", as_json), ("html", as_html)):
            path = folder / f"{intake.reference}.{suffix}"
            # Owner-only: the files hold health data.
            path.touch(mode=0o600, exist_ok=True)
            path.write_text(content, encoding="utf-8")
            paths.append(path)
        self.stdout.write("Written: " + ", ".join(str(path) for path in paths))
