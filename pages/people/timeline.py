"""A person's page as a timeline: detentions, verdicts, releases and omissions in date order."""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _

from prisoners.vocabularies import DetentionEnd, ReleaseOutcome
from prisoners.wording import in_reader_language, partial_date, said_of, verdict_text
from releases.models import ReleasedPerson


@dataclass
class TimelineEvent:
    ORDER = {"arrest": 0, "verdict": 1, "omission": 2, "release": 3, "end": 4}

    @property
    def standing_label(self):
        # A detention's standing is about how it ended (where to), so it is shown there only.
        if self.kind == "arrest":
            return ""
        return getattr(self.record, "standing_label", "")

    date: datetime.date
    date_display: str
    kind: str
    title: str
    record: models.Model
    url: str = ""
    first_of_record: bool = True


def detention_events(detention):
    person = detention.person
    place = in_reader_language(detention, "place")
    title = said_of(person, "Detained in %(place)s") % {"place": place} if place else ""
    yield TimelineEvent(
        detention.detained_on,
        partial_date(detention, "detained_on"),
        "arrest",
        title or said_of(person, "Detained"),
        detention,
    )
    # An undated decision (a sentence "added later") is placed after the one before it.
    placed_on = detention.detained_on
    for verdict in detention.verdicts.all():
        placed_on = verdict.decided_on or placed_on
        yield TimelineEvent(
            placed_on,
            partial_date(verdict, "decided_on") or _("Date not reported"),
            "verdict",
            verdict_text(verdict),
            verdict,
        )
    if detention.ended_on:
        how = said_of(
            person,
            DetentionEnd(detention.end_reason).label if detention.end_reason else "Released",
        )
        where = (
            ", " + _("to %(country)s") % {"country": detention.released_to.name}
            if detention.released_to
            else ""
        )
        yield TimelineEvent(
            detention.ended_on,
            partial_date(detention, "ended_on"),
            "end",
            _("Detention ended: %(how)s") % {"how": how} + where,
            detention,
        )


def person_timeline(person):
    """Detentions, verdicts, releases and omissions in date order, for the public page.

    Reads prefetched `detentions`, `release_outcomes__release` and `omitted_from__release`, and
    shows only releases the public may see.
    """
    events = []
    for detention in person.detentions.all():
        events.extend(detention_events(detention))
    for outcome in ReleasedPerson.public_outcomes_of(person):
        release = outcome.release
        destination = f" ({outcome.destination.name})" if outcome.destination else ""
        events.append(
            TimelineEvent(
                release.released_on,
                partial_date(release, "released_on"),
                "release",
                f"{in_reader_language(release, 'title')}: "
                f"{said_of(person, ReleaseOutcome(outcome.outcome).label).lower()}{destination}",
                outcome,
                release.get_absolute_url(),
            )
        )
    omissions = getattr(person, "omitted_from", None)
    for omission in omissions.all() if omissions is not None else []:
        release = omission.release
        if release.is_public:
            events.append(
                TimelineEvent(
                    release.released_on,
                    partial_date(release, "released_on"),
                    "omission",
                    said_of(person, "Not among those freed in %(release)s")
                    % {"release": in_reader_language(release, "title")},
                    omission,
                    release.get_absolute_url(),
                )
            )
    events.sort(key=lambda event: (event.date, TimelineEvent.ORDER[event.kind]))
    # A detention's sources cover its arrest, verdict and end: list them once, at the first.
    seen = set()
    for event in events:
        identity = (type(event.record), event.record.pk)
        event.first_of_record = identity not in seen
        seen.add(identity)
    return events
