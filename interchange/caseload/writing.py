"""Writing a plan with no problems: new rows created and changed rows updated in bulk, sheet by
sheet (each after the ones it refers to), each written row given its history entry, then the
links (occupations, envoys, a deal's releases) and what derives from them (search keys, the
spellings each language shows, statuses). The caller holds the transaction."""

import re
from collections import defaultdict

from django.db import models
from django.utils import timezone
from simple_history.utils import get_history_manager_for_model

from interchange.caseload.matching import CHANGED, NEW, RowPlan, pk_of
from interchange.caseload.sheets import SHEETS
from ledger.row_updates import update_rows
from prisoners.local_names import refresh_local_names
from prisoners.models import Detention, NameKey, Person, PersonName
from prisoners.status import refresh_statuses
from releases.models import ReleasedPerson
from transliteration import name_keys

BATCH_SIZE = 1000
PERSON_PATHS = {  # sheet -> how a row leads to the person whose status it may change
    "people": "pk",
    "names": "person_id",
    "external_ids": "person_id",
    "detentions": "person_id",
    "stays": "person_id",
    "recognitions": "person_id",
    "released_people": "person_id",
    "omissions": "person_id",
}


def assign(plan, record):
    row, sheet = plan.row, plan.row.sheet
    for attribute, value in row.values.items():
        setattr(record, attribute, value)
    for name, target in plan.targets.items():
        setattr(record, sheet.by_name[name].attribute, pk_of(target))
    for name in row.texts:
        column = sheet.by_name[name]
        if column.kind == "ref" and name not in plan.targets:
            setattr(record, column.attribute, None)
    if plan.record is not None:
        content_type, target = plan.record
        type_field, id_field = (
            ("subject_content_type_id", "subject_object_id")
            if sheet.parent == "subject"
            else ("content_type_id", "object_id")
        )
        setattr(record, type_field, content_type)
        setattr(record, id_field, pk_of(target))


def written_fields(sheet, plans):
    names = set()
    for plan in plans:
        names.update(plan.row.values)
        names.update(sheet.by_name[n].attribute for n in plan.row.texts if n in sheet.by_name)
    fields = {f.attname for f in sheet.model._meta.concrete_fields}
    names = {name for name in names if name in fields}
    if sheet.model is Person:
        names |= {"sort_key", "updated_at"}
    if sheet.parent in ("subject", "record"):
        names |= {"subject_content_type_id", "subject_object_id"} & fields
        names |= {"content_type_id", "object_id"} & fields
    return sorted(names | {"version"})


def write_plan(plans, user=None, reason="Imported from a caseload file") -> dict:
    """Write every new and changed row; returns {sheet: (created, updated)}."""
    written, touched = {}, defaultdict(set)
    for sheet in SHEETS:
        sheet_plans = plans.get(sheet.name, [])
        new = [plan for plan in sheet_plans if plan.status == NEW]
        changed = [plan for plan in sheet_plans if plan.status == CHANGED]
        created = []
        for plan in new:
            record = sheet.model()
            assign(plan, record)
            record.version = 0
            plan.created = record
            created.append(record)
        models.QuerySet(sheet.model).bulk_create(created, batch_size=BATCH_SIZE)
        updated = []
        for plan in changed:
            record = plan.existing
            assign(plan, record)
            record.version += 1
            if sheet.model is Person:
                record.sort_key = Person._meta.get_field("sort_key").pre_save(record, False)
                record.updated_at = timezone.now()
            updated.append(record)
        if updated:
            update_rows(sheet.model, updated, written_fields(sheet, changed))
        history = get_history_manager_for_model(sheet.model)
        for records, update in ((created, False), (updated, True)):
            if records:
                history.bulk_history_create(
                    records,
                    batch_size=BATCH_SIZE,
                    update=update,
                    default_user=user,
                    default_change_reason=reason,
                )
        path = PERSON_PATHS.get(sheet.name)
        if path:
            touched[sheet.name] = {getattr(r, path) for r in created + updated}
        elif sheet.name in ("verdicts", "charges"):
            touched[sheet.name] = {r.detention_id for r in created + updated}
        elif sheet.name == "releases":
            touched[sheet.name] = {r.pk for r in created + updated}
        written[sheet.name] = (len(created), len(updated))
    linked = write_links(plans)
    derive(touched, linked)
    return written


def write_links(plans):
    """Set each refs column's links as the file gives them; returns the people whose links
    changed (occupations)."""
    people = set()
    for sheet in SHEETS:
        for column in sheet.columns:
            if column.kind != "refs":
                continue
            relation = sheet.model._meta.get_field(column.attribute)
            through = relation.remote_field.through
            own = relation.m2m_field_name() + "_id"
            other = relation.m2m_reverse_field_name() + "_id"
            wanted = {}
            for plan in plans.get(sheet.name, []):
                if column.name in plan.row.texts and plan.status in (NEW, CHANGED):
                    wanted[plan.pk] = {pk_of(t) for t in plan.lists.get(column.name, [])}
            if not wanted:
                continue
            current = defaultdict(set)
            for pk, target in through.objects.filter(**{f"{own}__in": list(wanted)}).values_list(
                own, other
            ):
                current[pk].add(target)
            removed = [(pk, t) for pk, targets in current.items() for t in targets - wanted[pk]]
            for pk, target in removed:
                through.objects.filter(**{own: pk, other: target}).delete()
            through.objects.bulk_create(
                [
                    through(**{own: pk, other: target})
                    for pk, targets in wanted.items()
                    for target in sorted(targets - current[pk])
                ],
                batch_size=BATCH_SIZE,
            )
            if sheet.model is Person:
                people |= set(wanted)
    return people


def derive(touched, linked):
    named = touched["people"] | touched["names"]
    if named:
        rebuild_name_keys(named)
        refresh_local_names(named)
    people = set().union(*(touched[name] for name in PERSON_PATHS))
    if touched["verdicts"] or touched["charges"]:
        detentions = touched["verdicts"] | touched["charges"]
        people |= set(
            Detention.private_objects.filter(pk__in=detentions).values_list("person_id", flat=True)
        )
    if touched["releases"]:
        people |= set(
            ReleasedPerson.private_objects.filter(release_id__in=touched["releases"]).values_list(
                "person_id", flat=True
            )
        )
    if people:
        refresh_statuses(people)


def rebuild_name_keys(person_ids):
    """The search keys of these people from all their spellings, in bulk."""
    ids = list(person_ids)
    spellings = defaultdict(list)
    for pk, name in Person.private_objects.filter(pk__in=ids).values_list("pk", "display_name"):
        spellings[pk].append(name)
    for pk, name in PersonName.private_objects.filter(person_id__in=ids).values_list(
        "person_id", "name"
    ):
        spellings[pk].append(name)
    wanted = {(pk, key) for pk, names in spellings.items() for n in names for key in name_keys(n)}
    current = set(NameKey.objects.filter(person_id__in=ids).values_list("person_id", "key"))
    stale = current - wanted
    for pk, key in stale:
        NameKey.objects.filter(person_id=pk, key=key).delete()
    NameKey.objects.bulk_create(
        [NameKey(person_id=pk, key=key) for pk, key in sorted(wanted - current)],
        batch_size=BATCH_SIZE,
        ignore_conflicts=True,
    )


def constraint_message(error, problems_sheet=None):
    """The database's refusal in the words of the constraint it names, where it names one."""
    text = str(error)
    for sheet in SHEETS:
        for constraint in sheet.model._meta.constraints:
            if re.search(rf"\b{re.escape(constraint.name)}\b", text):
                message = (
                    constraint.violation_error_message or constraint.default_violation_error_message
                )
                return f"{sheet.name}: {message % {'name': constraint.name}}"
    return f"The ledger refused the file: {text.splitlines()[0] if text else error!r}"


__all__ = ["RowPlan", "constraint_message", "write_plan"]
