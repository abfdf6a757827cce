"""Writing the plan: every record in bulk, in an order that gives each its foreign keys.

Reference records first (sources, occupations, facilities, the envoys), then releases and deals
with their claims and citations, then people in batches (`people`), then the people noted as
left behind by releases. Each planned record's primary key is kept to link what follows.
"""

import datetime
import random
from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.text import slugify

from bench.synthetic import NOT_REAL, PREFIX, SOURCE_NAME, URL_ROOT
from bench.synthetic.names import full_name
from bench.synthetic.people import write_names, write_people
from bench.synthetic.plan import HORIZON, OCCUPATIONS, TOWNS, actor_count, weighted
from ledger.partial_dates import format_partial_date
from prisoners.models import (
    Citation,
    Claim,
    Detention,
    Facility,
    Occupation,
    Person,
    Recognition,
    Source,
    slug_for,
    surname_first,
)
from releases.models import Concession, Deal, NotableOmission, Release

PEOPLE_PER_BATCH = 2000
INSERT_BATCH = 2000
# (name, slug, kind): the first is the marker source; the others are cited at random.
SOURCES = [
    (SOURCE_NAME, "syn-synthetic-data", "other"),
    ("Synthetic human-rights group (not real)", "syn-human-rights-group", "ngo"),
    ("Synthetic independent outlet (not real)", "syn-independent-outlet", "independent_media"),
    ("Synthetic state news agency (not real)", "syn-state-news-agency", "state_media"),
]
FACILITY_KINDS = [  # (kind, label, weight)
    ("penal_colony", "Penal colony", 45),
    ("pre_trial", "Pre-trial detention centre", 15),
    ("temporary", "Temporary detention facility", 20),
    ("open_colony", "Open-type correctional facility", 15),
    ("prison", "Prison", 5),
]


class Writer:
    """Turns the plan into rows, in bulk, remembering each planned record's primary key."""

    def __init__(self, seed, progress=None):
        self.seed = seed
        self.progress = progress
        self.counts = Counter()
        self.types = {
            model: ContentType.objects.get_for_model(model)
            for model in (Person, Detention, Recognition, Release, Deal, Concession)
        }
        self.rng = random.Random(f"synthetic:{seed}:records")

    def insert(self, model, objects):
        # A plain QuerySet: the models' own bulk_create refreshes the statuses of the people
        # each batch touches (prisoners.status.StatusInputQuerySet), which would derive every
        # status many times over; the command derives them all once, after loading.
        self.counts[model._meta.label] += len(objects)
        return models.QuerySet(model).bulk_create(objects, batch_size=INSERT_BATCH)

    def cite(self, record, number, on, rng, source=None):
        """A citation of a synthetic source, published within two weeks of `on`."""
        model = type(record)
        return Citation(
            source=source or rng.choice(self.sources),
            content_type=self.types[model],
            object_id=record.pk,
            url=f"{URL_ROOT}/{model._meta.model_name}/{number}",
            title=f"Synthetic report {number} (not real)",
            published_on=min(on + datetime.timedelta(days=rng.randint(0, 14)), HORIZON),
        )

    def write(self, people, releases, deals):
        self.write_reference_records(len(people))
        self.write_releases(releases, deals)
        self.person_pks = {}
        for start in range(0, len(people), PEOPLE_PER_BATCH):
            write_people(self, people[start : start + PEOPLE_PER_BATCH])
            if self.progress:
                self.progress.write(
                    f"  {min(start + PEOPLE_PER_BATCH, len(people)):,} people written"
                )
        self.insert(
            NotableOmission,
            [
                NotableOmission(
                    release=self.releases[release.number],
                    person_id=self.person_pks[number],
                    reported_by=self.sources[1],
                    note="Synthetic: reported as not freed.",
                )
                for release in releases
                for number in release.omitted
            ],
        )

    def write_reference_records(self, persons):
        description = "Made up by generate_synthetic for performance tests; cites nothing real."
        self.sources = self.insert(
            Source,
            [
                Source(name=name, slug=slug, kind=kind, url=URL_ROOT, description=description)
                for name, slug, kind in SOURCES
            ],
        )
        self.occupations = self.insert(
            Occupation,
            [Occupation(name=name, slug=f"{PREFIX}{slugify(name)}") for name in OCCUPATIONS],
        )
        rng = random.Random(f"synthetic:{self.seed}:facilities")
        facilities, numbers = [], Counter()
        for _ in range(min(300, max(10, persons // 300))):
            kind, label = weighted(rng, [((k, label), w) for k, label, w in FACILITY_KINDS])
            numbers[kind] += 1
            town = rng.choice(TOWNS)
            name = f"{label} No. {numbers[kind]}, {town}"
            facilities.append(
                Facility(
                    name=name,
                    slug=f"{PREFIX}{slugify(name)}",
                    kind=kind,
                    town=town,
                    notes=NOT_REAL.format("place"),
                )
            )
        self.facilities = {}
        for facility in self.insert(Facility, facilities):
            group = "pre_trial" if facility.kind in ("pre_trial", "temporary") else "colony"
            self.facilities.setdefault(group, []).append(facility)
        self.facilities.setdefault("pre_trial", self.facilities.get("colony"))
        self.facilities.setdefault("colony", self.facilities["pre_trial"])
        actors = []
        for index in range(actor_count(persons)):
            _, forms = full_name(random.Random(f"synthetic:{self.seed}:actor:{index}"))
            actors.append(
                Person(
                    display_name=forms["latin"],
                    slug=f"{PREFIX}actor-{slug_for(forms['latin'])}-{index}",
                    sort_name=surname_first(forms["latin"]),
                    kind="actor",
                    visibility="published",
                    role="Envoy (synthetic)",
                    summary=NOT_REAL.format("person"),
                )
            )
        self.actors = self.insert(Person, actors)
        write_names(
            self, self.actors, [[(a.display_name, "en", "Latn", True, "")] for a in self.actors]
        )

    def write_releases(self, releases, deals):
        ngo, agency = self.sources[1], self.sources[3]
        rows = []
        for plan in releases:
            reported = max(len(plan.freed), plan.size)
            if self.rng.random() < 0.15:
                reported += self.rng.randint(1, 10)  # sources count some the record cannot name
            inferred = self.rng.random() < 0.1
            rows.append(
                Release(
                    title=f"Release of {reported} prisoners, "
                    f"{format_partial_date(plan.released_on, 'month')}",
                    slug=f"{PREFIX}release-{plan.number:04d}-{plan.released_on}",
                    is_published=plan.published,
                    released_on=plan.released_on,
                    kind=plan.kind,
                    reported_count=reported,
                    reported_count_source=ngo,
                    broker=plan.broker,
                    broker_description="United States" if plan.broker else "",
                    destinations=[plan.destination] if plan.destination else [],
                    summary=NOT_REAL.format("event"),
                    standing="inferred" if inferred else "reported",
                    standing_note="Synthetic: the date is inferred from the reports."
                    if inferred
                    else "",
                )
            )
        self.releases = self.insert(Release, rows)
        claims, citations = [], []
        for index, release in enumerate(self.releases):
            citations += [
                self.cite(release, f"{index}-{n}", release.released_on, self.rng) for n in (1, 2)
            ]
            claims.append((ngo, release.reported_count, release))
            if self.rng.random() < 0.2:
                claims.append(
                    (agency, max(1, release.reported_count - self.rng.randint(1, 20)), release)
                )
        self.insert(
            Claim,
            [
                Claim(
                    topic="How many people were freed",
                    statement=f"{source.name} reported {value} people freed.",
                    subject_content_type=self.types[Release],
                    subject_object_id=release.pk,
                    value=value,
                    as_of=release.released_on,
                    claimed_by=source,
                )
                for source, value, release in claims
            ],
        )
        self.write_deals(deals, citations)
        self.insert(Citation, citations)

    def write_deals(self, plans, citations):
        rows = [
            Deal(
                title=f"Synthetic deal {plan.number + 1}: {plan.concessions[0][2].lower()}",
                slug=f"{PREFIX}deal-{plan.number:03d}",
                is_published=plan.published,
                parties=plan.parties,
                announced_on=plan.announced_on,
                announced_by=self.actors[plan.announcer],
                instrument=f"Synthetic licence No. {plan.number + 1}",
                summary=NOT_REAL.format("agreement"),
            )
            for plan in plans
        ]
        self.insert(Deal, rows)
        self.insert(
            Deal.releases.through,
            [
                Deal.releases.through(deal_id=deal.pk, release_id=self.releases[number].pk)
                for deal, plan in zip(rows, plans, strict=True)
                for number in plan.releases
            ],
        )
        self.insert(
            Release.envoys.through,
            [
                Release.envoys.through(
                    release_id=self.releases[number].pk, person_id=deal.announced_by_id
                )
                for deal, plan in zip(rows, plans, strict=True)
                for number in plan.releases
            ],
        )
        concessions = self.insert(
            Concession,
            [
                Concession(
                    deal=deal, kind=kind, beneficiary=beneficiary, description=text, effective_on=on
                )
                for deal, plan in zip(rows, plans, strict=True)
                for kind, beneficiary, text, on in plan.concessions
            ],
        )
        citations += [self.cite(d, n, d.announced_on, self.rng) for n, d in enumerate(rows)]
        citations += [self.cite(c, n, c.effective_on, self.rng) for n, c in enumerate(concessions)]
