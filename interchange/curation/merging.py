"""Merge two records of one person, and undo it (after YNR's `people/merging.py`).

One transaction. Every row that points at the loser moves to the survivor, whichever app it
belongs to, found through Django's relations rather than listed by hand (so a relation added
later moves too): spellings, identifiers, detentions with their verdicts and charges, stays,
recognitions, release memberships and omissions, envoy roles, claims made and about, citations.
A row that would be an exact copy of one the survivor has is folded: it stays with the loser.
A row that clashes with one of the survivor's (the same release, another Viasna id) stays with
the loser too, and becomes a claim on the survivor when a source backs it. For the person's own
fields the editor picks, field by field, which value survives (`take`); the one that loses is
kept as a claim when the loser's sources back it, and in the merge record either way.

The loser is withdrawn, never deleted (`ledger.withdrawal`): its address answers 301 to the
survivor's (`redirects`), both histories say what happened, and `undo_merge` moves every row
back from the `PersonMerge` record.
"""

import datetime

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from interchange.curation.models import Correction, CorrectionStatus, PersonMerge
from ledger.roles import may_publish
from prisoners.models import Citation, Claim, Language, Person, PersonName, Script, Visibility
from prisoners.status import refresh_statuses

#: Derived from other rows, rebuilt after the merge rather than moved.
DERIVED_RELATIONS = {("prisoners.NameKey", "person"), ("prisoners.StatusPeriod", "person")}
#: The person's fields no editor picks: identity, derived values, bookkeeping.
NOT_CHOSEN = {
    "id",
    "slug",
    "sort_key",
    "constructed_names",
    "citizenships",
    "withdrawn_at",
    "created_at",
    "updated_at",
    "version",
}
#: Never compared when deciding whether two rows are copies of each other.
BOOKKEEPING = {"id", "version", "created_at", "updated_at"}
#: Facts whose losing value is kept as a claim on the survivor (when a source backs it).
CLAIMED_FACTS = {
    "birth_date": "Date of birth",
    "died_on": "Date of death",
    "gender": "Gender",
    "patronymic": "Patronymic",
}
HISTORY_REASON_LENGTH = 100
#: Rows that say the same thing whenever their unique fields agree: the same spelling in the
#: same language (whatever its note), the same envoy of the same release.
SAME_FACT_ON_CLASH = {"prisoners.PersonName", "releases.Release_envoys"}


class MergeRefused(Exception):
    """The merge (or its undo) cannot be done as asked; the message says why, in words."""


def choosable_fields():
    """The person's fields an editor picks between (a date brings its precision with it)."""
    return [
        field
        for field in Person._meta.concrete_fields
        if field.editable and field.name not in NOT_CHOSEN and not field.name.endswith("_precision")
    ]


def _precision_of(field):
    name = f"{field.name}_precision"
    return name if any(f.name == name for f in Person._meta.concrete_fields) else None


def _stored(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def differing_fields(loser, survivor):
    """[(field, loser's value, survivor's value)] where the two records disagree."""
    differing = []
    for field in choosable_fields():
        names = [field.attname, *filter(None, [_precision_of(field)])]
        if any(getattr(loser, name) != getattr(survivor, name) for name in names):
            differing.append(
                (field, getattr(loser, field.attname), getattr(survivor, field.attname))
            )
    return differing


def needs_publisher(loser, survivor, take=()):
    """A withheld person must not be published by a merge, nor joined to a public record,
    without a publisher's decision."""
    visibility = loser.visibility if "visibility" in take else survivor.visibility
    involved = {loser.visibility, survivor.visibility}
    return Visibility.WITHHELD in involved and (
        len(involved) > 1 or visibility != Visibility.WITHHELD
    )


def _label(model):
    return model._meta.label


def _unique_sets(model, fk_name):
    """The field sets unique together that include the pointer at the person."""
    sets = [tuple(fields) for fields in model._meta.unique_together]
    sets += [
        tuple(constraint.fields)
        for constraint in model._meta.constraints
        if isinstance(constraint, models.UniqueConstraint)
        and constraint.fields
        and constraint.condition is None
    ]
    return [fields for fields in sets if fk_name in fields]


def _compared_values(row, skip):
    return {
        field.attname: getattr(row, field.attname)
        for field in row._meta.concrete_fields
        if field.name not in BOOKKEEPING
        and field.attname not in skip
        and field.name not in skip
        and not getattr(field, "auto_now", False)
        and not getattr(field, "auto_now_add", False)
    }


def _pointers_at_people():
    """(model, field name pointing at the person's id, extra filter) for every relation."""
    person_type = ContentType.objects.get_for_model(Person)
    for relation in Person._meta.related_objects:
        if relation.many_to_many:
            through = relation.through
            yield through, relation.field.m2m_reverse_field_name(), {}
        elif (_label(relation.related_model), relation.field.name) not in DERIVED_RELATIONS:
            yield relation.related_model, relation.field.name, {}
    for generic in Person._meta.private_fields:
        if isinstance(generic, models.Field) and hasattr(generic, "object_id_field_name"):
            content_type_id = f"{generic.content_type_field_name}_id"
            yield (
                generic.related_model,
                generic.object_id_field_name,
                {content_type_id: person_type.pk},
            )
    yield Correction, "record_id", {"record_type": person_type, "status": CorrectionStatus.OPEN}


class PersonMerger:
    def __init__(self, loser, survivor, take=(), user=None, publisher_decision=False):
        self.loser, self.survivor = loser, survivor
        self.take = set(take)
        self.user = user
        self.publisher_decision = publisher_decision
        self.conflicts = []  # (topic, statement) of values kept as claims

    def check(self):
        loser, survivor = self.loser, self.survivor
        if loser.pk == survivor.pk:
            raise MergeRefused("A person cannot be merged into themselves.")
        for person in (loser, survivor):
            if person.withdrawn_at is not None:
                raise MergeRefused(f"“{person}” is withdrawn: restore it first, or merge another.")
        unknown = self.take - {field.name for field in choosable_fields()}
        if unknown:
            raise MergeRefused(
                f"Unknown field(s) to take from the loser: {', '.join(sorted(unknown))}."
            )
        if (
            "visibility" in self.take
            and loser.visibility != survivor.visibility
            and self.user is not None
            and not may_publish(self.user, Person)
        ):
            raise MergeRefused(
                "Who may see the record is a publisher's decision: keep the kept record's "
                "visibility, or ask a publisher."
            )
        if needs_publisher(loser, survivor, self.take):
            if not self.publisher_decision:
                raise MergeRefused(
                    "One of these records is withheld: merging them would join a withheld "
                    "person to a public record, or publish them. A publisher has to decide it "
                    "(tick the publisher's decision, or --publisher-decision)."
                )
            if self.user is not None and not may_publish(self.user, Person):
                raise MergeRefused("Only a publisher may merge a withheld person's record.")

    def run(self):
        self.check()
        with transaction.atomic():
            locked = Person.private_objects.select_for_update().in_bulk(
                [self.loser.pk, self.survivor.pk]
            )
            self.loser, self.survivor = locked[self.loser.pk], locked[self.survivor.pk]
            self.check()  # again, on the rows as they are now
            merge = PersonMerge.objects.create(
                loser=self.loser,
                survivor=self.survivor,
                merged_by=self.user,
                loser_withdrawn_at=self.loser.withdrawn_at,
            )
            self.merge = merge
            self._take_fields()
            self._move_rows()
            self._add_occupations()
            self._keep_other_display_name()
            self._claim_conflicts()
            merge.save()
            reason = (
                f"Merged “{self.loser}” (id {self.loser.pk}) into this record, merge {merge.pk}"
            )
            _save_with_reason(self.survivor, reason)
            self.loser.withdrawn_at = timezone.now()
            _save_with_reason(
                self.loser,
                f"Merged into “{self.survivor}” (id {self.survivor.pk}), merge {merge.pk}",
            )
            _rederive(self.loser, self.survivor)
        return merge

    def _take_fields(self):
        before = {}
        for field, loser_value, survivor_value in differing_fields(self.loser, self.survivor):
            names = [field.attname, *filter(None, [_precision_of(field)])]
            if field.name in self.take:
                for name in names:
                    before[name] = _stored(getattr(self.survivor, name))
                    setattr(self.survivor, name, getattr(self.loser, name))
                lost = survivor_value
            else:
                lost = loser_value
            if field.name in CLAIMED_FACTS and lost not in (None, ""):
                self._conflict(CLAIMED_FACTS[field.name], field.name, lost)
        codes = {str(code) for code in self.survivor.citizenships}
        extra = [str(code) for code in self.loser.citizenships if str(code) not in codes]
        if extra:
            before["citizenships"] = sorted(codes)
            self.survivor.citizenships = [*sorted(codes), *extra]
        self.merge.survivor_before = before

    def _conflict(self, topic, what, value):
        shown = value.isoformat() if isinstance(value, datetime.date) else str(value)
        self.conflicts.append((topic, what, shown))

    def _move_rows(self):
        moved, folded = [], []
        for model, pointer, extra in _pointers_at_people():
            rows = model._base_manager.filter(**{pointer: self.loser.pk, **extra})
            for row in rows:
                outcome = self._place(model, pointer, extra, row)
                entry = [_label(model), row.pk, pointer]
                (moved if outcome == "moved" else folded).append([*entry, outcome])
        self.merge.moved = [entry[:3] for entry in moved]
        self.merge.folded = folded

    def _place(self, model, pointer, extra, row):
        at_survivor = model._base_manager.filter(**{pointer: self.survivor.pk, **extra})
        field = model._meta.get_field(pointer)
        skip = {pointer, field.attname}
        for fields in _unique_sets(model, field.name):
            same = {
                model._meta.get_field(name).attname: getattr(
                    row, model._meta.get_field(name).attname
                )
                for name in fields
                if name != field.name
            }
            clash = at_survivor.filter(**same).first()
            if clash is not None:
                if _label(model) in SAME_FACT_ON_CLASH or (
                    _compared_values(clash, skip) == _compared_values(row, skip)
                ):
                    return "exact copy"
                self._conflict(
                    f"{model._meta.verbose_name.capitalize()} (merged record)",
                    model._meta.verbose_name,
                    str(row),
                )
                return "clash"
        if model is not Correction and at_survivor.filter(**_compared_values(row, skip)).exists():
            return "exact copy"
        model._base_manager.filter(pk=row.pk).update(**{field.attname: self.survivor.pk})
        return "moved"

    def _add_occupations(self):
        added = []
        ours = set(self.survivor.occupations.values_list("pk", flat=True))
        for pk in self.loser.occupations.values_list("pk", flat=True):
            if pk not in ours:
                self.survivor.occupations.add(pk)
                added.append(["prisoners.Person", "occupations", pk])
        self.merge.added = [*self.merge.added, *added]

    def _keep_other_display_name(self):
        """The display name that lost stays as a spelling: "Andrei Pachobut" still finds them."""
        chosen = self.survivor.display_name
        for name in {self.loser.display_name, self.merge.survivor_before.get("display_name")}:
            if not name or name == chosen:
                continue
            if self.survivor.names.filter(name=name).exists():
                continue
            latin = all(ord(letter) < 0x400 for letter in name)
            spelling = PersonName.private_objects.create(
                person=self.survivor,
                name=name,
                language=Language.ENGLISH if latin else Language.OTHER,
                script=Script.LATIN if latin else Script.CYRILLIC,
                is_attested=True,
                note=f"Display name of a merged record (merge {self.merge.pk})",
            )
            self.merge.added = [*self.merge.added, ["prisoners.PersonName", spelling.pk]]

    def _claim_conflicts(self):
        """Values that lost become claims when the loser's sources back them; otherwise they
        are kept in the merge record only (a value no source gives is not published)."""
        citation = (
            Citation.private_objects.filter(
                content_type=ContentType.objects.get_for_model(Person),
                object_id__in=[self.loser.pk, self.survivor.pk],
            )
            .order_by("object_id" if self.loser.pk < self.survivor.pk else "-object_id", "pk")
            .first()
        )
        unsourced = {}
        for topic, what, value in self.conflicts:
            statement = f"The merged record “{self.loser}” gave {what.replace('_', ' ')}: {value}."
            if citation is None:
                unsourced[what] = value
                continue
            claim = Claim.private_objects.create(
                topic=topic, statement=statement, subject=self.survivor, claimed_by=citation.source
            )
            self.merge.added = [*self.merge.added, ["prisoners.Claim", claim.pk]]
        self.merge.unsourced_values = unsourced


def _save_with_reason(person, reason):
    person._change_reason = reason[:HISTORY_REASON_LENGTH]
    person.save()


def _rederive(*people):
    for person in people:
        person.rebuild_name_keys()
    refresh_statuses([person.pk for person in people])


def merge_people(loser, survivor, take=(), user=None, publisher_decision=False):
    """Merge `loser` into `survivor` (see the module docstring); returns the PersonMerge."""
    return PersonMerger(loser, survivor, take, user, publisher_decision).run()


def undo_merge(merge, user=None):
    """Put both records back as they were before `merge`; for publishers."""
    if user is not None and not may_publish(user, Person):
        raise MergeRefused("Only a publisher may undo a merge.")
    if merge.undone_at is not None:
        raise MergeRefused(f"Merge {merge.pk} was already undone.")
    if PersonMerge.objects.standing().filter(loser=merge.survivor_id).exists():
        raise MergeRefused(
            f"“{merge.survivor}” was merged into another record since: undo that merge first."
        )
    with transaction.atomic():
        people = Person.private_objects.select_for_update().in_bulk(
            [merge.loser_id, merge.survivor_id]
        )
        loser, survivor = people[merge.loser_id], people[merge.survivor_id]
        for label, pk, pointer in merge.moved:
            model = apps.get_model(label)
            attname = model._meta.get_field(pointer).attname
            model._base_manager.filter(pk=pk, **{attname: survivor.pk}).update(
                **{attname: loser.pk}
            )
        for entry in merge.added:
            if len(entry) == 3:
                getattr(survivor, entry[1]).remove(entry[2])
            else:
                apps.get_model(entry[0])._base_manager.filter(pk=entry[1]).delete()
        for attname, value in merge.survivor_before.items():
            field = Person._meta.get_field(attname)
            setattr(survivor, attname, field.to_python(value) if value is not None else None)
        loser.withdrawn_at = merge.loser_withdrawn_at
        _save_with_reason(survivor, f"Merge {merge.pk} undone: “{loser}” is apart again")
        _save_with_reason(loser, f"Merge {merge.pk} into “{survivor}” undone")
        merge.undone_at = timezone.now()
        merge.undone_by = user
        merge.save(update_fields=["undone_at", "undone_by"])
        _rederive(loser, survivor)
    return merge
