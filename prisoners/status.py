"""A person's status: derived from the public record, stored as a cache by one writer.

`refresh_statuses(person_ids)` is the only code that writes `Person.status`. Every path that
changes what a status derives from calls it:

- a save or delete of a person, a detention or a release outcome, and a release's own save (its
  date or publication): the signals in `prisoners.signals` and `releases.signals`, which also
  refresh the person a detention or an outcome was moved away from;
- bulk writes, which send no model signals: `update()`, `bulk_create()` and `bulk_update()` on
  those models announce the people they touched (`prisoners.status_inputs`), and
  `prisoners.signals` passes them on here;
- loading the seed (`manage.py seed`) and `manage.py refresh_statuses`, which refresh everyone.

The status is derived only from facts the public can see: an unpublished release never changes a
public status (`ReleasedPerson.custody_events`). A test replays random sequences of edits and checks
that the stored status always equals the derived one.
"""

from django.db import transaction

from ledger.row_updates import update_rows
from prisoners.custody import custody_prefetch
from prisoners.models import Detention, Person, StatusPeriod

BATCH_SIZE = 2000


STATUS_FIELDS = (
    "status",
    "status_country",
    "status_since",
    "status_since_precision",
    "status_as_of",
    "status_as_of_precision",
)


def stored_values(person):
    return tuple(str(getattr(person, name) or "") for name in STATUS_FIELDS)


def refresh_statuses(person_ids) -> int:
    """Recompute and store the derived custody facts of these people: status, country, since,
    as-of, status history and each detention's term. Returns how many statuses changed."""
    ids = sorted({pk for pk in person_ids if pk is not None})
    changed = 0
    for start in range(0, len(ids), BATCH_SIZE):
        people = Person.private_objects.filter(pk__in=ids[start : start + BATCH_SIZE])
        changed_people, changed_terms, stale_periods, new_periods = [], [], [], []
        # Everything `prisoners.custody.derive_custody` reads, prefetched once per batch.
        prefetch = [*custody_prefetch(Person), "status_periods"]
        for person in people.prefetch_related(*prefetch):
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
    return refresh_statuses(Person.private_objects.values_list("pk", flat=True))
