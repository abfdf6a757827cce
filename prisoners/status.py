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

from collections import defaultdict

from django.db import models, transaction

from .publication import PublicationQuerySet

BATCH_SIZE = 2000


def refresh_statuses(person_ids) -> int:
    """Recompute and store the status of these people; returns how many changed."""
    from .models import Person

    ids = sorted({pk for pk in person_ids if pk is not None})
    changed = []
    for start in range(0, len(ids), BATCH_SIZE):
        people = Person.private_objects.filter(pk__in=ids[start : start + BATCH_SIZE])
        for person in people.prefetch_related("detentions", "release_outcomes__release"):
            status, country = person.derive_status()
            if (person.status, str(person.status_country or "")) != (status, country or ""):
                person.status, person.status_country = status, country
                changed.append(person)
    by_value = defaultdict(list)
    for person in changed:
        by_value[(person.status, str(person.status_country or ""))].append(person.pk)
    for (status, country), pks in by_value.items():
        # The plain QuerySet.update: a cache write is no editor's save, so it neither triggers
        # another refresh nor bumps the record's version (which would make open forms stale),
        # and it skips history: the status caches facts that are recorded themselves.
        models.QuerySet.update(
            Person.private_objects.filter(pk__in=pks), status=status, status_country=country
        )
    return len(changed)


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
