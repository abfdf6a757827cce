"""Generative leak test: random ledgers, every public surface, nothing hidden in any response.

Hypothesis draws a ledger (prisoners and actors of every visibility, sometimes withdrawn; their
spellings, occupations, detentions and charges; releases with the freed, omissions, envoys and a
breakdown; deals with an announcer, concessions and releases; claims by anyone about anything;
citations of any record), builds it with the factories and renders every public surface: pages,
CSVs, every API list and record, the API's schema, both Atom feeds and every file of the dataset
bundle. No response may contain a token of anything the public may not see (a person who may not
be named, a non-public release or deal, a claim about or a citation of a non-public record, an
occupation no public person holds); no surface may answer 5xx; `public_objects`, `is_public` and
the rules written out in `build` must agree on every row. Every text is a unique token ("Zq" +
six letters, "Зщ" + six Cyrillic letters, slugs "zq-" + six letters) that no template contains,
so a substring search is unambiguous.

A random ledger ties a hidden person to a given relation only now and then, so each relation
through which a record names a person (an envoy, an announcer, a claimant, a claim's subject, a
citation, the freed and the left behind, a stay, a spelling, an identifier, a recognition, a
detention, an occupation) also has a test of its own, whose every example ties a person who may
not be named to public records through it and renders the surfaces that show it, pages in every
language. The tests at the end pin each known finding with fixed data.
"""

import csv
import datetime
import io
import re
import zipfile
from html import escape
from urllib.parse import quote, quote_plus, urlencode

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core.cache import caches
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from interchange.dataset.bundle import build_bundle
from ledger.publication import WITHHELD_PERSON
from prisoners.models import (
    Citation,
    Claim,
    Detention,
    DetentionEnd,
    IdentifierScheme,
    Person,
    PersonKind,
    Recogniser,
    Script,
    Status,
)
from prisoners.models import ReleaseOutcome as Outcome
from prisoners.models import Visibility as V
from releases.models import ConcessionKind, ReleasedPerson
from tests import factories as f
from tests.hostile import domain_models, public_addresses
from tests.hostile import text_fields as hostile_text_fields

CORE = st.text("bcdfghjkmnpqrstvwxz", min_size=6, max_size=6)
DAYS = st.dates(datetime.date(2020, 1, 1), datetime.date(2025, 12, 31))
COUNTRIES = ["LT", "PL", "US"]
ARTICLES = ["130", "342", "361-1"]
HIDDEN = (404, 410)
SELECT = re.compile(r'<select name="([^"]+)"[^>]*>(.*?)</select>', re.S)
OPTION = re.compile(r'<option value="([^"]*)"')
# Kinds of record a citation may support (a ledger also keeps "occupation" and "item" rows).
KINDS = "person detention release freed omission breakdown deal concession claim".split()
STATUS_AFTER = {  # a release outcome, or the country a detention ended into
    Outcome.DEPORTED: Status.DEPORTED,
    Outcome.REFUSED_RETURNED: Status.REFUSED_DEPORTATION,
    Outcome.RELEASED_IN_COUNTRY: Status.RELEASED_IN_COUNTRY,
    Outcome.STAYED_VOLUNTARILY: Status.RELEASED_IN_COUNTRY,
    Outcome.EXIT_BAN: Status.RELEASED_IN_COUNTRY,
    Outcome.UNKNOWN: Status.RELEASED,
    "BY": Status.RELEASED_IN_COUNTRY,
    "LT": Status.DEPORTED,
}


def public_models():
    return [model for model in apps.get_models() if hasattr(model, "public_condition")]


def filter_options(body):
    """{select name: [non-empty option values]} of a rendered filter form."""
    return {name: [v for v in OPTION.findall(inner) if v] for name, inner in SELECT.findall(body)}


def nameable(row):
    return row["visibility"] == V.PUBLISHED and row["withdrawn_at"] is None


def listed(row):
    return row["is_published"] and row["withdrawn_at"] is None


# Strategies: a ledger as plain data (factory arguments under "row", flags, and indices into the
# ledger's own lists); `build` makes the rows. Weighted so public and non-public records meet.


def some(items, max_size=3, values=None):
    """A set of `items` (a dict from them to `values` when given); empty when there are none."""
    if not items:
        return st.just({})
    keys = st.sampled_from(list(items))
    if values is None:
        return st.sets(keys, max_size=max_size)
    return st.dictionaries(keys, values, min_size=1, max_size=max_size)


def maybe(n):
    return st.none() | st.integers(0, n - 1)


def detention_row(detained_on, sentence_months, released_to):
    """An open detention, or one ended by a pardon into `released_to`."""
    row = {"detained_on": detained_on, "sentence_months": sentence_months}
    if released_to:
        ended_on = detained_on + datetime.timedelta(days=400)
        row.update(ended_on=ended_on, end_reason=DetentionEnd.PARDONED, released_to=released_to)
    return row


WITHDRAWN = st.sampled_from([None, None, None, datetime.datetime(2025, 12, 1, tzinfo=datetime.UTC)])
PUBLISHED = st.sampled_from([True, True, False])
PERSON_ROWS = st.builds(
    dict,
    kind=st.sampled_from([PersonKind.PRISONER, PersonKind.PRISONER, PersonKind.ACTOR]),
    visibility=st.sampled_from([V.PUBLISHED, V.PUBLISHED, V.DRAFT, V.WITHHELD]),
    withdrawn_at=WITHDRAWN,
    citizenships=st.lists(st.sampled_from(["BY", *COUNTRIES]), min_size=1, max_size=1),
)
DETENTIONS = st.builds(
    dict,
    row=st.builds(detention_row, DAYS, maybe(181), st.sampled_from(["", "", "BY", "LT"])),
    articles=some(ARTICLES, max_size=2),
)
RELEASE_ROWS = st.builds(
    dict,
    is_published=PUBLISHED,
    withdrawn_at=WITHDRAWN,
    released_on=DAYS,
    reported_count=st.none() | st.integers(1, 300),
    broker=st.sampled_from(["", *COUNTRIES]),
    destinations=st.lists(st.sampled_from(COUNTRIES), max_size=2, unique=True),
)
OUTCOMES = st.tuples(st.sampled_from([Outcome.DEPORTED, *Outcome.values]), st.just("LT"))
DEAL_ROWS = st.builds(
    dict,
    is_published=PUBLISHED,
    withdrawn_at=WITHDRAWN,
    announced_on=DAYS | st.none(),
    parties=st.lists(st.sampled_from(["BY", *COUNTRIES]), min_size=1, max_size=2, unique=True),
)
CLAIM_ROWS = st.builds(dict, value=maybe(2000), as_of=st.none() | DAYS)


def person_specs(n_occupations):
    return st.builds(
        dict,
        row=PERSON_ROWS,
        spellings=st.integers(1, 2),
        language=st.sampled_from(["be", "ru", "pl", "en"]),
        occupations=some(range(n_occupations)),
        detentions=st.lists(DETENTIONS, max_size=2),
    )


def release_specs(prisoners, n_people):
    return st.builds(
        dict,
        row=RELEASE_ROWS,
        published_first=st.booleans(),  # built public, its flags set by a later save
        freed=some(prisoners, max_size=4, values=OUTCOMES),  # {person: (outcome, destination)}
        omissions=some(prisoners, max_size=2),
        envoys=some(range(n_people), max_size=2),  # anyone, of any kind or visibility
        breakdown=st.booleans(),
    )


def deal_specs(n_people, n_releases):
    concessions = st.lists(st.sampled_from(ConcessionKind.values), max_size=2)
    return st.builds(
        dict,
        row=DEAL_ROWS,
        announced_by=maybe(n_people),  # anyone, of any kind or visibility
        concessions=concessions,
        releases=some(range(n_releases)),
    )


def claim_specs(subjects, n_people, n_sources):
    person, source = st.integers(0, n_people - 1), st.integers(0, n_sources - 1)
    by = st.tuples(person, st.none()) | st.tuples(st.none(), source) | st.tuples(person, source)
    subject = st.none() | st.sampled_from(subjects)  # None: a headline figure
    return st.builds(dict, row=CLAIM_ROWS, subject=subject, by=by)


@st.composite
def ledgers(draw):
    n_people, n_occupations, n_sources = (draw(st.integers(*r)) for r in [(1, 6), (0, 2), (1, 2)])
    spec = {"occupations": n_occupations, "sources": n_sources}
    people = spec["people"] = draw(
        st.lists(person_specs(n_occupations), min_size=n_people, max_size=n_people)
    )
    prisoners = [i for i, p in enumerate(people) if p["row"]["kind"] == PersonKind.PRISONER]
    releases = spec["releases"] = draw(st.lists(release_specs(prisoners, n_people), max_size=3))
    deals = spec["deals"] = draw(st.lists(deal_specs(n_people, len(releases)), max_size=2))
    counts = {"person": len(people), "release": len(releases), "deal": len(deals)}
    subjects = [(kind, i) for kind, n in counts.items() for i in range(n)]
    claims = st.lists(claim_specs(subjects, n_people, n_sources), min_size=1, max_size=4)
    spec["claims"] = draw(claims)
    cited = st.tuples(st.sampled_from(KINDS), st.integers(0, 99), st.integers(0, n_sources - 1))
    spec["citations"] = draw(st.lists(cited, min_size=1, max_size=5))
    tokens = 6 * n_people + 2 * n_occupations + 3 * len(releases) + 4 * len(deals)
    tokens += 2 * len(spec["claims"]) + len(spec["citations"])
    spec["cores"] = draw(st.lists(CORE, min_size=tokens, max_size=tokens, unique=True))
    return spec


class Ledger:
    """The rows built from a spec, which are public, and the tokens that must never show."""

    def __init__(self, cores):
        self.cores = iter(cores)
        self.secrets = {}  # lower-case token -> whose it is
        # kind -> [(row, public)]: every row built, and whether the public may see it
        self.records = {kind: [] for kind in [*KINDS, "occupation", "item", "stay", "recognition"]}
        self.statuses = {}  # person pk -> the statuses the public facts about them allow

    def word(self, prefix="Zq"):
        return prefix + next(self.cores)

    def word_list(self, n):
        return [self.word() for _ in range(n)]

    def hide(self, whose, *texts):
        self.secrets.update({token.lower(): whose for text in texts for token in text.split()})

    def add(self, kind, row, public, whose="", *texts):
        self.records[kind].append((row, public))
        if not public and whose:
            self.hide(whose, *texts)
        return row


def build(spec):
    """Create the rows; decide what is public by the rules of the brief, not the code's."""
    ledger = Ledger(spec["cores"])
    word, add, records = ledger.word, ledger.add, ledger.records
    sources = [f.SourceFactory() for _ in range(spec["sources"])]
    # One prison for everyone: its page lists whoever is held there, so it must name only the
    # public; each person is also recognised, so the recognised_by filter sees them all.
    ledger.facility = f.FacilityFactory()
    jobs = [f.OccupationFactory(name=word(), slug=word("zq-")) for _ in range(spec["occupations"])]
    people, public_jobs = [], set()
    for i, p in enumerate(spec["people"]):
        texts = [word(), word(), word(), word("zq-"), word(), word()][: 4 + p["spellings"]]
        name, role, slug = f"{texts[0]} {texts[1]}", texts[2], texts[3]
        person = f.PersonFactory(display_name=name, role=role, slug=slug, **p["row"])
        public = nameable(p["row"]) and p["row"]["kind"] == PersonKind.PRISONER
        people.append(add("person", person, public))
        ledger.statuses[person.pk] = {Status.HELD, Status.UNKNOWN}
        if not nameable(p["row"]):
            ledger.hide(f"person {i} {p['row']}", *texts)
        for spelling in texts[4:]:
            f.PersonNameFactory(person=person, name=spelling, language=p["language"])
        person.occupations.set([jobs[j] for j in p["occupations"]])
        public_jobs |= set(p["occupations"]) if public else set()
        for d in p["detentions"]:
            detention = add("detention", f.DetentionFactory(person=person, **d["row"]), public)
            for article in d["articles"]:
                f.ChargeFactory(detention=detention, article=article)
            if "released_to" in d["row"]:
                ledger.statuses[person.pk].add(STATUS_AFTER[d["row"]["released_to"]])
        if p["detentions"]:
            add("stay", f.StayFactory(person=person, facility=ledger.facility), public)
        add("recognition", f.RecognitionFactory(person=person), public)
    for j, job in enumerate(jobs):
        add("occupation", job, j in public_jobs, f"occupation {j}", job.name, job.slug)
    public_person = [public for _, public in records["person"]]
    for k, r in enumerate(spec["releases"]):
        title, slug, label, public = word(), word("zq-"), word(), listed(r["row"])
        first = {"is_published": True, "withdrawn_at": None} if r["published_first"] else {}
        release = f.ReleaseFactory(title=title, slug=slug, **{**r["row"], **first})
        for i, (outcome, country) in r["freed"].items():
            to = country if outcome == Outcome.DEPORTED else ""
            freed = f.ReleasedPersonFactory(
                release=release, person=people[i], outcome=outcome, destination=to
            )
            add("freed", freed, public and public_person[i])
            if public:  # an unpublished fact never changes a status
                ledger.statuses[people[i].pk].add(STATUS_AFTER.get(outcome, Status.UNKNOWN))
        for i in r["omissions"]:
            omission = f.NotableOmissionFactory(release=release, person=people[i])
            add("omission", omission, public and public_person[i])
        release.envoys.set([people[i] for i in r["envoys"]])
        if r["breakdown"]:
            breakdown = f.ReportedBreakdownFactory(release=release, label=label)
            add("breakdown", breakdown, public)
            add("item", f.BreakdownItemFactory(breakdown=breakdown), public)
        if first:  # unpublished or withdrawn after the freed were recorded
            release.is_published, release.withdrawn_at = (r["row"][key] for key in first)
            release.save()
        add("release", release, public, f"release {k} {r['row']}", title, slug, label)
    for k, d in enumerate(spec["deals"]):
        title, slug, beneficiaries, public = word(), word("zq-"), [word(), word()], listed(d["row"])
        announcer = None if d["announced_by"] is None else people[d["announced_by"]]
        deal = f.DealFactory(title=title, slug=slug, announced_by=announcer, **d["row"])
        deal.releases.set([records["release"][i][0] for i in d["releases"]])
        for kind, beneficiary in zip(d["concessions"], beneficiaries, strict=False):
            concession = f.ConcessionFactory(deal=deal, kind=kind, beneficiary=beneficiary)
            add("concession", concession, public)
        add("deal", deal, public, f"deal {k} {d['row']}", title, slug, *beneficiaries)
    for k, c in enumerate(spec["claims"]):
        topic, statement, (by_person, by_source) = word(), word(), c["by"]
        subject, public = (None, True)  # no subject: a headline figure
        if c["subject"]:
            subject, public = records[c["subject"][0]][c["subject"][1]]
        claim = f.ClaimFactory(
            topic=topic,
            statement=statement,
            claimed_by=None if by_source is None else sources[by_source],
            claimed_by_person=None if by_person is None else people[by_person],
            **c["row"],
            **({} if subject is None else {"subject": subject}),
        )
        add("claim", claim, public, f"claim {k} about {c['subject']}", topic, statement)
    for k, (kind, index, source) in enumerate(spec["citations"]):
        rows = records[kind] or records["person"]
        record, public = rows[index % len(rows)]
        title = word()
        f.CitationFactory(source=sources[source], content_object=record, title=title)
        if not public:
            ledger.hide(f"citation {k} of a non-public {kind}", title)
    ledger.sources = sources
    return ledger


# Rendering and checking, shared by the random ledgers and the tests of one relation each.


def body_text(response):
    """A response's text; for a spreadsheet (.xlsx: a zip of XML parts), that of every part."""
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    if raw.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(raw)) as book:
            return "".join(book.read(name).decode() for name in book.namelist())
    return raw.decode()


def visit(client, ledger, path, data=None, expect=(200,), echo=()):
    """GET a public surface and check it. `echo` is what the visitor typed (a query, a slug
    in the address), which the page may repeat back (the search box, the canonical link)."""
    response = client.get(path, data or {})
    where = f"{path}?{urlencode(data or {})}"
    assert response.status_code < 500, where
    assert response.status_code in expect, f"{where}: {response.status_code}"
    text = raw = body_text(response)
    for typed in echo:
        for form in {typed, quote(typed), quote_plus(typed), escape(typed)}:
            text = text.replace(form, "")
    leaks = {token: whose for token, whose in ledger.secrets.items() if token in text.lower()}
    assert not leaks, f"{where} shows {leaks}"
    return raw


def visit_list(client, ledger, name, typed=(), pages=None):
    """A list page and its CSV, then each option of its filter form (for citizenship, the
    countries in the data) and each typed (field, value) through the CSV (the same rows,
    every column) and, for the fields in `pages` (all when None), the page. A typed value
    may be echoed back, and may be no valid choice (a non-public slug): the CSV says 400."""
    page, export = reverse(f"{name}-list"), reverse(f"{name}-csv")
    options = filter_options(visit(client, ledger, page))
    visit(client, ledger, export)
    tries = {
        (field, value): ()
        for field, values in options.items()
        for value in values
        if field != "citizenship" or value in {"BY", *COUNTRIES}
    }
    tries.update({(field, value): (value,) for field, value in typed})
    api = API_LISTS[name]
    for (field, value), echo in tries.items():
        visit(client, ledger, export, {field: value}, (200, 400) if echo else (200,), echo)
        if pages is None or field in pages:
            visit(client, ledger, page, {field: value}, echo=echo)
            # The API serializes the rows of the same FilterSet as the CSV: its filters
            # are visited where the page's are.
            visit(client, ledger, api, {field: value}, (200, 400) if echo else (200,), echo)
    return options


def check_bundle(ledger):
    """Every file of the dataset bundle."""
    files = build_bundle(datetime.datetime(2026, 3, 19, tzinfo=datetime.UTC))
    for path, data in files.items():
        text = data.decode().lower()
        leaks = {token: whose for token, whose in ledger.secrets.items() if token in text}
        assert not leaks, f"the dataset's {path} shows {leaks}"


# Every test here renders dozens of responses per example. Hypothesis shrinks a failure by
# running the test again on smaller examples for up to five minutes (its own limit): a leak took
# over five minutes to report. Without the shrink phase (and the explain phase, which follows
# it) hypothesis stops at the first failing example and reports it as drawn, within seconds; the
# assertion names the token and whose it is, and the example is printed whole, which is enough
# to find the cause. No deadline: one example takes seconds, and its time is not what is tested.
LEAK_SETTINGS = settings(
    phases=[Phase.explicit, Phase.generate],
    deadline=None,
    derandomize=True,  # the same examples on every run: CI is deterministic
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# For the tests taking pytest's `client` and `db`, which all their examples share: each example
# rolls its own rows back.
FIXTURES_SHARED = settings(
    LEAK_SETTINGS,
    suppress_health_check=[
        *LEAK_SETTINGS.suppress_health_check,
        HealthCheck.function_scoped_fixture,
    ],
)


class TestNoLeaks(TestCase):
    # ~4 s an example (~110 responses): 6 keep the file near a minute. Each relation through
    # which a record names a person has its own test below: this one need not reach them by chance.
    @settings(LEAK_SETTINGS, max_examples=6)
    @given(ledgers())
    def test_public_surfaces_show_nothing_that_is_not_public(self, spec):
        # Each example is a new record, rolled back after it at the same site version: values
        # kept per version (ledger.caching.derived) would otherwise be the last example's.
        caches[django_settings.PAGE_CACHE_ALIAS].clear()
        ledger = build(spec)
        self.assert_projection_agrees(ledger)
        self.visit_people(ledger)
        self.visit_releases_and_deals(ledger)
        for url in ["pages:home", "prisoners:source-list", "pages:data"]:
            self.visit(ledger, reverse(url))
        self.visit(ledger, reverse("prisoners:facility-list"))
        self.visit(ledger, ledger.facility.get_absolute_url())
        for source in ledger.sources:
            self.visit(ledger, source.get_absolute_url())
        self.visit_open_data(ledger)

    def assert_projection_agrees(self, ledger):
        for model in public_models():
            assert hasattr(model, "is_public"), f"{model.__name__}: public_condition, no is_public"
            public = set(model.public_objects.values_list("pk", flat=True))
            for row in model.private_objects.all():
                assert row.is_public == (row.pk in public), f"{model.__name__} {row.pk}"
        for kind, rows in ledger.records.items():  # every generated row, by the rules in build
            for row, public in rows:
                assert type(row).public_objects.filter(pk=row.pk).exists() == public, (kind, row)
        for person in Person.private_objects.all():  # withheld statuses count in public figures
            assert person.status in ledger.statuses[person.pk], (person, person.status)

    def visit(self, ledger, *args, **kwargs):
        return visit(self.client, ledger, *args, **kwargs)

    def visit_list(self, ledger, *args, **kwargs):
        return visit_list(self.client, ledger, *args, **kwargs)

    def visit_people(self, ledger):
        people, releases, jobs = (ledger.records[k] for k in ("person", "release", "occupation"))
        typed = [("q", person.display_name) for person, _ in people]
        typed += [("occupation", job.slug) for job, _ in jobs]
        typed += [("release", release.slug) for release, _ in releases]
        typed += [("article", article) for article in ARTICLES]
        typed += [(field, "2022-06-01") for field in ("detained_from", "detained_to", "held_on")]
        typed += [(field, "5") for field in ("sentence_min", "sentence_max")]
        pages = {"q", "occupation", "release"}  # the rest through the CSV: the page is slow
        options = self.visit_list(ledger, "prisoners:person", typed, pages)
        assert set(options["occupation"]) == {job.slug for job, public in jobs if public}
        # One release is chosen by a link (typed above), not among options; years are.
        assert "release" not in options
        # "Freed in year" offers the years someone's custody ended: each must be the year of a
        # public release or an end of detention of a public person, never one only a hidden
        # person gives (a year would then point at them).
        public_people = Person.public_objects.values("pk")
        years = {
            str(outcome.release.released_on.year)
            for outcome in ReleasedPerson.public_objects.select_related("release")
        } | {
            str(detention.ended_on.year)
            for detention in Detention.private_objects.filter(
                person__in=public_people, ended_on__isnull=False
            )
        }
        assert set(options["released_in"]) <= years
        for person, public in people:
            url, expect = person.get_absolute_url(), (200,) if public else HIDDEN
            body = self.visit(ledger, url, expect=expect, echo=[person.slug])
            if public and Status.DEPORTED not in ledger.statuses[person.pk]:
                assert "Released and sent to" not in body, person.display_name

    def visit_releases_and_deals(self, ledger):
        deals = ledger.records["deal"]
        options = self.visit_list(ledger, "releases:release", [("deal", d.slug) for d, _ in deals])
        assert set(options["deal"]) == {deal.slug for deal, public in deals if public}
        years = {str(deal.announced_on.year) for deal, _ in deals if deal.announced_on}
        self.visit_list(ledger, "releases:deal", [("year", year) for year in years])
        for record, public in [*ledger.records["release"], *deals]:
            expect = (200,) if public else HIDDEN
            self.visit(ledger, record.get_absolute_url(), expect=expect, echo=[record.slug])

    def visit_open_data(self, ledger):
        """The API (every list, every record by its address, the schema whose filter choices
        list current values), both feeds, and every file of the dataset bundle."""
        lists = ["/api/facilities/", "/api/sources/", "/api/claims/", "/api/citations/"]
        for path in ["/api/", "/api/schema/", *API_LISTS.values(), *lists]:
            self.visit(ledger, path)
        records = [
            *(("people", p, p.slug, public) for p, public in ledger.records["person"]),
            *(("releases", r, r.slug, public) for r, public in ledger.records["release"]),
            *(("deals", d, d.slug, public) for d, public in ledger.records["deal"]),
            *(("claims", c, c.public_id, public) for c, public in ledger.records["claim"]),
            *(("citations", c, c.public_id, c.is_public) for c in Citation.private_objects.all()),
            ("facilities", ledger.facility, ledger.facility.slug, True),
            *(("sources", source, source.slug, True) for source in ledger.sources),
        ]
        for kind, _, key, public in records:
            expect = (200,) if public else (404,)
            self.visit(ledger, f"/api/{kind}/{key}/", expect=expect, echo=[str(key)])
        self.visit(ledger, reverse("feeds:releases"))
        for person, public in ledger.records["person"]:
            url = reverse("feeds:person", kwargs={"slug": person.slug})
            self.visit(ledger, url, expect=(200,) if public else HIDDEN, echo=[person.slug])
        check_bundle(ledger)


API_LISTS = {
    "prisoners:person": "/api/people/",
    "releases:release": "/api/releases/",
    "releases:deal": "/api/deals/",
}


# One relation at a time. The random ledgers above reach some of the ways a record names a
# person only rarely (a draft announcer printed by name on the deal page came up in 1 draw of
# 40), so each relation through which a record names a person has a test of its own: every
# example ties a person the public may not see (a draft, withheld or withdrawn prisoner or
# actor) to public records through that relation, amid public records drawn at random, and
# renders the surfaces that show the relation, pages in every language.

LANGUAGES = [code for code, _name in django_settings.LANGUAGES]
TRANSLATED = {"pages", "prisoners", "releases"}  # the URL namespaces served in every language
WHEN = datetime.datetime(2025, 12, 1, tzinfo=datetime.UTC)
# (visibility, withdrawn_at) of a person who may not be named.
NOT_NAMEABLE = [
    (V.DRAFT, None),
    (V.WITHHELD, None),
    (V.PUBLISHED, WHEN),
    (V.DRAFT, WHEN),
    (V.WITHHELD, WHEN),
]
CYRILLIC = str.maketrans("bcdfghjkmnpqrstvwxz", "бвгджзйклмнпрстфхцч")
TOKENS = st.lists(CORE, min_size=14, max_size=14, unique=True)


def hidden_people(start):
    """A person who may not be named: a prisoner or an actor, draft, withheld or withdrawn.
    Hypothesis tries its simplest draw first (the first of each list): each relation's lists
    start at its own place (`start`), so that the first examples of the relations between them
    meet every kind and state in every run, rather than all a draft prisoner."""
    kinds = [PersonKind.PRISONER, PersonKind.ACTOR]
    return st.builds(
        dict,
        kind=st.sampled_from(kinds[start % 2 :] + kinds[: start % 2]),
        state=st.sampled_from(NOT_NAMEABLE[start % 5 :] + NOT_NAMEABLE[: start % 5]),
        # Spellings in a reader's language become the name its pages show (`shown_name`).
        cyrillic=st.sampled_from(["be", "ru"]),
        latin=st.sampled_from(["pl", "en"]),
    )


SURROUNDINGS = st.builds(
    dict,
    prisoners=st.lists(
        st.builds(
            dict,
            detention=st.builds(detention_row, DAYS, maybe(181), st.sampled_from(["", "LT"])),
            freed=st.none() | st.sampled_from(Outcome.values),  # None: left behind
            held_here=st.booleans(),
            recognised=st.booleans(),
        ),
        min_size=1,
        max_size=2,
    ),
    release=st.builds(
        dict,
        released_on=DAYS,
        reported_count=st.none() | st.integers(1, 300),
        broker=st.sampled_from(["", *COUNTRIES]),
        destinations=st.lists(st.sampled_from(COUNTRIES), max_size=2, unique=True),
    ),
    deal=st.builds(dict, announced_on=DAYS | st.none(), parties=st.just(["US", "BY"])),
    envoy=st.booleans(),  # a published actor negotiated the release too
    headline=st.booleans(),  # a source's headline figure on the home page
)


def build_surroundings(ledger, spec):
    """Public records for the relation to join: a published release with its freed (and left
    behind), a deal that bought it, a source citing them, a facility holding some of them."""
    source, facility = f.SourceFactory(), f.FacilityFactory()
    release = f.ReleaseFactory(**spec["release"])
    deal = f.DealFactory(**spec["deal"])
    deal.releases.add(release)
    prisoners = []
    for p in spec["prisoners"]:
        person = f.PersonFactory()
        f.DetentionFactory(person=person, **p["detention"])
        if p["held_here"]:
            f.StayFactory(person=person, facility=facility)
        if p["recognised"]:
            f.RecognitionFactory(person=person)
        if p["freed"] is None:
            f.NotableOmissionFactory(release=release, person=person, reported_by=source)
        else:
            to = "LT" if p["freed"] == Outcome.DEPORTED else ""
            f.ReleasedPersonFactory(
                release=release, person=person, outcome=p["freed"], destination=to
            )
        f.CitationFactory(source=source, content_object=person)
        prisoners.append(person)
    if spec["envoy"]:
        release.envoys.add(f.ActorFactory(role="envoy"))
    if spec["headline"]:
        f.ClaimFactory(claimed_by=source)
    f.CitationFactory(source=source, content_object=release)
    ledger.around = {
        "source": source,
        "facility": facility,
        "release": release,
        "deal": deal,
        "prisoner": prisoners[0],
    }


def hidden_person(ledger, spec, whose):
    """A person who may not be named, with a spelling in each script: every one of their
    texts is a secret."""
    visibility, withdrawn_at = spec["state"]
    word = ledger.word
    name, patronymic, role, slug = f"{word()} {word()}", word(), word(), word("zq-")
    latin, cyrillic = word(), "Зщ" + next(ledger.cores).translate(CYRILLIC)
    person = f.PersonFactory(
        display_name=name,
        patronymic=patronymic,
        role=role,
        slug=slug,
        kind=spec["kind"],
        visibility=visibility,
        withdrawn_at=withdrawn_at,
    )
    f.PersonNameFactory(person=person, name=latin, language=spec["latin"], script=Script.LATIN)
    f.PersonNameFactory(
        person=person, name=cyrillic, language=spec["cyrillic"], script=Script.CYRILLIC
    )
    ledger.hide(whose, name, patronymic, role, slug, latin, cyrillic)
    person.spellings = [name, latin, cyrillic]
    return person


def api_url(record):
    kind = type(record)._meta.model_name
    key = (
        {"public_id": record.public_id} if kind in ("claim", "citation") else {"slug": record.slug}
    )
    return reverse(f"api:{kind}-detail", kwargs=key)


def prefixed(language, path):
    return path if language == django_settings.LANGUAGE_CODE else f"/{language}{path}"


class Surfaces:
    """What one relation's test renders: pages, each in every language, and the language-free
    surfaces (CSVs, the API, feeds); each as (path, query) -> (echo, expected statuses)."""

    def __init__(self):
        self.pages, self.data = {}, {}

    def page(self, path, query=None, echo=(), expect=(200,)):
        self.pages[path, tuple((query or {}).items())] = (tuple(echo), expect)
        return self

    def datum(self, path, query=None, echo=(), expect=(200,)):
        self.data[path, tuple((query or {}).items())] = (tuple(echo), expect)
        return self

    def people(self, query=None, echo=(), page=True):
        """The people list (filtered by `query`), its CSV and the API's list: one FilterSet,
        so the CSV (every column) may stand for the page (`page=False`). A typed value may be
        no valid choice (a non-public slug): the CSV and the API say 400."""
        expect = (200, 400) if echo else (200,)
        if page:
            self.page(reverse("prisoners:person-list"), query, echo)
        self.datum(reverse("prisoners:person-csv"), query, echo, expect)
        return self.datum(API_LISTS["prisoners:person"], query, echo, expect)

    def release(self, release):
        """A release's page, the list and the home page (the latest releases), its CSV, its
        record in the API and the feed of releases."""
        self.page(release.get_absolute_url()).page(reverse("releases:release-list")).page("/")
        self.datum(reverse("releases:release-csv")).datum(API_LISTS["releases:release"])
        return self.datum(api_url(release)).datum(reverse("feeds:releases"))

    def deal(self, deal):
        self.page(deal.get_absolute_url()).page(reverse("releases:deal-list"))
        self.datum(reverse("releases:deal-csv")).datum(API_LISTS["releases:deal"])
        return self.datum(api_url(deal))

    def person(self, person):
        """The person's own addresses: none answers for a person the public may not see."""
        self.page(person.get_absolute_url(), echo=[person.slug], expect=HIDDEN)
        self.datum(api_url(person), echo=[person.slug], expect=(404,))
        feed = reverse("feeds:person", kwargs={"slug": person.slug})
        return self.datum(feed, echo=[person.slug], expect=HIDDEN)

    def visit(self, client, ledger):
        for (path, query), (echo, expect) in self.data.items():
            visit(client, ledger, path, dict(query), expect, echo)
        check_bundle(ledger)
        # Last: a prefixed page leaves its language active in this thread (LocaleMiddleware).
        for (path, query), (echo, expect) in self.pages.items():
            for language in LANGUAGES:
                visit(client, ledger, prefixed(language, path), dict(query), expect, echo)


# The relations: each ties `person` (who may not be named) to the public surroundings, hides
# the texts it adds, and returns the surfaces that show it.


def envoy(ledger, person, draw):
    """Release.envoys: the release's page, the API and the dataset list its envoys; one who may
    not be named is shown as withheld, with no role that would point at them."""
    release = ledger.around["release"]
    release.envoys.add(person)
    return Surfaces().release(release)


def announcer(ledger, person, draw):
    """Deal.announced_by: printed beside the date the deal was announced (so it has one) on its
    page, in the deals' CSV and the API; the page of the release it bought shows the deal."""
    deal = ledger.around["deal"]
    deal.announced_by, deal.announced_on = person, draw(DAYS)
    deal.save()
    return Surfaces().deal(deal).release(ledger.around["release"])


def claimant(ledger, person, draw):
    """Claim.claimed_by_person: "According to ..." on the page of what the claim is about (the
    home page for a headline figure, the latest by its date), on the page of a source citing
    it and in the API."""
    around = ledger.around
    about = draw(st.sampled_from(["headline", "release", "deal", "prisoner"]))
    source = draw(st.sampled_from([None, None, around["source"]]))  # mostly the person alone
    subject = {} if about == "headline" else {"subject": around[about]}
    claim = f.ClaimFactory(claimed_by=source, claimed_by_person=person, as_of=draw(DAYS), **subject)
    f.CitationFactory(source=around["source"], content_object=claim)
    surfaces = Surfaces().page(claim.get_absolute_url()).page("/")
    surfaces.page(around["source"].get_absolute_url())
    surfaces.datum("/api/claims/").datum(api_url(claim)).datum("/api/citations/")
    return surfaces.datum(api_url(subject["subject"])) if subject else surfaces


def claim_about(ledger, person, draw):
    """Claim.subject: a claim about a person who may not be named is not public (its topic and
    statement speak of them), by whoever made it; nor is a citation of that claim."""
    around = ledger.around
    topic, statement, title = ledger.word(), ledger.word(), ledger.word()
    by = draw(st.sampled_from(["source", "prisoner"]))
    claimant = {"claimed_by": around["source"]}
    if by == "prisoner":
        claimant = {"claimed_by": None, "claimed_by_person": around["prisoner"]}
    claim = f.ClaimFactory(
        subject=person, topic=topic, statement=statement, as_of=draw(DAYS), **claimant
    )
    cited = f.CitationFactory(source=around["source"], content_object=claim, title=title)
    ledger.hide(f"a claim about them by the {by}, and its citation", topic, statement, title)
    surfaces = Surfaces().page("/").page(around["source"].get_absolute_url())
    surfaces.page(around["prisoner"].get_absolute_url())
    surfaces.datum("/api/claims/").datum("/api/claims/", {"about": "person"})
    surfaces.datum(api_url(claim), echo=[claim.public_id], expect=(404,))
    surfaces.datum("/api/citations/").datum(api_url(cited), echo=[cited.public_id], expect=(404,))
    return surfaces.datum(api_url(around["source"]))


def citation(ledger, person, draw):
    """Citation.content_object: a citation of a person who may not be named, or of one of their
    records, is not public (its title would point at them): not on the source's page, not on
    the page showing the record's neighbours, not in the API."""
    around = ledger.around
    release, facility, source = around["release"], around["facility"], around["source"]
    what = draw(st.sampled_from(["person", "detention", "stay", "recognition", "freed", "left"]))
    record = {
        "person": lambda: person,
        "detention": lambda: f.DetentionFactory(person=person),
        "stay": lambda: f.StayFactory(person=person, facility=facility),
        "recognition": lambda: f.RecognitionFactory(person=person),
        "freed": lambda: f.ReleasedPersonFactory(release=release, person=person),
        "left": lambda: f.NotableOmissionFactory(release=release, person=person),
    }[what]()
    title, quote = ledger.word(), ledger.word()
    cited = f.CitationFactory(source=source, content_object=record, title=title, quote=quote)
    ledger.hide(f"a citation of their {what}", title, quote)
    surfaces = Surfaces().page(source.get_absolute_url()).page(reverse("prisoners:source-list"))
    surfaces.page(release.get_absolute_url()).page(facility.get_absolute_url())
    surfaces.datum("/api/citations/").datum("/api/citations/", {"source": source.slug})
    surfaces.datum(api_url(cited), echo=[cited.public_id], expect=(404,))
    return surfaces.datum("/api/sources/").datum(api_url(source))


def freed(ledger, person, draw):
    """ReleasedPerson.person: the release's page names the freed who may be named and counts
    the others; the people list by release or by year, its CSV and the API list the freed."""
    release, outcome = ledger.around["release"], draw(st.sampled_from(Outcome.values))
    to, note = ("LT" if outcome == Outcome.DEPORTED else ""), ledger.word()
    f.ReleasedPersonFactory(
        release=release, person=person, outcome=outcome, destination=to, note=note
    )
    ledger.hide("a note on their release", note)
    day = release.released_on.isoformat()
    surfaces = Surfaces().release(release).people({"release": release.slug})
    return surfaces.people({"freed_from": day, "freed_to": day}, page=False)


def left_behind(ledger, person, draw):
    """NotableOmission.person: "Not freed" on the release's page names only who may be named,
    and the API's record of the release and the dataset likewise."""
    release, note = ledger.around["release"], ledger.word()
    f.NotableOmissionFactory(
        release=release, person=person, reported_by=ledger.around["source"], note=note
    )
    ledger.hide("a note on their being left behind", note)
    return Surfaces().release(release)


def stay(ledger, person, draw):
    """Stay.person: the facility's page lists who is held there now and earlier, and counts
    the withheld; the people list by facility, the facilities' API and the dataset read stays.
    The person is held (an open detention), as the page's list of the held asks."""
    facility, note = ledger.around["facility"], ledger.word()
    f.DetentionFactory(person=person, detained_on=draw(DAYS), sentence_months=draw(maybe(181)))
    until_on = draw(st.sampled_from([None, None, datetime.date(2025, 6, 1)]))
    f.StayFactory(person=person, facility=facility, until_on=until_on, note=note)
    ledger.hide("a note on their stay", note)
    surfaces = Surfaces().page(facility.get_absolute_url()).page(reverse("prisoners:facility-list"))
    surfaces.datum("/api/facilities/").datum(api_url(facility))
    return surfaces.people({"facility": facility.slug})


def spellings(ledger, person, draw):
    """PersonName: every spelling, in any script, is searchable: a search by a spelling of a
    person who may not be named finds no one, and shows back only what was typed."""
    surfaces = Surfaces()
    for spelling in person.spellings:
        surfaces.people({"q": spelling}, echo=[spelling])
    return surfaces


def identifier(ledger, person, draw):
    """ExternalIdentifier: an id in another database points at a person as surely as a name:
    never in the people list, its CSV, the API or the dataset for one who may not be named."""
    token = ledger.word()
    scheme = draw(st.sampled_from(IdentifierScheme.values))
    url = f"https://example.org/{token}"
    f.ExternalIdentifierFactory(person=person, scheme=scheme, identifier=token, url=url)
    ledger.hide("their identifier in another database", token)
    return Surfaces().people()


def recognition(ledger, person, draw):
    """Recognition: the people list by recogniser, its CSV, the API and the dataset list the
    recognised; never one who may not be named."""
    recogniser, note = draw(st.sampled_from(Recogniser.values)), ledger.word()
    f.RecognitionFactory(person=person, recogniser=recogniser, note=note)
    ledger.hide("a note on their recognition", note)
    return Surfaces().people({"recognised_by": recogniser})


def detention(ledger, person, draw):
    """Detention (its verdict and charges): the people list's filters by article, dates and
    sentence, its CSV, the API and the dataset read detentions; the home page counts them."""
    row = draw(st.builds(detention_row, DAYS, st.integers(1, 181), st.sampled_from(["", "LT"])))
    article, place, notes, description = draw(st.sampled_from(ARTICLES)), *ledger.word_list(3)
    held = f.DetentionFactory(person=person, place=place, notes=notes, **row)
    f.ChargeFactory(detention=held, article=article, description=description)
    ledger.hide("their detention", place, notes, description)
    surfaces = Surfaces().page("/").people({"article": article})
    day = (row["detained_on"] + datetime.timedelta(days=1)).isoformat()
    surfaces.people({"held_on": day}, page=False).people({"detained_from": day}, page=False)
    return surfaces.people({"sentence_min": row["sentence_months"] // 12}, page=False)


def occupation(ledger, person, draw):
    """Person.occupations: an occupation only people who may not be named hold is no filter
    choice (it would point at them), neither on the page nor in the API's schema."""
    job = f.OccupationFactory(name=ledger.word(), slug=ledger.word("zq-"))
    person.occupations.add(job)
    ledger.hide("their occupation, which no public person holds", job.name, job.slug)
    return Surfaces().people({"occupation": job.slug}, echo=[job.slug]).datum("/api/schema/")


RELATIONS = [envoy, announcer, claimant, claim_about, citation, freed, left_behind, stay]
RELATIONS += [spellings, identifier, recognition, detention, occupation]


@pytest.mark.parametrize("relation", RELATIONS, ids=lambda relation: relation.__name__)
@settings(FIXTURES_SHARED, max_examples=2)  # ~0.7 s an example
@given(data=st.data())
def test_no_relation_names_a_person_the_public_may_not_see(client, db, relation, data):
    """A person tied to public records through `relation` is still not named anywhere (in any
    spelling, nor by slug), and has no address of their own."""
    caches[django_settings.PAGE_CACHE_ALIAS].clear()  # values kept per (rolled back) version
    ledger = Ledger(data.draw(TOKENS, label="tokens"))
    with translation.override(django_settings.LANGUAGE_CODE), transaction.atomic():
        build_surroundings(ledger, data.draw(SURROUNDINGS, label="public surroundings"))
        spec = data.draw(hidden_people(RELATIONS.index(relation)), label="the person")
        person = hidden_person(ledger, spec, f"{relation.__name__}: {spec}")
        surfaces = relation(ledger, person, data.draw).person(person)
        surfaces.visit(client, ledger)
        transaction.set_rollback(True)


@settings(FIXTURES_SHARED, max_examples=2)  # ~2.5 s an example
@given(data=st.data())
def test_every_public_address_with_every_relation_at_once(client, db, data):
    """The surfaces each relation's test renders are those known to show it; a new page, or an
    old one that starts to show a relation, would escape them. So: a person who may not be
    named through each relation at once, and every public address of the URLconf
    (tests/hostile.py), pages in every language."""
    caches[django_settings.PAGE_CACHE_ALIAS].clear()
    tokens = st.lists(CORE, min_size=14 * len(RELATIONS), max_size=14 * len(RELATIONS), unique=True)
    ledger = Ledger(data.draw(tokens, label="tokens"))
    with translation.override(django_settings.LANGUAGE_CODE), transaction.atomic():
        build_surroundings(ledger, data.draw(SURROUNDINGS, label="public surroundings"))
        for start, relation in enumerate(RELATIONS):
            spec = data.draw(hidden_people(start), label=relation.__name__)
            relation(ledger, hidden_person(ledger, spec, f"{relation.__name__}: {spec}"), data.draw)
        around = ledger.around
        records = {kind: around[kind] for kind in ("release", "deal", "facility", "source")}
        records["person"] = around["prisoner"]
        for kind, model in (("claim", Claim), ("citation", Citation)):
            records[kind] = model.public_objects.order_by("pk").first()
        assert None not in records.values(), records  # the surroundings cite and claim
        surfaces = Surfaces()
        for name, path in public_addresses(records).items():
            # Exports (CSV, spreadsheets) are data, the same in every language.
            translated = name.split(":")[0] in TRANSLATED and "/export." not in path
            (surfaces.page if translated else surfaces.datum)(path)
        assert len(surfaces.pages) > 10 and len(surfaces.data) > 15, surfaces.__dict__
        surfaces.visit(client, ledger)
        transaction.set_rollback(True)


# Regression tests: one per known finding, with fixed data.


def get_text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return raw.decode()


@pytest.mark.parametrize("kind", [PersonKind.ACTOR, PersonKind.PRISONER])
def test_withheld_claimant_is_not_named_on_home_release_or_source_page(client, db, kind):
    claimant = f.PersonFactory(
        display_name="Zqwithheld Claimant", slug="zq-withheld", kind=kind, visibility=V.WITHHELD
    )
    source, release = f.SourceFactory(), f.ReleaseFactory()
    by_claimant = {"claimed_by": None, "claimed_by_person": claimant}
    headline = f.ClaimFactory(**by_claimant)
    about = f.ClaimFactory(topic="Who refused to leave", value=None, subject=release, **by_claimant)
    for claim in (headline, about):
        f.CitationFactory(source=source, content_object=claim)
    urls = ["/", release.get_absolute_url(), source.get_absolute_url()]
    home, release_page, source_page = (get_text(client, url) for url in urls)
    for body in (home, release_page, source_page):
        assert "Zqwithheld" not in body and "zq-withheld" not in body
    # Names are shown in bidi isolation (<bdi>), the withheld label like any name.
    assert f"According to <bdi>{WITHHELD_PERSON}</bdi>" in home
    assert f"According to <strong><bdi>{WITHHELD_PERSON}</bdi></strong>" in release_page
    assert "Who refused to leave" in source_page


def test_draft_announcer_is_not_named_on_the_deal_page_or_in_the_csv(client, db):
    announcer = f.ActorFactory(display_name="Zqdraft Announcer", visibility=V.DRAFT)
    deal = f.DealFactory(announced_by=announcer)
    page = get_text(client, deal.get_absolute_url())
    assert "Zqdraft" not in page and f"by <bdi>{WITHHELD_PERSON}</bdi>" in page
    export = get_text(client, reverse("releases:deal-csv"))
    [row] = csv.DictReader(io.StringIO(export))
    assert "Zqdraft" not in export and row["announced_by"] == WITHHELD_PERSON


def test_occupation_held_only_by_a_withheld_person_is_not_a_filter_choice(client, db):
    hidden = f.OccupationFactory(name="Zqhidden trade", slug="zq-hidden-trade")
    f.PersonFactory(visibility=V.WITHHELD).occupations.add(hidden)
    f.PersonFactory().occupations.add(f.OccupationFactory(name="journalist", slug="journalist"))
    body = get_text(client, reverse("prisoners:person-list"))
    assert filter_options(body)["occupation"] == ["journalist"]
    assert "Zqhidden" not in body and "zq-hidden-trade" not in body


@pytest.mark.parametrize("how", ["never published", "withdrawn", "unpublished later"])
def test_release_the_public_cannot_see_does_not_change_a_status(client, db, how):
    person = f.PersonFactory()
    f.DetentionFactory(person=person)  # still held: no end date
    release = f.ReleaseFactory(
        title="Zqsecret Release",
        is_published=how != "never published",
        withdrawn_at=timezone.now() if how == "withdrawn" else None,
    )
    f.ReleasedPersonFactory(release=release, person=person, outcome=Outcome.DEPORTED)
    if how == "unpublished later":
        assert Person.private_objects.get(pk=person.pk).status == Status.DEPORTED
        release.is_published = False
        release.save()
    assert Person.private_objects.get(pk=person.pk).status == Status.HELD
    page = get_text(client, person.get_absolute_url())
    assert "Released and sent to" not in page and "Zqsecret" not in page
    assert '<span class="status status-held">Held</span>' in page
    [row] = csv.DictReader(io.StringIO(get_text(client, reverse("prisoners:person-csv"))))
    assert (row["status"], row["status_country"], row["releases"]) == (Status.HELD, "", "")


def test_a_withheld_persons_citations_are_never_attached_or_shown(client, db):
    """The public test of a page's citations reads only the cited records' own rows; it still
    refuses a record that is not public, whichever records the page passes."""
    withheld = f.PersonFactory(display_name="Zqwithheld Person", visibility=V.WITHHELD)
    hidden_detention = f.DetentionFactory(person=withheld)
    shown = f.PersonFactory(display_name="Public Person")
    hidden_source = f.SourceFactory(name="Zqhidden outlet")
    for record in (withheld, hidden_detention):
        f.CitationFactory(content_object=record, source=hidden_source)
    f.CitationFactory(content_object=shown, source=f.SourceFactory(name="Public outlet"))
    records = Citation.public_objects.attach_to([withheld, hidden_detention, shown])
    cited = [[citation.source.name for citation in record.cited] for record in records]
    assert cited == [[], [], ["Public outlet"]]
    assert client.get(withheld.get_absolute_url()).status_code in HIDDEN
    page = get_text(client, shown.get_absolute_url())
    assert "Public outlet" in page and "Zqhidden" not in page and "Zqwithheld" not in page


# Free text (issue 21): prose names people too. A person the public may not see is planted, by
# each of their spellings and by a reference, in every text field an editor fills of every other
# record; no public surface, in any language, may show them (prisoners.mentions).

NAME_FIELDS = {"Person": {"display_name", "patronymic"}, "PersonName": {"name"}}


def plant_in_free_text(person, texts):
    """`texts` in turn in every text field of every row but the person's own names (a name
    field holds who a record is, not a mention), each with the row's id before it (unique
    fields stay unique) and words after it: '12 Zqabcdef Zqghjkmn wrote'."""
    turn, planted = 0, []
    for model in domain_models():
        fields = [
            field
            for field in hostile_text_fields(model)
            if field.name not in NAME_FIELDS.get(model.__name__, ())
        ]
        for pk in model._base_manager.values_list("pk", flat=True):
            if model is Person and pk == person.pk:
                continue
            values = {}
            for field in fields:
                text, turn = texts[turn % len(texts)], turn + 1
                values[field.name] = f"{pk} {text} wrote"[: field.max_length or None]
            if values:
                model._base_manager.filter(pk=pk).update(**values)
                planted.append((model.__name__, sorted(values)))
    return planted


@settings(FIXTURES_SHARED, max_examples=3)  # ~4 s an example
@given(data=st.data())
def test_a_hidden_persons_spellings_in_every_text_field_show_nowhere(client, db, data):
    """Every public address of the URLconf (pages in every language), the feeds, the CSVs and
    spreadsheets, the API and the bundle: none shows a spelling (in any script, declined) or
    the slug of a person who may not be named, written into any other record's free text."""
    caches[django_settings.PAGE_CACHE_ALIAS].clear()
    ledger = Ledger(data.draw(TOKENS, label="tokens"))
    with translation.override(django_settings.LANGUAGE_CODE), transaction.atomic():
        build_surroundings(ledger, data.draw(SURROUNDINGS, label="public surroundings"))
        spec = data.draw(hidden_people(0), label="the person")
        person = hidden_person(ledger, spec, f"free text: {spec}")
        surname = person.spellings[0].split()[-1]
        declined = "Зщ" + next(ledger.cores).translate(CYRILLIC)
        f.PersonNameFactory(person=person, name=f"Мария {declined}а", language="ru")
        ledger.hide("their surname, declined", declined)
        around = ledger.around
        f.ConcessionFactory(deal=around["deal"])
        claim = f.ClaimFactory(claimed_by=around["source"], subject=around["release"])
        f.CitationFactory(source=around["source"], content_object=claim)
        f.ReportedBreakdownFactory(release=around["release"], reported_by=around["source"])
        texts = [*person.spellings, f"[[person:{person.slug}]]", f"{surname.upper()}'s"]
        texts += [f"Марии {declined}ой", person.spellings[0].replace(" ", "\n  ")]
        planted = plant_in_free_text(person, texts)
        kinds = {"Release", "Deal", "Concession", "Claim", "Citation", "Source", "Facility"}
        kinds |= {"Person", "Detention", "ReportedBreakdown"}
        assert kinds <= {model for model, _fields in planted}, planted
        records = {kind: around[kind] for kind in ("release", "deal", "facility", "source")}
        records["person"] = around["prisoner"]
        for kind, model in (("claim", Claim), ("citation", Citation)):
            records[kind] = model.public_objects.order_by("pk").first()
        surfaces = Surfaces()
        for name, path in public_addresses(records).items():
            translated = name.split(":")[0] in TRANSLATED and "/export." not in path
            (surfaces.page if translated else surfaces.datum)(path)
        surfaces.datum(reverse("feeds:person", kwargs={"slug": around["prisoner"].slug}))
        surfaces.visit(client, ledger)
        transaction.set_rollback(True)


def test_planted_free_text_shows_the_withheld_label_where_the_name_was(client, db):
    """The redaction replaces the name, not the text around it (the test above could pass on
    a surface that showed no text at all)."""
    person = f.PersonFactory(display_name="Zqhidden Person", visibility=V.WITHHELD)
    release = f.ReleaseFactory(summary="Talks freed Zqhidden Person and [[person:zq-none]].")
    page = get_text(client, release.get_absolute_url())
    assert "Talks freed [name withheld] and [name withheld]." in page
    api = client.get(reverse("api:release-detail", kwargs={"slug": release.slug})).json()
    assert api["summary"] == "Talks freed [name withheld] and [name withheld]."
    assert person.visibility == V.WITHHELD
