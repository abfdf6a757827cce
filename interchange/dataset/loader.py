"""Loading a bundle into an empty database: all of it in one transaction, or nothing.

The bundle is checked before anything is written (every file present with the SHA-256 and size
its `datapackage.json` declares, every table with the columns this version writes); the database
must hold no record. Rows keep their ids and slugs, so a second export is byte-identical to the
bundle: derived values (statuses, terms, counts, URLs) are not read but recomputed, and the round
trip checks that they come out the same. The public record has no trace of people whose names are
withheld but their number: for each release's `withheld_count`, unnamed withheld people are
created (no name, no detail), so the counts a study cites come out the same too.
"""

import csv
import io
import json
import zipfile

from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import DatabaseError, IntegrityError, connection, models, transaction
from simple_history.utils import get_history_manager_for_model

from interchange.dataset.bundle import DESCRIPTOR_PATH, content_hash, sha256
from interchange.dataset.columns import PLAIN, REFERENCE
from interchange.dataset.tables import TABLES, TABLES_BY_NAME
from ledger.models import SiteVersion
from ledger.publication import WITHHELD_PERSON
from prisoners.local_names import refresh_local_names
from prisoners.models import (
    NameKey,
    Person,
    PersonKind,
    ReleaseOutcome,
    Visibility,
)
from prisoners.status import refresh_all_statuses
from releases.models import Deal, Release, ReleasedPerson
from transliteration import name_keys

BATCH_SIZE = 1000
WITHHELD_SLUG = "withheld-{}"


class DatasetError(Exception):
    """The bundle cannot be loaded; the message says why. Nothing was written."""


# -- reading and checking the bundle -------------------------------------------------------------


def read_bundle(path) -> tuple[dict, dict[str, bytes]]:
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise DatasetError(f"{path} is not a readable zip file ({error}).") from error
    with archive:
        names = set(archive.namelist())
        if DESCRIPTOR_PATH not in names:
            raise DatasetError(f"{path} has no {DESCRIPTOR_PATH}: it is not a dataset bundle.")
        try:
            package = json.loads(archive.read(DESCRIPTOR_PATH))
            resources = {r["path"]: r for r in package["resources"]}
        except (ValueError, KeyError, TypeError) as error:
            raise DatasetError(f"{DESCRIPTOR_PATH} is not a valid descriptor ({error}).") from error
        files = {}
        for table in TABLES:
            if table.path not in resources or table.path not in names:
                raise DatasetError(f"The bundle has no {table.path}.")
        for resource_path, resource in resources.items():
            if resource_path not in names:
                raise DatasetError(f"{DESCRIPTOR_PATH} lists {resource_path}, which is missing.")
            data = archive.read(resource_path)
            if resource.get("hash") != f"sha256:{sha256(data)}" or resource.get("bytes") != len(
                data
            ):
                raise DatasetError(
                    f"{resource_path} does not match the SHA-256 and size in {DESCRIPTOR_PATH}: "
                    "the bundle was changed or damaged."
                )
            files[resource_path] = data
    if package.get("content_hash") != content_hash(files):
        raise DatasetError(f"The content hash in {DESCRIPTOR_PATH} does not match the files.")
    return package, files


def read_table(table, data: bytes):
    """(line number, {column: text}) for each row; refuses a header this version does not write."""
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
    header = next(reader, [])
    expected = [column.name for column in table.columns]
    if header != expected:
        raise DatasetError(
            f"{table.path} has the columns {', '.join(header) or '(none)'}; this version of the "
            f"site reads {', '.join(expected)}."
        )
    for line, cells in enumerate(reader, start=2):
        if len(cells) != len(expected):
            raise DatasetError(
                f"{table.path} line {line}: {len(cells)} cells, not {len(expected)}."
            )
        yield (
            line,
            {
                column.name: column.read(text)
                for column, text in zip(table.columns, cells, strict=True)
            },
        )


def records_held() -> dict[str, int]:
    held = {}
    for table in TABLES:
        count = table.model.private_objects.count()
        if count:
            held[table.model._meta.verbose_name_plural] = count
    return held


# -- building rows --------------------------------------------------------------------------------


class Loader:
    def __init__(self, package, files):
        self.package, self.files = package, files
        self.keys = {}  # table -> {"id": {id: id}, "slug": {slug: id}}
        self.later = []  # (kind, table, record id, column, value) resolved once every row exists
        self.withheld_actor = None
        self.content_types = {
            table.model._meta.model_name: ContentType.objects.get_for_model(table.model)
            for table in TABLES
        }
        self.tables_by_model = {table.model._meta.model_name: table.name for table in TABLES}

    def key(self, table, key, value, where):
        found = self.keys.get(table, {}).get(key, {}).get(value)
        if found is None:
            raise DatasetError(f"{where}: {value!r} is not a {key} in {table}.csv.")
        return found

    def build(self, table, line, cells):
        where = f"{table.path} line {line}"
        values = {}
        actor = table.name == "people" and cells["kind"] == PersonKind.ACTOR
        for column in table.columns:
            text = cells[column.name]
            kind, _, only = column.kind.partition(":")
            if actor and only == "prisoner":
                continue
            if column.enum and text and text not in column.enum:
                raise DatasetError(f"{where}, {column.name}: {text!r} is not one of {column.enum}.")
            try:
                value = column.to_python(text) if column.to_python else text
            except ValueError as error:
                raise DatasetError(f"{where}, {column.name}: {error}.") from error
            if kind == PLAIN:
                values[column.attribute] = value
            elif kind == REFERENCE:
                target, key = column.reference
                values[column.attribute] = (
                    self.key(target, key, value, f"{where}, {column.name}") if text else None
                )
            elif kind == "named-person":
                values[column.attribute] = self.named_person(cells, column, value, where)
            elif kind in ("m2m", "withheld"):
                self.later.append((kind, table.name, cells["id"], column, value))
            elif kind == "subject" and text:
                values.update(self.subject(column, text, cells, where))
            elif kind == "record" and column.name == "record_type":
                values.update(self.record(text, cells, where))
        return table.model(**values, **table.public_values)

    def named_person(self, cells, column, slug, where):
        if slug:
            return self.key("people", "slug", slug, f"{where}, {column.name}")
        if cells[f"{column.name}_name"] == WITHHELD_PERSON:
            return self.withheld_actor_id()
        return None

    def subject(self, column, text, cells, where):
        if column.name == "subject_type":
            if text not in self.content_types:
                raise DatasetError(f"{where}, subject_type: {text!r} is not a kind of record.")
            return {"subject_content_type_id": self.content_types[text].pk}
        table = self.tables_by_model[cells["subject_type"]]
        return {"subject_object_id": self.key(table, "slug", text, f"{where}, subject")}

    def record(self, record_type, cells, where):
        if record_type not in self.tables_by_model:
            raise DatasetError(f"{where}, record_type: {record_type!r} is not a kind of record.")
        table = self.tables_by_model[record_type]
        record_id = self.key(table, "id", int(cells["record_id"]), f"{where}, record_id")
        return {"content_type_id": self.content_types[record_type].pk, "object_id": record_id}

    def withheld_actor_id(self):
        """One unnamed withheld actor stands for every withheld claimant or announcer."""
        if self.withheld_actor is None:
            self.withheld_actor = Person(
                display_name=WITHHELD_PERSON,
                sort_name=WITHHELD_PERSON,
                slug=self.free_slug(),
                kind=PersonKind.ACTOR,
                visibility=Visibility.WITHHELD,
            )
            models.QuerySet(Person).bulk_create([self.withheld_actor])
        return self.withheld_actor.pk

    def free_slug(self, also_taken=()):
        taken = {*self.keys.get("people", {}).get("slug", {}), *also_taken}
        taken |= set(Person.private_objects.values_list("slug", flat=True))
        n = 1
        while WITHHELD_SLUG.format(n) in taken:
            n += 1
        return WITHHELD_SLUG.format(n)

    # -- writing -------------------------------------------------------------------------------

    def load(self):
        change_reason = (
            f"Imported from the dataset, revision {self.package.get('revision')}, "
            f"as of {self.package.get('as_of')}"
        )
        for table in TABLES:
            rows = list(read_table(table, self.files[table.path]))
            keys = self.keys[table.name] = {"id": {}, "slug": {}}
            for _, cells in rows:
                keys["id"][int(cells["id"])] = int(cells["id"])
                if "slug" in cells:
                    keys["slug"][cells["slug"]] = int(cells["id"])
            objects = [self.build(table, line, cells) for line, cells in rows]
            models.QuerySet(table.model).bulk_create(objects, batch_size=BATCH_SIZE)
            # Rows made here without an id (withheld placeholders) come after the imported ones.
            reset_sequences([table.model])
            history = get_history_manager_for_model(table.model)
            history.bulk_history_create(
                objects, batch_size=BATCH_SIZE, default_change_reason=change_reason
            )
        self.link_many_to_many()
        self.add_withheld_freed()
        rebuild_name_keys()
        refresh_local_names()
        refresh_all_statuses()

    def link_many_to_many(self):
        through = {
            ("people", "occupations"): (Person.occupations.through, "person", "occupation"),
            ("releases", "envoys"): (Release.envoys.through, "release", "person"),
            ("deals", "releases"): (Deal.releases.through, "deal", "release"),
        }
        targets = {"occupations": "occupations", "envoys": "people", "releases": "releases"}
        links = {}
        for kind, table, record_id, column, slugs in self.later:
            if kind != "m2m":
                continue
            model, own, other = through[(table, column.name)]
            where = f"{TABLES_BY_NAME[table].path}, row id {record_id}, {column.name}"
            for slug in slugs:
                target_id = self.key(targets[column.name], "slug", slug, where)
                links.setdefault(model, []).append(
                    model(**{f"{own}_id": int(record_id), f"{other}_id": target_id})
                )
        for model, rows in links.items():
            model.objects.bulk_create(rows, batch_size=BATCH_SIZE)

    def add_withheld_freed(self):
        counts = {
            int(record_id): value
            for kind, _, record_id, _, value in self.later
            if kind == "withheld" and value
        }
        if not counts:
            return
        placeholders = []
        for _ in range(max(counts.values())):
            slug = self.free_slug({person.slug for person in placeholders})
            placeholders.append(
                Person(
                    display_name=WITHHELD_PERSON,
                    sort_name=WITHHELD_PERSON,
                    slug=slug,
                    kind=PersonKind.PRISONER,
                    visibility=Visibility.WITHHELD,
                )
            )
        models.QuerySet(Person).bulk_create(placeholders)
        models.QuerySet(ReleasedPerson).bulk_create(
            [
                ReleasedPerson(release_id=release_id, person=person, outcome=ReleaseOutcome.UNKNOWN)
                for release_id, count in sorted(counts.items())
                for person in placeholders[:count]
            ],
            batch_size=BATCH_SIZE,
        )


def reset_sequences(model_list):
    """Rows were written with their ids: move PostgreSQL's sequences past them."""
    statements = connection.ops.sequence_reset_sql(no_style(), model_list)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def rebuild_name_keys():
    """The search keys of every person, from all their spellings (what `rebuild_name_keys`
    does one person at a time)."""
    spellings = {}
    for person_id, name in Person.private_objects.values_list("pk", "display_name"):
        spellings[person_id] = [name]
    for person_id, name in Person.names.rel.related_model.private_objects.values_list(
        "person_id", "name"
    ):
        spellings[person_id].append(name)
    keys = [
        NameKey(person_id=person_id, key=key)
        for person_id, names in spellings.items()
        for key in sorted(set().union(*(name_keys(name) for name in names)))
    ]
    NameKey.objects.bulk_create(keys, batch_size=BATCH_SIZE, ignore_conflicts=True)


def restore_revision(revision) -> int:
    """Carry the bundle's revision over, so that a new export names the same version. Only
    forward: the page cache keys pages by the revision, which must never come back to one it has
    served (docs/open-data.md). Returns the database's revision afterwards."""
    rows = SiteVersion.objects.filter(pk=SiteVersion.ROW)
    if not rows.exists():
        SiteVersion.objects.create(pk=SiteVersion.ROW, version=revision)
    else:
        rows.filter(version__lt=revision).update(version=revision)
    return rows.values_list("version", flat=True).get()


def import_dataset(path) -> dict:
    """Load the bundle at `path` into an empty database; returns what was loaded."""
    package, files = read_bundle(path)
    held = records_held()
    if held:
        listed = ", ".join(f"{count} {what}" for what, count in held.items())
        raise DatasetError(
            f"The database already holds records ({listed}). import_dataset loads a bundle into "
            "an empty database only, so that nothing is merged or overwritten: migrate a new "
            "database and import into it."
        )
    loader = Loader(package, files)
    try:
        with transaction.atomic():
            loader.load()
    except IntegrityError as error:
        raise DatasetError(f"The bundle breaks a rule of the database: {error}") from error
    except DatabaseError as error:
        raise DatasetError(f"The database refused the bundle: {error}") from error
    revision = package.get("revision")
    restored = restore_revision(revision) if isinstance(revision, int) else None
    counts = {table.name: len(loader.keys[table.name]["id"]) for table in TABLES}
    return {"package": package, "counts": counts, "revision": restored}
