"""Writing people in batches: their names and search keys, detentions with verdicts and charges,
stays, recognitions, identifiers, release outcomes and citations.
"""

import datetime
import random

from bench.synthetic import NOT_REAL, PREFIX, URL_ROOT
from bench.synthetic.names import passport_latin, spellings
from bench.synthetic.plan import HORIZON, OCCUPATIONS
from prisoners.models import (
    Charge,
    Citation,
    Detention,
    ExternalIdentifier,
    NameKey,
    Person,
    PersonName,
    Recognition,
    Stay,
    Verdict,
    slug_for,
    surname_first,
)
from prisoners.models.detentions import QUALIFIER_ARTICLES
from releases.models import ReleasedPerson
from transliteration import name_keys

WITHDRAWN_AT = datetime.datetime(2026, 6, 30, tzinfo=datetime.UTC)


def write_people(writer, plans):
    people = writer.insert(Person, [person_row(plan) for plan in plans])
    for plan, person in zip(plans, people, strict=True):
        writer.person_pks[plan.number] = person.pk
    # One generator per person, not per batch: a person's records do not depend on the batch size.
    rngs = [random.Random(f"synthetic:{writer.seed}:records:{plan.number}") for plan in plans]
    names = [spellings(plan, rng) for plan, rng in zip(plans, rngs, strict=True)]
    write_names(writer, people, names)
    writer.insert(
        Person.occupations.through,
        [
            Person.occupations.through(
                person=person, occupation=writer.occupations[plan.occupation]
            )
            for plan, person in zip(plans, people, strict=True)
            if plan.occupation is not None
        ],
    )
    citations = write_detentions(writer, plans, people, rngs)
    recognitions, identifiers, freed = [], [], []
    for plan, person, rng in zip(plans, people, rngs, strict=True):
        citations.append(writer.cite(person, plan.number, plan.detentions[0].detained_on, rng))
        for recogniser, on, withdrawn in plan.recognitions:
            recognitions.append(
                Recognition(
                    person=person, recogniser=recogniser, recognised_on=on, withdrawn_on=withdrawn
                )
            )
        if plan.recognitions:
            identifiers.append(
                ExternalIdentifier(
                    person=person,
                    scheme="viasna",
                    identifier=f"{PREFIX}{plan.number}",
                    url=f"{URL_ROOT}/viasna/{plan.number}",
                )
            )
        if plan.freed:
            number, outcome, destination = plan.freed
            freed.append(
                ReleasedPerson(
                    release=writer.releases[number],
                    person=person,
                    outcome=outcome,
                    destination=destination,
                )
            )
    writer.insert(Recognition, recognitions)
    writer.insert(ExternalIdentifier, identifiers)
    writer.insert(ReleasedPerson, freed)
    ngo = writer.sources[1]
    citations += [
        writer.cite(r, f"{r.person.slug}-{r.recogniser}", r.recognised_on, rngs[0], ngo)
        for r in recognitions
    ]
    writer.insert(Citation, citations)


def write_detentions(writer, plans, people, rngs):
    """Detentions with their verdicts, charges and stays; returns their citations, unwritten."""
    detentions, planned = [], []
    for plan, person, rng in zip(plans, people, rngs, strict=True):
        for index, detention in enumerate(plan.detentions):
            detentions.append(detention_row(person, detention, rng))
            planned.append((f"{plan.number}-{index}", detention, rng))
    writer.insert(Detention, detentions)
    verdicts, charges, stays, citations = [], [], [], []
    for row, (number, detention, rng) in zip(detentions, planned, strict=True):
        # A release before the trial ends the detention: the later verdicts never happened.
        decided = [v for v in detention.verdicts if row.ended_on is None or v[1] <= row.ended_on]
        verdicts += [
            Verdict(
                detention=row,
                kind=kind,
                court=court,
                decided_on=on,
                sentence_months=months,
                sentence_kind=sentence,
                regime=regime,
            )
            for kind, on, months, sentence, regime, court in decided
        ]
        charges += [
            Charge(
                detention=row,
                article=article,
                part=part,
                description=description,
                qualifier=qualifier,
                qualifier_article=QUALIFIER_ARTICLES.get(qualifier, ""),
                stage="convicted" if decided else "charged",
            )
            for article, part, description, qualifier in detention.charges
        ]
        if rng.random() < 0.65:
            stays += stays_in_custody(writer.facilities, row, decided, rng)
        citations.append(writer.cite(row, number, row.detained_on, rng))
    writer.insert(Verdict, verdicts)
    writer.insert(Charge, charges)
    writer.insert(Stay, stays)
    return citations


def write_names(writer, people, names_per_person):
    """PersonName rows and the search keys of every spelling (as Person.rebuild_name_keys
    derives them, which the bulk insert bypasses)."""
    rows, keys = [], []
    for person, names in zip(people, names_per_person, strict=True):
        rows += [
            PersonName(
                person=person,
                name=name,
                language=language,
                script=script,
                is_attested=attested,
                note=note,
            )
            for name, language, script, attested, note in names
        ]
        spelled = [person.display_name, *(name[0] for name in names)]
        wanted = set().union(*(name_keys(spelling) for spelling in spelled))
        keys += [NameKey(person=person, key=key) for key in sorted(wanted)]
    writer.insert(PersonName, rows)
    writer.insert(NameKey, keys)


def person_row(plan):
    forms = plan.forms
    return Person(
        display_name=forms["latin"],
        slug=f"{PREFIX}{slug_for(forms['latin'])}-{plan.number}",
        sort_name=surname_first(forms["latin"]),
        # The first attested Belarusian and Russian Cyrillic spellings, as write_names gives
        # them (what prisoners.local_names derives, which the bulk insert bypasses).
        name_be=forms["be"],
        name_ru=forms["ru"],
        kind="prisoner",
        visibility=plan.visibility,
        patronymic=passport_latin(forms["be_patronymic"]),
        gender="female" if plan.gender == "f" else "male",
        role=OCCUPATIONS[plan.occupation] if plan.occupation is not None else "",
        citizenships=plan.citizenships,
        birth_date=plan.birth_date,
        birth_date_precision=plan.birth_precision,
        died_on=plan.died_on,
        summary=NOT_REAL.format("person"),
        withdrawn_at=WITHDRAWN_AT if plan.withdrawn else None,
    )


def detention_row(person, plan, rng):
    by_month = rng.random() < 0.08  # "arrested in March 2021"
    inferred = rng.random() < 0.03
    return Detention(
        person=person,
        detained_on=plan.detained_on.replace(day=1) if by_month else plan.detained_on,
        detained_on_precision="month" if by_month else "day",
        place=plan.place,
        ended_on=plan.ended_on,
        end_reason=plan.end_reason,
        released_to=plan.released_to,
        standing="inferred" if inferred else "reported",
        standing_note="Synthetic: the arrest date is inferred." if inferred else "",
    )


def stays_in_custody(facilities, detention, verdicts, rng):
    """A pre-trial centre until the verdict, then a colony (sometimes two, after a transfer);
    half of those still held have a report dating where they are now."""
    end = detention.ended_on
    verdict_on = verdicts[0][1] if verdicts else None
    first_until = verdict_on if verdict_on and (end is None or verdict_on < end) else end
    stays = [
        Stay(
            person_id=detention.person_id,
            facility=rng.choice(facilities["pre_trial"]),
            from_on=detention.detained_on,
            from_on_precision=detention.detained_on_precision,
            until_on=first_until,
        )
    ]
    if first_until is not None and first_until != end:
        arrived = min(first_until + datetime.timedelta(days=rng.randint(10, 60)), end or HORIZON)
        colonies = [arrived]
        if rng.random() < 0.15:  # transferred half way through
            colonies.append(arrived + ((end or HORIZON) - arrived) // 2)
        for from_on, until_on in zip(colonies, [*colonies[1:], end], strict=True):
            stays.append(
                Stay(
                    person_id=detention.person_id,
                    facility=rng.choice(facilities["colony"]),
                    from_on=from_on,
                    until_on=until_on,
                )
            )
    last = stays[-1]
    if last.until_on is None and rng.random() < 0.5:
        reported = rng.randint(0, (HORIZON - last.from_on).days)
        last.reported_on = last.from_on + datetime.timedelta(days=reported)
    return stays
