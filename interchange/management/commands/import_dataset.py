"""`manage.py import_dataset bundle.zip`: load a bundle written by `export_dataset` into an empty
database, all or nothing (docs/open-data.md)."""

from django.core.management.base import BaseCommand, CommandError

from interchange.dataset.loader import DatasetError, import_dataset


class Command(BaseCommand):
    help = "Load a dataset bundle (export_dataset's zip) into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("bundle", help="The zip file written by export_dataset.")

    def handle(self, bundle, **options):
        try:
            result = import_dataset(bundle)
        except DatasetError as error:
            raise CommandError(f"Nothing was imported. {error}") from error
        package, counts = result["package"], result["counts"]
        loaded = ", ".join(f"{count} {table}" for table, count in counts.items() if count)
        self.stdout.write(
            f"Imported revision {package.get('revision')} as of {package.get('as_of')}: {loaded}."
        )
        if result["revision"] != package.get("revision"):
            self.stderr.write(
                f"This database's revision was already {result['revision']}, past the bundle's "
                f"{package.get('revision')}: an export from it will say revision "
                f"{result['revision']}, so it will not be byte-identical to the bundle."
            )
