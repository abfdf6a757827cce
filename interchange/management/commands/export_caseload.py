"""`manage.py export_caseload FILE.xlsx` (or FILE.zip): the whole record, drafts and withheld
people included with their visibility, as the caseload workbook an editor can change and import
back (docs/import-format.md). Not a public file: it names withheld people."""

from django.core.management.base import BaseCommand, CommandError

from interchange.caseload.export import export_caseload


class Command(BaseCommand):
    help = (
        "Write every record as a caseload workbook (.xlsx) or a zip of CSVs (.zip), drafts and "
        "withheld people included: for editors, never for publication."
    )

    def add_arguments(self, parser):
        parser.add_argument("out", help="The file to write: .xlsx, or .zip for CSV files.")

    def handle(self, out, **options):
        form = "zip" if out.lower().endswith(".zip") else "xlsx"
        try:
            export_caseload(out, form)
        except OSError as error:
            raise CommandError(f"Could not write {out}: {error.strerror or error}.") from error
        self.stdout.write(f"Wrote {out}.")
