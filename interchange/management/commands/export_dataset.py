"""`manage.py export_dataset out.zip [--as-of 2026-03-19T12:00:00Z]`: the public record as a
Frictionless Data Package (docs/open-data.md)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from interchange.dataset.bundle import export_dataset


def parse_as_of(text: str) -> datetime.datetime:
    try:
        moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as error:
        raise CommandError(
            f"--as-of: {text!r} is not a date or date and time (2026-03-19 or "
            "2026-03-19T12:00:00Z)."
        ) from error
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.replace(microsecond=0)


class Command(BaseCommand):
    help = "Write the public record as a Frictionless Data Package (a zip of CSVs and JSON)."

    def add_arguments(self, parser):
        parser.add_argument("out", help="The zip file to write.")
        parser.add_argument(
            "--as-of",
            help="The moment the bundle declares it shows (ISO 8601, UTC unless given); "
            "default: now. The same records and the same --as-of give the same bytes.",
        )

    def handle(self, out, as_of=None, **options):
        moment = parse_as_of(as_of) if as_of else timezone.now().replace(microsecond=0)
        try:
            package = export_dataset(out, moment)
        except OSError as error:
            raise CommandError(f"Could not write {out}: {error.strerror or error}.") from error
        rows = {r["name"]: r.get("bytes") for r in package["resources"]}
        self.stdout.write(
            f"Wrote {out}: revision {package['revision']}, as of {package['as_of']}, "
            f"{package['content_hash']} ({len(rows)} files)."
        )
