"""Each parsed row matched to the ledger's record it describes, or planned as a new one, with what
would change: the plan an import shows as its preview and then writes.

A row matches by its key: a slug; a parent and a natural key (a name's spelling and language,
an identifier's scheme, a recognition's body, a release and a person); or a parent and the row's
number among its parent's rows (a detention, a verdict, a stay), in the order they were recorded.
A person whose slug is new matches by an identifier in another database (external_ids sheet) or
by `same_as`; one who matches nothing but whose name the any-spelling search finds is a possible
duplicate, which the editor decides.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist

from interchange.caseload.cells import format_list, format_partial_date
from interchange.caseload.reading import Problem
from interchange.caseload.sheets import KEY_JOINER, SHEETS, SHEETS_BY_NAME
from interchange.people_import.admin_views import possible_duplicates
from prisoners.models import ExternalIdentifier, Person

NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"
HEADLINE = ("", None)  # the parent of claims about no record


@dataclass(eq=False)
class RowPlan:
    row: object  # ParsedRow
    existing: object = None
    created: object = None
    status: str = NEW
    changes: list = field(default_factory=list)  # (column, old text, new text)
    duplicates: list = field(default_factory=list)
    targets: dict = field(default_factory=dict)  # ref column -> pk or RowPlan
    lists: dict = field(default_factory=dict)  # refs column -> [pk or RowPlan]
    record: tuple | None = None  # (content type id, pk or RowPlan)
    matched_by: str = ""

    @property
    def pk(self):
        record = self.existing or self.created
        return record.pk if record is not None else None


def pk_of(target):
    return target.pk if isinstance(target, RowPlan) else target


def shown(column, value, precision=None):
    if column.kind == "date":
        return format_partial_date(value, precision)
    if isinstance(value, list | tuple):
        return format_list(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class Matcher:
    def __init__(self, parsed, problems):
        self.parsed, self.problems = parsed, problems
        self.index = {name: {} for name in SHEETS_BY_NAME}  # sheet -> key -> RowPlan
        self.plans = {}
        self.db_keys = defaultdict(dict)  # sheet -> key text -> pk (rows only in the ledger)
        self.children = {}  # sheet -> parent id -> [records in pk order]
        self.content_types = {
            sheet.name: ContentType.objects.get_for_model(sheet.model) for sheet in SHEETS
        }

    def problem(self, row, column, text, message):
        self.problems.append(Problem(row.sheet.name, row.addresses.get(column, ""), text, message))

    # -- resolving a key text to a row of the file or a record of the ledger --------------------

    def load_slugs(self, sheet_name, texts):
        sheet = SHEETS_BY_NAME[sheet_name]
        wanted = [t for t in set(texts) if t not in self.index[sheet_name]]
        wanted = [t for t in wanted if t not in self.db_keys[sheet_name]]
        if wanted and not sheet.parent:
            rows = sheet.model.private_objects.filter(slug__in=wanted).values_list("slug", "pk")
            self.db_keys[sheet_name].update(rows)

    def children_of(self, sheet, parent_ids):
        """The ledger's rows of `sheet` under these parents, by parent, in primary-key order."""
        known = self.children.setdefault(sheet.name, {})
        missing = [p for p in set(parent_ids) if p is not None and p not in known]
        if missing:
            for parent in missing:
                known[parent] = []
            records = sheet.model.private_objects.order_by("pk")
            if sheet.parent in ("subject", "record"):
                type_field, id_field = generic_fields(sheet)
                by_type = defaultdict(list)
                for content_type, object_id in missing:
                    by_type[content_type].append(object_id)
                for content_type, ids in by_type.items():
                    if content_type == "":
                        found = records.filter(**{f"{type_field}__isnull": True})
                        known[HEADLINE] = list(found)
                        continue
                    found = records.filter(**{type_field: content_type, f"{id_field}__in": ids})
                    for record in found:
                        key = (getattr(record, type_field), getattr(record, id_field))
                        known[key].append(record)
            else:
                attribute = sheet.by_name[sheet.parent].attribute
                for record in records.filter(**{f"{attribute}__in": missing}):
                    known[getattr(record, attribute)].append(record)
        return known

    def resolve(self, sheet_name, text):
        """A RowPlan of the file, a primary key of the ledger, or None."""
        if text in self.index[sheet_name]:
            return self.index[sheet_name][text]
        if text in self.db_keys[sheet_name]:
            return self.db_keys[sheet_name][text]
        sheet = SHEETS_BY_NAME[sheet_name]
        if not sheet.parent:
            self.load_slugs(sheet_name, [text])
            return self.db_keys[sheet_name].get(text)
        found = self.resolve_child(sheet, text)
        self.db_keys[sheet_name][text] = found
        return found

    def resolve_child(self, sheet, text):
        parts = len(sheet.natural_attributes) or 1
        pieces = text.rsplit(KEY_JOINER, parts)
        if len(pieces) != parts + 1:
            return None
        parent_text, own = pieces[0], pieces[1:]
        if not sheet.numbered:
            own = self.natural_key(sheet, own)
        if sheet.parent in ("subject", "record"):
            type_name, _, key = parent_text.partition(KEY_JOINER)
            if type_name not in SHEETS_BY_NAME:
                return None
            parent = pk_of(self.resolve(type_name, key))
            parent = (self.content_types[type_name].pk, parent) if parent else None
        else:
            parent = pk_of(self.resolve(sheet.by_name[sheet.parent].target, parent_text))
        if parent is None:
            return None
        match = self.match_child(sheet, parent, own)
        return match.pk if match is not None else None

    def match_child(self, sheet, parent, own):
        siblings = self.children_of(sheet, [parent])[parent]
        if sheet.numbered:
            number = int(own[0]) if own[0].isdigit() else 0
            return siblings[number - 1] if 0 < number <= len(siblings) else None
        for record in siblings:
            values = [str(getattr(record, a)) for a in sheet.natural_attributes]
            if values == list(own):
                return record
        return None

    # -- planning ---------------------------------------------------------------------------------

    def plan(self):
        for sheet in SHEETS:
            rows = self.parsed.get(sheet.name)
            if rows is None:
                continue
            self.plans[sheet.name] = plans = [RowPlan(row) for row in rows]
            for plan in plans:
                self.index[sheet.name][plan.row.key] = plan
            if sheet.parent:
                self.match_children(sheet, plans)
            else:
                self.match_slugs(sheet, plans)
            for plan in plans:
                self.resolve_references(plan)
            self.compare(sheet, plans)
        self.find_duplicates()
        return self.plans

    def match_slugs(self, sheet, plans):
        existing = sheet.model.private_objects.in_bulk(
            [plan.row.key for plan in plans], field_name="slug"
        )
        for plan in plans:
            plan.existing = existing.get(plan.row.key)
        if unique_field(sheet.model, "name"):
            # A slug new to the ledger with a name it already holds is that record.
            names = [p.row.values.get("name") for p in plans if p.existing is None]
            by_name = sheet.model.private_objects.in_bulk(
                [name for name in names if name], field_name="name"
            )
            for plan in plans:
                if plan.existing is None and plan.row.values.get("name") in by_name:
                    plan.existing = by_name[plan.row.values["name"]]
                    plan.matched_by = f"name {plan.existing.name}"
        if sheet.name == "people":
            self.match_people(plans)

    def match_people(self, plans):
        unmatched = {plan.row.key: plan for plan in plans if plan.existing is None}
        same_as = {plan.row.same_as for plan in unmatched.values() if plan.row.same_as}
        people = Person.private_objects.in_bulk(list(same_as), field_name="slug")
        for plan in list(unmatched.values()):
            if plan.row.same_as:
                plan.existing = people.get(plan.row.same_as)
                if plan.existing is None:
                    self.problem(
                        plan.row,
                        "same_as",
                        plan.row.same_as,
                        "is not the slug of a person in the ledger.",
                    )
                plan.matched_by = f"same_as {plan.row.same_as}"
                unmatched.pop(plan.row.key)
        identifiers = [
            (row.refs.get("person"), row.values.get("scheme"), row.values.get("identifier"))
            for row in self.parsed.get("external_ids", [])
        ]
        wanted = [(s, i) for slug, s, i in identifiers if slug in unmatched and i]
        if wanted:
            found = {
                (e.scheme, e.identifier): e.person
                for e in ExternalIdentifier.private_objects.filter(
                    identifier__in=[i for _, i in wanted]
                ).select_related("person")
            }
            for slug, scheme, identifier in identifiers:
                person = found.get((scheme, identifier))
                if slug in unmatched and person is not None:
                    plan = unmatched.pop(slug)
                    plan.existing = person
                    plan.matched_by = f"{scheme} id {identifier}"

    def parent_of(self, sheet, row):
        if sheet.parent in ("subject", "record"):
            type_name, key = row.record or ("", "")
            if not type_name:
                return HEADLINE
            target = self.resolve(type_name, key)
            return (self.content_types[type_name].pk, target) if target is not None else None
        return self.resolve(sheet.by_name[sheet.parent].target, row.refs.get(sheet.parent, ""))

    def match_children(self, sheet, plans):
        parent_ids = {}
        for plan in plans:
            parent = self.parent_of(sheet, plan.row)
            if parent is None:
                column = "record" if sheet.parent in ("subject", "record") else sheet.parent
                text = plan.row.texts.get(column, "")
                self.problem(plan.row, column, text, "names no row of the file or the ledger.")
                continue
            if parent == HEADLINE:
                parent_ids[plan] = HEADLINE
            elif isinstance(parent, tuple):
                plan.record = parent
                pk = pk_of(parent[1])
                parent_ids[plan] = (parent[0], pk) if pk is not None else None
            else:
                plan.targets[sheet.parent] = parent
                parent_ids[plan] = pk_of(parent)
        known = self.children_of(sheet, [pk for pk in parent_ids.values() if pk is not None])
        for plan, parent in parent_ids.items():
            if parent is not None and known.get(parent):
                plan.existing = self.match_child(sheet, parent, self.own_key(sheet, plan.row))

    def own_key(self, sheet, row):
        if sheet.numbered:
            return [row.texts.get("number", "")]
        return self.natural_key(sheet, [row.texts.get(c.name, "") for c in self.natural(sheet)])

    @staticmethod
    def natural(sheet):
        return [c for c in sheet.key_columns if c.name != sheet.parent and c.kind != "number"]

    def natural_key(self, sheet, texts):
        """The natural key's texts as the ledger's values read: a ref as its primary key."""
        key = []
        for column, text in zip(self.natural(sheet), texts, strict=True):
            if column.kind == "ref":
                text = str(pk_of(self.resolve(column.target, text)))
            key.append(text)
        return key

    def resolve_references(self, plan):
        row, sheet = plan.row, plan.row.sheet
        for name, text in row.refs.items():
            column = sheet.by_name[name]
            if column.key and name == sheet.parent:
                continue
            target = self.resolve(column.target, text)
            if target is None:
                self.problem(
                    row,
                    name,
                    text,
                    f"is not a key of the {column.target} sheet nor of a record in the ledger.",
                )
            else:
                plan.targets[name] = target
        for name, texts in row.lists.items():
            column = sheet.by_name[name]
            self.load_slugs(column.target, texts)
            resolved = []
            for text in texts:
                target = self.resolve(column.target, text)
                if target is None:
                    self.problem(
                        row,
                        name,
                        text,
                        f"is not a slug of the {column.target} sheet "
                        "nor of a record in the ledger.",
                    )
                else:
                    resolved.append(target)
            plan.lists[name] = resolved

    # -- what would change --------------------------------------------------------------------

    def compare(self, sheet, plans):
        links = current_links(sheet, [p.existing.pk for p in plans if p.existing is not None])
        for plan in plans:
            record = plan.existing
            if record is None:
                continue
            for column in sheet.columns:
                change = self.change(plan, column, record, links)
                if change is not None:
                    plan.changes.append(change)
            plan.status = CHANGED if plan.changes else UNCHANGED
            version = plan.row.version
            if plan.changes and version is not None and version != record.version:
                listed = "; ".join(f"{c}: “{old}” → “{new}”" for c, old, new in plan.changes)
                self.problem(
                    plan.row,
                    "version",
                    str(version),
                    f"this record was changed in the ledger after the file was written "
                    f"(version {version} in the file, {record.version} in the ledger), so the "
                    f"row would overwrite an editor's work ({listed}). Export again and redo the "
                    "change, or empty the version cell to overwrite.",
                )

    def change(self, plan, column, record, links):
        row = plan.row
        if column.name not in row.texts or column.key or column.kind in ("same_as", "record"):
            return None
        if column.name == "version":
            return None
        if column.kind == "ref":
            old = getattr(record, column.attribute)
            new = plan.targets.get(column.name)
            if old == pk_of(new) and not (isinstance(new, RowPlan) and new.pk is None):
                return None
            return column.name, self.key_text(column.target, old), row.texts[column.name]
        if column.kind == "refs":
            old = sorted(links[column.name].get(record.pk, []))
            new = plan.lists.get(column.name, [])
            if all(isinstance(t, int) or t.pk for t in new) and sorted(map(pk_of, new)) == old:
                return None
            return column.name, f"{len(old)} linked", row.texts[column.name]
        old = getattr(record, column.attribute)
        new = row.values.get(column.attribute, field_default(record, column))
        if column.kind == "country":
            old = old.code or ""
        elif column.kind == "countries":
            old = sorted(country.code for country in old)
        if column.kind == "date":
            old_precision = getattr(record, column.precision)
            new_precision = row.values.get(column.precision, old_precision)
            if old == new and (new is None or old_precision == new_precision):
                return None
            return column.name, shown(column, old, old_precision), shown(column, new, new_precision)
        if old == new:
            return None
        return column.name, shown(column, old), shown(column, new)

    def key_text(self, sheet_name, pk):
        if pk is None:
            return ""
        sheet = SHEETS_BY_NAME[sheet_name]
        if not sheet.parent:
            slug = sheet.model.private_objects.filter(pk=pk).values_list("slug", flat=True)
            return slug.first() or str(pk)
        return f"#{pk}"

    def find_duplicates(self):
        new_people = [p for p in self.plans.get("people", []) if p.existing is None]
        if not new_people:
            return
        spellings = defaultdict(list)
        for plan in new_people:
            spellings[plan.row.key].append(plan.row.values.get("display_name", ""))
        scripts = defaultdict(set)  # one spelling per script is enough to find a namesake
        for row in self.parsed.get("names", []):
            person, script = row.refs.get("person"), row.values.get("script")
            if person in spellings and script not in scripts[person]:
                scripts[person].add(script)
                spellings[person].append(row.values.get("name", ""))
        found = possible_duplicates(spellings)
        for plan in new_people:
            plan.duplicates = found.get(plan.row.key, [])


def unique_field(model, name):
    try:
        return model._meta.get_field(name).unique
    except FieldDoesNotExist:
        return False


def field_default(record, column):
    model_field = record._meta.get_field(column.attribute)
    return model_field.get_default()


def generic_fields(sheet):
    if sheet.parent == "subject":
        return "subject_content_type_id", "subject_object_id"
    return "content_type_id", "object_id"


def current_links(sheet, pks):
    links = {}
    for column in sheet.columns:
        if column.kind != "refs":
            continue
        relation = sheet.model._meta.get_field(column.attribute)
        through = relation.remote_field.through
        own = relation.m2m_field_name() + "_id"
        other = relation.m2m_reverse_field_name() + "_id"
        found = defaultdict(list)
        for pk, target in through.objects.filter(**{f"{own}__in": pks}).values_list(own, other):
            found[pk].append(target)
        links[column.name] = found
    return links
