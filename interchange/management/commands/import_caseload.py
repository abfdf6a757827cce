"""`manage.py import_caseload FILE [--dry-run]`: check a caseload workbook (or zip of CSVs)
against the ledger and, when no problem remains, write it in one transaction."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from interchange.caseload.importing import import_caseload


class Command(BaseCommand):
    help = (
        "Import a caseload workbook (.xlsx) or zip of CSVs: every problem is listed with its "
        "sheet, cell and value, and nothing is written while any remains."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The caseload file (.xlsx or .zip).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and show the changes; write nothing."
        )
        parser.add_argument(
            "--create-namesakes",
            action="store_true",
            help="Create new people even where the name search finds someone of the same "
            "name in the ledger (you checked: they are different people).",
        )

    def handle(self, file, dry_run=False, create_namesakes=False, verbosity=1, **options):
        try:
            data = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"Could not read {file}: {error.strerror or error}.") from error
        result = import_caseload(
            data, Path(file).name, dry_run=dry_run, create_namesakes=create_namesakes
        )
        if result.problems:
            for problem in result.problems:
                self.stderr.write(str(problem))
            raise CommandError(result.summary())
        if verbosity >= 2:
            for sheet, plan in result.changed_rows():
                changes = "; ".join(f"{c}: {old} → {new}" for c, old, new in plan.changes)
                self.stdout.write(f"{sheet} {plan.row.key}: {plan.status} {changes}".rstrip())
        self.stdout.write(result.summary())
