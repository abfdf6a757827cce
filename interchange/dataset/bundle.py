"""Writing the bundle: the CSVs, a Popolo JSON of the people, and `datapackage.json`, zipped.

The same records and the same as-of give the same bytes: rows in key order, no clock read but
the declared as-of (also the zip entries' dates), and the content hash computed from the data
files alone. `datapackage.json` declares each CSV's Table Schema (names, types, descriptions from
the models' `help_text`, primary and foreign keys) with its SHA-256 and size, so `frictionless
validate` checks the types, the keys and the bytes.
"""

import csv
import datetime
import hashlib
import io
import json
import zipfile
from contextlib import contextmanager
from itertools import islice

from django.conf import settings
from django.db import connection, transaction
from django.utils import translation

from interchange.dataset.tables import TABLES, dataset_people
from ledger.models import SiteVersion
from ledger.partial_dates import DatePrecision
from ledger.site_urls import absolute_url
from prisoners.mentions import Mentions
from prisoners.models import ExternalIdentifier, PersonKind, PersonName

CHUNK_SIZE = 2000
POPOLO_PATH = "data/people.json"
DESCRIPTOR_PATH = "datapackage.json"
AS_OF_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def format_as_of(as_of: datetime.datetime) -> str:
    return as_of.astimezone(datetime.UTC).strftime(AS_OF_FORMAT)


@contextmanager
def snapshot():
    """Read every table from one state of the database. On PostgreSQL a REPEATABLE READ
    transaction sees the database as at its first query, whatever commits meanwhile; SQLite's
    read transaction does the same. Inside a caller's transaction, that transaction decides."""
    if connection.in_atomic_block:
        yield
        return
    connection.ensure_connection()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def current_revision() -> int:
    """The dataset version: the site's revision counter (`SiteVersion`), which every committed
    change to the record moves on, and which every record page cites (docs/open-data.md)."""
    return (
        SiteVersion.objects.filter(pk=SiteVersion.ROW).values_list("version", flat=True).first()
        or 0
    )


def chunks(iterable, size):
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def table_csv(table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([column.name for column in table.columns])
    for chunk in chunks(table.rows().iterator(chunk_size=CHUNK_SIZE), CHUNK_SIZE):
        if table.prepare is not None:
            table.prepare(chunk)
        writer.writerows([column.cell(record) for column in table.columns] for record in chunk)
    return buffer.getvalue().encode("utf-8")


def popolo_date(value, precision) -> str | None:
    """Popolo dates are ISO 8601 to the precision known: '1973', '1973-04', '1973-04-16'."""
    if value is None:
        return None
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def popolo_people() -> bytes:
    """The public prisoners as Popolo persons, each with every spelling in `other_names`."""
    people = dataset_people().filter(kind=PersonKind.PRISONER).prefetch_related("names")
    identifiers = {}
    for identifier in ExternalIdentifier.public_objects.order_by("scheme", "pk"):
        identifiers.setdefault(identifier.person_id, []).append(identifier)
    persons = []
    for person in people.iterator(chunk_size=CHUNK_SIZE):
        entry = {
            "id": person.slug,
            "name": person.display_name,
            "sort_name": person.sort_name,
            "other_names": [other_name(name) for name in person.names.all()],
            "identifiers": [
                {"scheme": i.scheme, "identifier": i.identifier}
                for i in identifiers.get(person.pk, [])
            ],
            "gender": person.gender or None,
            "birth_date": popolo_date(person.birth_date, person.birth_date_precision),
            "death_date": popolo_date(person.died_on, person.died_on_precision),
            "summary": person.summary or None,
            "links": [{"url": absolute_url(person.get_absolute_url()), "note": "Release Ledger"}],
        }
        persons.append({key: value for key, value in entry.items() if value not in (None, [])})
    text = json.dumps({"persons": persons}, ensure_ascii=False, indent=2, sort_keys=False)
    return (text + "\n").encode("utf-8")


def other_name(name: PersonName) -> dict:
    note = name.writing_system + ("" if name.is_attested else ", constructed spelling")
    entry = {"name": name.name, "note": note, "lang": f"{name.language}-{name.script}"}
    if name.note:
        entry["note"] += f"; {name.note}"
    return entry


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def content_hash(data_files: dict[str, bytes]) -> str:
    """SHA-256 of `sha256sum`'s output over the data files in name order: `cd data &&
    LC_ALL=C sha256sum * | sha256sum` gives the same digest."""
    lines = "".join(
        f"{sha256(data)}  {path.rsplit('/', 1)[-1]}\n" for path, data in sorted(data_files.items())
    )
    return f"sha256:{sha256(lines.encode())}"


def resource(name, path, data, description, **extra):
    return {
        "name": name,
        "path": path,
        "description": description,
        "encoding": "utf-8",
        "hash": f"sha256:{sha256(data)}",
        "bytes": len(data),
        **extra,
    }


CSV_DIALECT = {"delimiter": ",", "lineTerminator": "\n", "quoteChar": '"', "header": True}


def descriptor(data_files, as_of_text, revision) -> dict:
    digest = content_hash(data_files)
    base = settings.SITE_BASE_URL
    resources = [
        resource(
            table.name,
            table.path,
            data_files[table.path],
            table.description,
            profile="tabular-data-resource",
            format="csv",
            mediatype="text/csv",
            dialect=CSV_DIALECT,
            schema=table.schema(),
        )
        for table in TABLES
    ]
    resources.append(
        resource(
            "people-popolo",
            POPOLO_PATH,
            data_files[POPOLO_PATH],
            "The people of people.csv who are prisoners, as Popolo persons "
            "(https://www.popoloproject.com/specs/person.html): every spelling in other_names.",
            profile="data-resource",
            format="json",
            mediatype="application/json",
        )
    )
    return {
        # "data-package", not "tabular-data-package": the Popolo JSON is not a table.
        "profile": "data-package",
        "name": "release-ledger",
        "title": "Release Ledger",
        "description": "A sourced record of political prisoners in Belarus, the releases that "
        "free them and the deals behind them: the public record only (a person whose family "
        "asked for it is counted, never named). Every fact cites its source in citations.csv; "
        "disagreeing figures are rows of claims.csv. A text cell that would run as a "
        "spreadsheet formula (=, +, -, @, tab or carriage return first, after any ') has one "
        "more leading ' (take one off to read the text).",
        "homepage": base,
        "version": str(revision),
        "created": as_of_text,
        "as_of": as_of_text,
        "revision": revision,
        "content_hash": digest,
        "citation": f"Release Ledger, dataset revision {revision}, as of {as_of_text} "
        f"({digest}). {base}/data/",
        "resources": resources,
    }


def build_bundle(as_of: datetime.datetime) -> dict[str, bytes]:
    """{path in the zip: bytes}, `datapackage.json` first."""
    as_of_text = format_as_of(as_of)
    with snapshot():
        revision = current_revision()
        data_files = {table.path: table_csv(table) for table in TABLES}
        data_files[POPOLO_PATH] = popolo_people()
        data_files = withheld_unnamed(data_files)
    package = descriptor(data_files, as_of_text, revision)
    text = json.dumps(package, ensure_ascii=False, indent=2) + "\n"
    return {DESCRIPTOR_PATH: text.encode("utf-8"), **dict(sorted(data_files.items()))}


def withheld_unnamed(files: dict[str, bytes]) -> dict[str, bytes]:
    """Every file with its references written as names and no person the public may not see
    named in any text (`prisoners.mentions`): the same as every HTTP answer (config.redaction),
    in the bundle's language, English."""
    mentions = Mentions.current()
    with translation.override(settings.LANGUAGE_CODE):
        return {
            path: (mentions.csv if path.endswith(".csv") else mentions.plain)(
                data.decode()
            ).encode()
            for path, data in files.items()
        }


def write_zip(files: dict[str, bytes], as_of: datetime.datetime, out) -> None:
    """A zip whose bytes depend only on the files and the as-of (its entries' date)."""
    stamp = as_of.astimezone(datetime.UTC).timetuple()[:6]
    with zipfile.ZipFile(out, "w") as archive:
        for path, data in files.items():
            info = zipfile.ZipInfo(path, date_time=max(stamp, (1980, 1, 1, 0, 0, 0)))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever the machine
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)


def export_dataset(out, as_of: datetime.datetime) -> dict:
    """Write the bundle to `out` (a path or a binary file) and return its descriptor."""
    files = build_bundle(as_of)
    write_zip(files, as_of, out)
    return json.loads(files[DESCRIPTOR_PATH])
