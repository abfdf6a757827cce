"""What a person's record says about their custody: events, the status, its dates and history.

`derive_custody(person)` reads the person's prefetched records and returns everything the status
writer (`prisoners.status`) stores: the current status and country, the date of the event that set
it (`since`), the latest date the record confirms it (`as_of`: for someone held, a later verdict,
a report of where they are held, or a release that left them behind), and the periods between
events (`prisoners.models.StatusPeriod`).

Events and confirmations come from the records that point at the person and say they have some
(`custody_relations`): detentions and stays in this app, and whatever the apps above add (the
outcomes of releases, the releases that left someone behind). Only facts the public can see count.
"""

import datetime
from dataclasses import dataclass, field
from typing import NamedTuple

from prisoners.vocabularies import IN_CUSTODY, Status


class CustodyEvent(NamedTuple):
    date: datetime.date
    order: int  # same-day events: arrest, then release outcome, then end of detention
    status: str
    country: str
    precision: str = "day"
    label: str = ""
    #: The record the event comes from (a detention, a release outcome): its citations and
    #: standing are what a page shows beside the status the event set.
    record: object = None


@dataclass
class DerivedCustody:
    status: str = Status.UNKNOWN
    country: str = ""
    since: datetime.date | None = None
    since_precision: str = "day"
    as_of: datetime.date | None = None
    as_of_precision: str = "day"
    #: The record of the event that set the status (None for a death or no event).
    since_record: object = None
    periods: list[tuple] = field(
        default_factory=list
    )  # (status, country, start, precision, end, event)


def custody_relations(person_model):
    """(accessor, model) of every kind of record pointing at a person that speaks of custody:
    whose model has `custody_events()` (arrests, ends of detention, release outcomes) or
    `custody_confirmations()` (later reports that the person was still held).

    Found by what the records say of themselves, so the apps above this one (releases: outcomes
    and omissions) add theirs without being named here.
    """
    found = []
    for relation in person_model._meta.related_objects:
        model = relation.related_model
        if hasattr(model, "custody_events") or hasattr(model, "custody_confirmations"):
            found.append((relation.get_accessor_name(), model))
    return sorted(found, key=lambda item: item[0])


def custody_prefetch(person_model):
    """Prefetch lookups that let `derive_custody` read everything it needs from memory."""
    lookups = []
    for accessor, model in custody_relations(person_model):
        lookups.append(accessor)
        lookups.extend(f"{accessor}__{related}" for related in getattr(model, "custody_reads", ()))
    return lookups


def custody_records(person):
    for accessor, _model in custody_relations(type(person)):
        yield from getattr(person, accessor).all()


def custody_events(person) -> list[CustodyEvent]:
    events = []
    for record in custody_records(person):
        if hasattr(record, "custody_events"):
            events.extend(record.custody_events())
    return sorted(events, key=lambda event: (event.date, event.order))


def confirmations(person):
    """(date, precision) of later facts that confirm a person is still held."""
    for record in custody_records(person):
        if hasattr(record, "custody_confirmations"):
            yield from record.custody_confirmations()


def status_record(events):
    """The record a status line cites: of the events of the last day that set the same status,
    the first. A release outcome says what happened that day and is cited for it; the end of
    a detention that says the same is the whole detention, cited for the arrest and the verdict
    too, so it is cited only when no outcome reports the day."""
    last = events[-1]
    for event in events:
        if (event.date, event.status, event.country) == (last.date, last.status, last.country):
            if event.record is not None:
                return event.record
    return last.record


def derive_custody(person) -> DerivedCustody:
    events = custody_events(person)
    derived = DerivedCustody()
    for event, following in zip(events, [*events[1:], None][: len(events)], strict=True):
        derived.periods.append(
            (
                event.status,
                event.country,
                event.date,
                event.precision,
                following.date if following is not None else None,
                event.label,
            )
        )
    # A period that lasts no time (arrest and release reported for the same day) is not history.
    derived.periods = [p for p in derived.periods if p[4] is None or p[4] > p[2]]
    if person.died_on is not None:
        derived.status, derived.country = Status.DECEASED, ""
        derived.since, derived.since_precision = person.died_on, person.died_on_precision
        if derived.periods and derived.periods[-1][4] is None:
            last = derived.periods[-1]
            derived.periods[-1] = (*last[:4], max(person.died_on, last[2]), last[5])
        derived.periods.append(
            (Status.DECEASED, "", person.died_on, person.died_on_precision, None, "death")
        )
    elif events:
        last = events[-1]
        derived.status, derived.country = last.status, last.country
        derived.since, derived.since_precision = last.date, last.precision
        derived.since_record = status_record(events)
    if derived.since is not None:
        derived.as_of, derived.as_of_precision = derived.since, derived.since_precision
        if derived.status in IN_CUSTODY:
            for date, precision in confirmations(person):
                if date > derived.as_of:
                    derived.as_of, derived.as_of_precision = date, precision
    return derived
