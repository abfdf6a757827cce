"""The plan: every person, release and deal decided in memory, deterministically from the seed.

Planning before writing lets a release free only people held on its date (arrested at least two
months before and not yet due out), and lets the writer insert in bulk. Nothing here touches the
database.
"""

import datetime
import random
from dataclasses import dataclass, field

from bench.synthetic.names import full_name
from ledger.partial_dates import add_months

FIRST_ARREST = datetime.date(2017, 1, 1)
WAVE = (datetime.date(2020, 8, 9), datetime.date(2021, 12, 31))  # after the 2020 election
HORIZON = datetime.date(2026, 6, 30)  # nothing synthetic happens later: the data never changes

TOWNS = (
    "Minsk Homel Mahiliou Viciebsk Hrodna Brest Babruisk Baranavichy Barysau Pinsk Orsha Mazyr "
    "Salihorsk Navapolatsk Lida Maladziechna Polatsk Zhlobin Svietlahorsk Rechytsa Slutsk "
    "Zhodzina Kobryn Slonim Vaukavysk Smarhon Hlybokaye Shklou Horki Ivatsevichy"
).split()
# (article, part, what it punishes, weight): the articles most used against political prisoners.
CHARGES = [
    ("342", "1", "organising or taking part in actions grossly violating public order", 30),
    ("361-1", "1", "creating or taking part in an extremist formation", 12),
    ("361-4", "1", "facilitating extremist activity", 10),
    ("130", "3", "inciting social hatred", 10),
    ("368", "1", "insulting the President", 10),
    ("369", "1", "insulting a public official", 8),
    ("367", "1", "defaming the President", 6),
    ("364", "1", "violence or threat of violence against a police officer", 6),
    ("293", "2", "taking part in mass riots", 5),
    ("361", "3", "calls for actions harming national security", 5),
    ("361-2", "1", "financing extremist activity", 4),
    ("295", "1", "illegal handling of weapons", 2),
    ("363", "1", "resisting a police officer", 2),
    ("356", "1", "treason", 2),
    ("357", "1", "conspiracy to seize power", 1),
    ("289", "2", "act of terrorism", 1),
]
COLONY_REGIMES = [("general", 40), ("reinforced", 45), ("strict", 15)]
QUALIFIERS = [("", 96), ("preparation", 2), ("attempt", 1), ("complicity", 1)]
SENTENCES = [  # (months, weight)
    (12, 6), (18, 8), (24, 12), (30, 10), (36, 14), (42, 8), (48, 10), (60, 9), (72, 7),
    (84, 5), (96, 4), (108, 2), (120, 2), (144, 1), (180, 1), (240, 0.5), (300, 0.3),
]  # fmt: skip
CITIZENSHIPS = [
    (["BY"], 94), (["BY", "PL"], 1.5), (["BY", "RU"], 1), (["BY", "LT"], 1), (["RU"], 0.8),
    (["UA"], 0.8), (["LT"], 0.5), (["PL"], 0.2), (["DE"], 0.1), (["US"], 0.1),
]  # fmt: skip
OCCUPATIONS = (
    "journalist|trade unionist|lawyer|student|teacher|doctor|IT specialist|factory worker|"
    "entrepreneur|artist|politician|pensioner|religious figure|scientist|musician"
).split("|")
#: Release kinds, their weights, and the outcomes of the people each frees (with weights).
RELEASE_KINDS = {
    "pardon": (40, [("released_in_country", 85), ("exit_ban", 8), ("unknown", 7)]),
    "pardon_expulsion": (
        25,
        [("deported", 88), ("refused_returned", 3), ("stayed_voluntarily", 4), ("unknown", 5)],
    ),
    "amnesty": (12, [("released_in_country", 95), ("unknown", 5)]),
    "parole": (10, [("released_in_country", 100)]),
    "health": (8, [("released_in_country", 100)]),
    "transfer": (5, [("deported", 95), ("unknown", 5)]),
}
CONCESSIONS = [
    ("sanctions_relief", "A state airline", "Sanctions relief for the national airline"),
    ("sanctions_relief", "A potash exporter", "Sanctions relief for potash exports"),
    ("delisting", "Officials", "Several officials removed from a sanctions list"),
    ("flights", "", "Overflight and landing rights restored"),
    ("diplomatic", "", "An embassy reopened and ambassadors exchanged"),
    ("other", "", "Spare parts for civilian aircraft allowed"),
]


def weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


def days(rng, low, high):
    return datetime.timedelta(days=rng.randint(low, high))


@dataclass(slots=True)
class DetentionPlan:
    detained_on: datetime.date
    place: str
    verdicts: list  # (kind, decided_on, months, sentence_kind, regime, court)
    charges: list  # (article, part, description, qualifier)
    natural_end: datetime.date | None  # arrest + term; None while no custodial term is known
    ended_on: datetime.date | None = None
    end_reason: str = ""
    released_to: str = ""


@dataclass(slots=True)
class PersonPlan:
    number: int
    gender: str
    forms: dict
    visibility: str
    withdrawn: bool
    birth_date: datetime.date | None
    birth_precision: str
    citizenships: list
    occupation: int | None
    detentions: list
    recognitions: list  # (recogniser, recognised_on, withdrawn_on)
    died_on: datetime.date | None = None
    freed: tuple | None = None  # (release number, outcome, destination)


@dataclass(slots=True)
class ReleasePlan:
    number: int
    released_on: datetime.date
    kind: str
    size: int
    published: bool
    destination: str
    broker: str
    freed: list = field(default_factory=list)  # person numbers
    omitted: list = field(default_factory=list)


def plan_detention(rng, detained_on):
    town = rng.choice(TOWNS)
    count = weighted(rng, [(1, 60), (2, 30), (3, 10)])
    charges = []
    for article, part, description, _ in rng.choices(CHARGES, [c[3] for c in CHARGES], k=count):
        if all(article != charge[0] for charge in charges):
            qualifier = weighted(rng, QUALIFIERS)
            charges.append((article, part, description, qualifier))
    detention = DetentionPlan(detained_on, town, [], charges, None)
    first = detained_on + days(rng, 60, 300)
    if first > HORIZON:
        return detention  # still before trial
    kind = weighted(rng, [("penal_colony", 88), ("prison", 5), ("restricted_freedom", 7)])
    regime = {"penal_colony": weighted(rng, COLONY_REGIMES), "prison": "prison"}.get(kind, "")
    months = weighted(rng, SENTENCES) if kind != "restricted_freedom" else rng.randint(24, 60)
    court = rng.choice([f"{town} District Court", f"{rng.choice(TOWNS[:7])} Regional Court"])
    detention.verdicts.append(("first_instance", first, months, kind, regime, court))
    if kind == "restricted_freedom":  # not custodial: freed from the courtroom
        detention.ended_on, detention.end_reason, detention.released_to = first, "other", "BY"
        detention.natural_end = first
        return detention
    term = months
    appeal = first + days(rng, 40, 120)
    if rng.random() < 0.3 and appeal <= HORIZON:
        term = months if rng.random() < 0.75 else max(6, months - rng.choice([6, 12]))
        detention.verdicts.append(("appeal", appeal, term, kind, regime, "Supreme Court"))
    added = first + days(rng, 200, 900)
    if rng.random() < 0.04 and added <= HORIZON:
        extra = rng.choice([6, 12, 18, 24])
        detention.verdicts.append(("added", added, extra, kind, regime, court))
        term += extra
    detention.natural_end = add_months(detained_on, term)
    return detention


def plan_person(seed, number):
    rng = random.Random(f"synthetic:{seed}:person:{number}")
    gender, forms = full_name(rng)
    year = rng.randint(1950, 2004)
    precision = weighted(rng, [("day", 85), ("year", 10), ("", 5)])
    birth = datetime.date(year, 1, 1) + days(rng, 0, 364) if precision == "day" else None
    birth = datetime.date(year, 1, 1) if precision == "year" else birth
    plan = PersonPlan(
        number=number,
        gender=gender,
        forms=forms,
        visibility=weighted(rng, [("published", 86), ("withheld", 8), ("draft", 6)]),
        withdrawn=rng.random() < 0.003,
        birth_date=birth,
        birth_precision=precision or "day",
        citizenships=weighted(rng, CITIZENSHIPS),
        occupation=rng.randrange(len(OCCUPATIONS)) if rng.random() < 0.35 else None,
        detentions=[],
        recognitions=[],
    )
    wanted = weighted(rng, [(1, 75), (2, 20), (3, 5)])
    if wanted == 1 and rng.random() < 0.5:
        arrest = WAVE[0] + days(rng, 0, (WAVE[1] - WAVE[0]).days)
    else:
        arrest = FIRST_ARREST + days(rng, 0, (HORIZON - FIRST_ARREST).days - 60)
    while True:
        detention = plan_detention(rng, arrest)
        plan.detentions.append(detention)
        end = detention.natural_end
        if detention.ended_on is None and end is not None and end <= HORIZON:
            # Provisional: a release may free the person earlier (assign_releases).
            detention.ended_on, detention.end_reason = end, "sentence_served"
            detention.released_to = "BY"
        following = (detention.ended_on or HORIZON) + days(rng, 30, 900)
        if len(plan.detentions) == wanted or detention.ended_on is None or following > HORIZON:
            break
        arrest = following
    last = plan.detentions[-1]
    if rng.random() < 0.004:  # died in custody
        until = min(last.natural_end or HORIZON, HORIZON)
        plan.died_on = min(until, last.detained_on + days(rng, 30, 900))
        last.ended_on, last.end_reason, last.released_to = plan.died_on, "died", ""
    if rng.random() < 0.75:
        recognised = last.detained_on + days(rng, 20, 200)
        if recognised <= HORIZON:
            withdrawn = recognised + days(rng, 100, 600) if rng.random() < 0.02 else None
            withdrawn = withdrawn if withdrawn and withdrawn <= HORIZON else None
            plan.recognitions.append(("viasna", recognised, withdrawn))
            if rng.random() < 0.12:
                plan.recognitions.append(("belarusian_hr", recognised, None))
    return plan


def plan_releases(rng, count, people):
    """Releases from 2021 to the horizon, more of them later (as in the real record), of 5 to
    500 people (log-uniform: most small, a few large), together freeing at most half of everyone."""
    span = (HORIZON - datetime.date(2021, 1, 1)).days
    kinds = [(kind, weight) for kind, (weight, _) in RELEASE_KINDS.items()]
    releases = []
    for number in range(count):
        # The first is an expulsion, so that even a small database has deported people and a deal.
        kind = "pardon_expulsion" if number == 0 else weighted(rng, kinds)
        deported = kind in ("pardon_expulsion", "transfer")
        releases.append(
            ReleasePlan(
                number=number,
                released_on=datetime.date(2021, 1, 1)
                + datetime.timedelta(days=int(span * rng.random() ** 0.6)),
                kind=kind,
                size=int(5 * 100 ** rng.random()),
                published=rng.random() < 0.94,
                destination=weighted(rng, [("LT", 70), ("PL", 20), ("DE", 5), ("US", 5)])
                if deported
                else "",
                broker="US" if deported and rng.random() < 0.6 else "",
            )
        )
    total = sum(release.size for release in releases)
    if total > len(people) // 2:
        for release in releases:
            release.size = max(5, release.size * (len(people) // 2) // total)
    releases.sort(key=lambda release: (release.released_on, release.number))
    for number, release in enumerate(releases):
        release.number = number
    return releases


def assign_releases(rng, releases, people):
    """Free, in each release, people held on its date (arrested at least two months before and
    not yet due out), and note a few left behind; end their detentions on that day."""
    candidates = sorted(
        (p for p in people if p.died_on is None),
        key=lambda p: (p.detentions[-1].detained_on, p.number),
    )
    pool, next_candidate = [], 0
    for release in releases:
        cutoff = release.released_on - datetime.timedelta(days=60)
        while (
            next_candidate < len(candidates)
            and candidates[next_candidate].detentions[-1].detained_on <= cutoff
        ):
            pool.append(candidates[next_candidate])
            next_candidate += 1
        outcomes = RELEASE_KINDS[release.kind][1]
        while len(release.freed) < release.size and pool:
            index = rng.randrange(len(pool))
            pool[index], pool[-1] = pool[-1], pool[index]
            person = pool.pop()
            last = person.detentions[-1]
            if last.natural_end is not None and last.natural_end <= release.released_on:
                continue  # already out: served the term (or freed by the court) before
            outcome = weighted(rng, outcomes)
            destination = release.destination if outcome == "deported" else ""
            person.freed = (release.number, outcome, destination)
            release.freed.append(person.number)
            if outcome != "refused_returned":  # the refusers go back into custody
                reason = "released_early" if release.kind in ("parole", "health") else "pardoned"
                last.ended_on, last.end_reason = release.released_on, reason
                last.released_to = destination or ("" if outcome == "unknown" else "BY")
        if release.published and pool and rng.random() < 0.15:
            left = {pool[rng.randrange(len(pool))].number for _ in range(rng.randint(1, 2))}
            release.omitted.extend(sorted(left))


@dataclass(slots=True)
class DealPlan:
    number: int
    releases: list
    announced_on: datetime.date
    parties: list
    published: bool
    announcer: int
    concessions: list = field(default_factory=list)


def plan_deals(rng, count, releases, actors):
    """Deals each buying one to three releases close in time, preferably ones that expelled
    people (a deal is announced with its first release)."""
    expelling = [release for release in releases if release.destination] or releases
    groups, start = [], 0
    while start < len(expelling):
        size = rng.randint(1, 3)
        groups.append(expelling[start : start + size])
        start += size
    deals = []
    chosen = rng.sample(groups, min(count, len(groups)))
    for number, bought in enumerate(sorted(chosen, key=lambda group: group[0].number)):
        first = bought[0].released_on
        deal = DealPlan(
            number=number,
            releases=[release.number for release in bought],
            announced_on=first - days(rng, 0, 10),
            parties=sorted({"BY", bought[0].broker or bought[0].destination}),
            published=rng.random() < 0.9,
            announcer=rng.randrange(actors),
        )
        for _ in range(rng.randint(1, 3)):
            kind, beneficiary, description = rng.choice(CONCESSIONS)
            deal.concessions.append((kind, beneficiary, description, first + days(rng, 0, 60)))
        deals.append(deal)
    return deals


def plan(seed, persons):
    """Everything to write: (people, releases, deals), the same for the same seed and size."""
    rng = random.Random(f"synthetic:{seed}")
    people = [plan_person(seed, number) for number in range(persons)]
    releases = plan_releases(rng, max(3, persons // 200), people)
    assign_releases(rng, releases, people)
    deals = plan_deals(rng, max(1, len(releases) // 10), releases, actors=actor_count(persons))
    return people, releases, deals


def actor_count(persons):
    """Envoys and officials who negotiate releases and announce deals."""
    return max(2, persons // 10000)
