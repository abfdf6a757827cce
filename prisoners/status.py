"""A person's status: derived from the public record, stored as a cache by one writer.

`refresh_statuses(person_ids)` is the only code that writes `Person.status`. Every path that
changes what a status derives from calls it:

- a save or delete of a person, a detention or a release outcome, and a release's own save (its
  date or publication): the signals in `prisoners.signals` and `releases.signals`, which also
  refresh the person a detention or an outcome was moved away from;
- bulk writes that send no signals: `StatusInputQuerySet.update()`, `bulk_create()` and
  `bulk_update()` on those models;
- loading the seed (`manage.py seed`) and `manage.py refresh_statuses`, which refresh everyone.

The status is derived only from facts the public can see: an unpublished release never changes a
public status (`ReleasedPerson.custody_event`). A test replays random sequences of edits and checks
that the stored status always equals the derived one.
"""

from django.db import models, transaction

from .publication import PublicationQuerySet
from .row_updates import update_rows

BATCH_SIZE = 2000


STATUS_FIELDS = (
    "status",
    "status_country",
    "status_since",
    "status_since_precision",
    "status_as_of",
    "status_as_of_precision",
)
#: Everything `prisoners.custody.derive_custody` reads, prefetched once per batch.
CUSTODY_PREFETCH = (
    "detentions__verdicts",
    "release_outcomes__release",
    "stays",
    "omitted_from__release",
    "status_periods",
)


def stored_values(person):
    return tuple(str(getattr(person, name) or "") for name in STATUS_FIELDS)


def refresh_statuses(person_ids) -> int:
    """Recompute and store the derived custody facts of these people: status, country, since,
    as-of, status history and each detention's term. Returns how many statuses changed."""
    from .models import Detention, Person, StatusPeriod

    ids = sorted({pk for pk in person_ids if pk is not None})
    changed = 0
    for start in range(0, len(ids), BATCH_SIZE):
        people = Person.private_objects.filter(pk__in=ids[start : start + BATCH_SIZE])
        changed_people, changed_terms, stale_periods, new_periods = [], [], [], []
        for person in people.prefetch_related(*CUSTODY_PREFETCH):
            for detention in person.detentions.all():
                term = detention.computed_term_months()
                if detention.term_months != term:
                    detention.term_months = term
                    changed_terms.append(detention)
            derived = person.derive_custody()
            before = stored_values(person)
            person.status, person.status_country = derived.status, derived.country
            person.status_since, person.status_since_precision = (
                derived.since,
                derived.since_precision,
            )
            person.status_as_of, person.status_as_of_precision = (
                derived.as_of,
                derived.as_of_precision,
            )
            if stored_values(person) != before:
                changed_people.append(person)
            wanted = [
                StatusPeriod(
                    person=person,
                    status=status,
                    country=country,
                    started_on=started_on,
                    started_on_precision=precision,
                    ended_on=ended_on,
                    event=event[:300],
                )
                for status, country, started_on, precision, ended_on, event in derived.periods
            ]
            if [period_key(p) for p in person.status_periods.all()] != [
                period_key(p) for p in wanted
            ]:
                stale_periods.extend(p.pk for p in person.status_periods.all())
                new_periods.extend(wanted)
        # Plain row writes (no signals, like a QuerySet's): a cache write is no editor's save,
        # so it neither triggers another refresh nor bumps the record's version (which would
        # make open forms stale), and it skips history: these cache facts that are recorded
        # themselves. Only changed rows are written.
        with transaction.atomic():
            update_rows(Person, changed_people, STATUS_FIELDS)
            update_rows(Detention, changed_terms, ["term_months"])
            if stale_periods:
                StatusPeriod.objects.filter(pk__in=stale_periods).delete()
            if new_periods:
                StatusPeriod.objects.bulk_create(new_periods, batch_size=1000)
        changed += len(changed_people)
    return changed


def period_key(period):
    return (
        period.status,
        period.country,
        period.started_on,
        period.started_on_precision,
        period.ended_on,
        period.event,
    )


def refresh_all_statuses() -> int:
    from .models import Person

    return refresh_statuses(Person.private_objects.values_list("pk", flat=True))


class StatusInputQuerySet(PublicationQuerySet):
    """Bulk writes to records a status derives from refresh the people they touch.

    `people_lookup` leads from the model to the people whose status it feeds ("person" for a
    detention, "freed__person" for a release, "pk" for a person).
    """

    people_lookup = "person"

    def people_ids(self):
        lookup = self.people_lookup
        return set(self.exclude(**{f"{lookup}__isnull": True}).values_list(lookup, flat=True))

    def update(self, **kwargs):
        with transaction.atomic(using=self.db):
            pks = list(self.values_list("pk", flat=True))
            touched = self.model._default_manager.filter(pk__in=pks)
            before = touched.people_ids()
            rows = super().update(**kwargs)
            if set(kwargs) - {"status", "status_country"}:
                refresh_statuses(before | touched.people_ids())
        return rows

    def bulk_create(self, objs, *args, **kwargs):
        with transaction.atomic(using=self.db):
            created = super().bulk_create(objs, *args, **kwargs)
            pks = [obj.pk for obj in created if obj.pk is not None]
            refresh_statuses(self.model._default_manager.filter(pk__in=pks).people_ids())
        return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        with transaction.atomic(using=self.db):
            touched = self.model._default_manager.filter(pk__in=[obj.pk for obj in objs])
            before = touched.people_ids()
            rows = super().bulk_update(objs, fields, *args, **kwargs)
            refresh_statuses(before | touched.people_ids())
        return rows


class RemembersPerson(models.Model):
    """Remembers the person a row was loaded for, so that moving it refreshes both people."""

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance.person_id_as_loaded = instance.__dict__.get("person_id")
        return instance

    def people_to_refresh(self):
        return {self.person_id, getattr(self, "person_id_as_loaded", None)}
