"""What a person's record says about their custody: events, the status, its dates and history.

`derive_custody(person)` reads the person's prefetched records and returns everything the status
writer (`prisoners.status`) stores: the current status and country, the date of the event that set
it (`since`), the latest date the record confirms it (`as_of`: for someone held, a later verdict,
a report of where they are held, or a release that left them behind), and the periods between
events (`prisoners.models.StatusPeriod`).

Events come from detentions (this app) and from release outcomes, which the `releases` app
supplies through the `release_outcomes` related name; confirmations come from verdicts, stays and,
through `omitted_from`, notable omissions. Only facts the public can see count.
"""

import datetime
from dataclasses import dataclass, field
from typing import NamedTuple

from .models.vocabularies import IN_CUSTODY, Status


class CustodyEvent(NamedTuple):
    date: datetime.date
    order: int  # same-day events: arrest, then release outcome, then end of detention
    status: str
    country: str
    precision: str = "day"
    label: str = ""


@dataclass
class DerivedCustody:
    status: str = Status.UNKNOWN
    country: str = ""
    since: datetime.date | None = None
    since_precision: str = "day"
    as_of: datetime.date | None = None
    as_of_precision: str = "day"
    periods: list[tuple] = field(
        default_factory=list
    )  # (status, country, start, precision, end, event)


def related_rows(person, name):
    manager = getattr(person, name, None)
    return list(manager.all()) if manager is not None else []


def custody_events(person) -> list[CustodyEvent]:
    events = []
    for detention in person.detentions.all():
        events.extend(detention.custody_events())
    for outcome in related_rows(person, "release_outcomes"):
        event = outcome.custody_event()
        if event is not None:
            events.append(event)
    return sorted(events, key=lambda event: (event.date, event.order))


def confirmations(person):
    """(date, precision) of later facts that confirm a person is still held."""
    for detention in person.detentions.all():
        for verdict in detention.verdicts.all():
            if verdict.decided_on:
                yield verdict.decided_on, verdict.decided_on_precision
    for stay in related_rows(person, "stays"):
        if stay.until_on is None and stay.dated:
            precision = stay.reported_on_precision if stay.reported_on else stay.from_on_precision
            yield stay.dated, precision
    for omission in related_rows(person, "omitted_from"):
        confirmation = omission.custody_confirmation()
        if confirmation is not None:
            yield confirmation


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
    if derived.since is not None:
        derived.as_of, derived.as_of_precision = derived.since, derived.since_precision
        if derived.status in IN_CUSTODY:
            for date, precision in confirmations(person):
                if date > derived.as_of:
                    derived.as_of, derived.as_of_precision = date, precision
    return derived
