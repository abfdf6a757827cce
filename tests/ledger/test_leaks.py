"""Generative leak test: random ledgers, every public surface, nothing hidden in any response.

Hypothesis draws a ledger (prisoners and actors of every visibility, sometimes withdrawn; their
spellings, occupations, detentions and charges; releases with the freed, omissions, envoys and a
breakdown; deals with an announcer, concessions and releases; claims by anyone about anything;
citations of any record), builds it with the factories and renders every public surface: pages,
CSVs, every API list and record, the API's schema, both Atom feeds and every file of the dataset
bundle. No
response may contain a token of anything the public may not see (a person who may not be named,
a non-public release or deal, a claim about or a citation of a non-public record, an occupation
no public person holds); no surface may answer 5xx; `public_objects`, `is_public` and the rules
written out in `build` must agree on every row. Every text is a unique token ("Zq" + six
letters, slugs "zq-" + six letters) that no template contains, so a substring search is
unambiguous. The tests at the end pin each known finding with fixed data.
"""

import csv
import datetime
import io
import re
from html import escape
from urllib.parse import quote, quote_plus, urlencode

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from interchange.dataset.bundle import build_bundle
from ledger.publication import WITHHELD_PERSON
from prisoners.models import Citation, DetentionEnd, Person, PersonKind, Status
from prisoners.models import ReleaseOutcome as Outcome
from prisoners.models import Visibility as V
from releases.models import ConcessionKind
from tests import factories as f

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


class TestNoLeaks(TestCase):
    @settings(
        max_examples=40,  # the file: ~35 s on SQLite, ~45 s on PostgreSQL (2 cores), before the API
        deadline=None,
        derandomize=True,  # the same examples on every run: CI is deterministic
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
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

    def visit(self, ledger, path, data=None, expect=(200,), echo=()):
        """GET a public surface and check it. `echo` is what the visitor typed (a query, a slug
        in the address), which the page may repeat back (the search box, the canonical link)."""
        response = self.client.get(path, data or {})
        where = f"{path}?{urlencode(data or {})}"
        assert response.status_code < 500, where
        assert response.status_code in expect, f"{where}: {response.status_code}"
        raw = b"".join(response.streaming_content) if response.streaming else response.content
        text = raw = raw.decode()
        for typed in echo:
            for form in {typed, quote(typed), quote_plus(typed), escape(typed)}:
                text = text.replace(form, "")
        leaks = {token: whose for token, whose in ledger.secrets.items() if token in text.lower()}
        assert not leaks, f"{where} shows {leaks}"
        return raw

    def visit_list(self, ledger, name, typed=(), pages=None):
        """A list page and its CSV, then each option of its filter form (for citizenship, the
        countries in the data) and each typed (field, value) through the CSV (the same rows,
        every column) and, for the fields in `pages` (all when None), the page. A typed value
        may be echoed back, and may be no valid choice (a non-public slug): the CSV says 400."""
        page, export = reverse(f"{name}-list"), reverse(f"{name}-csv")
        options = filter_options(self.visit(ledger, page))
        self.visit(ledger, export)
        tries = {
            (field, value): ()
            for field, values in options.items()
            for value in values
            if field != "citizenship" or value in {"BY", *COUNTRIES}
        }
        tries.update({(field, value): (value,) for field, value in typed})
        api = API_LISTS[name]
        for (field, value), echo in tries.items():
            self.visit(ledger, export, {field: value}, (200, 400) if echo else (200,), echo)
            if pages is None or field in pages:
                self.visit(ledger, page, {field: value}, echo=echo)
                # The API serializes the rows of the same FilterSet as the CSV: its filters
                # are visited where the page's are.
                self.visit(ledger, api, {field: value}, (200, 400) if echo else (200,), echo)
        return options

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
        years = {str(release.released_on.year) for release, public in releases if public}
        assert set(options["released_in"]) == years
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
            *(("claims", c, c.pk, public) for c, public in ledger.records["claim"]),
            *(("citations", c, c.pk, c.is_public) for c in Citation.private_objects.all()),
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
        files = build_bundle(datetime.datetime(2026, 3, 19, tzinfo=datetime.UTC))
        for path, data in files.items():
            text = data.decode().lower()
            leaks = {token: whose for token, whose in ledger.secrets.items() if token in text}
            assert not leaks, f"the dataset's {path} shows {leaks}"


API_LISTS = {
    "prisoners:person": "/api/people/",
    "releases:release": "/api/releases/",
    "releases:deal": "/api/deals/",
}


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
