"""The seed fixture (fixtures/article.yaml) loads and says what the article and fact sheet say."""

import datetime
from pathlib import Path

import pytest
import yaml
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from prisoners.models import (
    Assessment,
    Charge,
    Citation,
    Claim,
    DatePrecision,
    Detention,
    DetentionEnd,
    Person,
    PersonKind,
    PersonName,
    ReleaseOutcome,
    Source,
    Status,
    ValueQualifier,
    Visibility,
)
from prisoners.presentation import figure_text
from releases.models import (
    BreakdownItem,
    Concession,
    ConcessionKind,
    Deal,
    NotableOmission,
    Release,
    ReleasedPerson,
    ReportedBreakdown,
)
from tests.factories import load_article

pytestmark = pytest.mark.django_db

# The seed the fixtures derive from, kept in the repository so the tests stand alone.
SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed"
ARTICLE_URL = (
    "https://brusselssignal.eu/2025/09/trump-secures-release-of-52-political-prisoners-from-belarus"
)
SEPTEMBER = datetime.date(2025, 9, 11)
JUNE = datetime.date(2025, 6, 21)
DECEMBER = datetime.date(2025, 12, 13)

PRISONERS = {
    "ales-bialiatski",
    "maria-kalesnikava",
    "mikalai-statkevich",
    "uladzimir-matskevich",
    "maksim-viniarski",
    "henadz-fiadynich",
    "andrzej-poczobut",
    "siarhei-tsikhanouski",
    "ihar-losik",
    "aliaksandr-yarashuk",
    "mikalai-dziadok",
    "iryna-slaunikava",
    "elena-ramanauskiene",
    "emils-asars",
    "ivars-sumass",
    "ihar-karnei",
}
ACTORS = {
    "alexander-lukashenko",
    "donald-trump",
    "natalya-eismont",
    "pawel-zalewski",
    "sviatlana-tsikhanouskaya",
    "john-coale",
    "keith-kellogg",
    "christopher-w-smith",
    "gitanas-nauseda",
}


@pytest.fixture(autouse=True)
def article_data(db):
    load_article()


def person(slug):
    return Person.private_objects.get(slug=slug)


def release_on(date):
    return Release.private_objects.get(released_on=date)


def citations_for(obj):
    return Citation.private_objects.for_object(obj)


def article_text():
    path = SEED / "article.txt"
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path.read_text(encoding="utf-8")


# --- Loading ------------------------------------------------------------------------------------


def test_every_model_has_rows():
    for model in (
        Source,
        Person,
        PersonName,
        Detention,
        Charge,
        Release,
        ReleasedPerson,
        ReportedBreakdown,
        BreakdownItem,
        NotableOmission,
        Deal,
        Concession,
        Claim,
        Citation,
    ):
        assert model._default_manager.exists(), model.__name__


def test_loading_twice_changes_nothing():
    counts = {model: model._default_manager.count() for model in (Person, Citation, Claim, Release)}
    call_command("loaddata", "article", verbosity=0)
    assert counts == {model: model._default_manager.count() for model in counts}


# --- Releases -----------------------------------------------------------------------------------


def test_september_release_as_reported():
    september = Release.private_objects.with_counts().get(released_on=SEPTEMBER)
    assert september.is_published
    assert september.reported_count == 52
    assert september.reported_count_source.slug == "us-embassy-vilnius"
    assert [str(country) for country in september.destinations] == ["LT"]
    assert str(september.releasing_state) == "BY"
    assert str(september.broker) == "US"
    assert september.broker_description == "United States (Trump administration)"
    assert {envoy.slug for envoy in september.envoys.all()} == {"john-coale"}
    # 52 reported, far fewer named: the gap is the point of keeping both figures.
    assert september.named_count == 11
    assert september.named_count < september.reported_count


def test_june_release_as_reported():
    june = Release.private_objects.with_counts().get(released_on=JUNE)
    assert june.is_published
    assert june.reported_count == 14
    assert [str(country) for country in june.destinations] == ["LT"]
    assert june.broker_description == "United States (Trump administration)"
    assert {envoy.slug for envoy in june.envoys.all()} == {
        "keith-kellogg",
        "john-coale",
        "christopher-w-smith",
    }
    assert june.named_count == 2
    tsikhanouski = june.freed.get(person__slug="siarhei-tsikhanouski")
    assert tsikhanouski.outcome == ReleaseOutcome.DEPORTED
    assert str(tsikhanouski.destination) == "LT"


def test_envoys_are_actors():
    for release in Release.private_objects.all():
        assert all(envoy.kind == PersonKind.ACTOR for envoy in release.envoys.all())


def test_december_release_frees_bialiatski_and_kalesnikava():
    december = release_on(DECEMBER)
    assert december.reported_count == 123
    outcomes = {
        freed.person.slug: (freed.outcome, str(freed.destination)) for freed in december.freed.all()
    }
    assert outcomes["ales-bialiatski"] == (ReleaseOutcome.DEPORTED, "LT")
    assert outcomes["maria-kalesnikava"] == (ReleaseOutcome.DEPORTED, "UA")
    assert person("ales-bialiatski").status_country == "LT"
    assert person("maria-kalesnikava").status_country == "UA"


def test_september_outcomes():
    outcomes = {
        freed.person.slug: (freed.outcome, str(freed.destination))
        for freed in release_on(SEPTEMBER).freed.all()
    }
    assert outcomes["mikalai-statkevich"] == (ReleaseOutcome.REFUSED_RETURNED, "")
    for slug in ("uladzimir-matskevich", "maksim-viniarski", "henadz-fiadynich"):
        assert outcomes[slug] == (ReleaseOutcome.DEPORTED, "LT"), slug


# --- Breakdowns and omissions -------------------------------------------------------------------


def test_foreign_nationals_as_stated_in_the_article():
    breakdown = ReportedBreakdown.private_objects.get(
        release__released_on=SEPTEMBER, label="Foreign nationals"
    )
    assert breakdown.reported_by.slug == "belta"
    assert breakdown.total == 14
    assert breakdown.items_partition_total
    assert {str(item.country): item.count for item in breakdown.items.all()} == {
        "LT": 6,
        "LV": 2,
        "DE": 2,
        "FR": 1,
        "GB": 1,
    }
    assert breakdown.items_sum == 12
    assert breakdown.unaccounted == 2
    assert "article" in breakdown.note


def test_full_belta_breakdown_accounts_for_all_fourteen():
    breakdown = ReportedBreakdown.private_objects.get(
        release__released_on=SEPTEMBER, label__startswith="Foreign nationals (full"
    )
    assert breakdown.reported_by.slug == "belta"
    assert {str(item.country): item.count for item in breakdown.items.all()}["PL"] == 2
    assert breakdown.unaccounted == 0
    assert "press.lv" in citations_for(breakdown).get().url


def test_polish_mfa_breakdown_has_overlapping_categories():
    breakdown = ReportedBreakdown.private_objects.get(
        release__released_on=SEPTEMBER, reported_by__slug="polish-mfa"
    )
    assert breakdown.total is None
    assert not breakdown.items_partition_total
    assert breakdown.unaccounted is None
    counts = sorted(item.count for item in breakdown.items.all())
    assert counts == [3, 8]
    assert breakdown.items.get(count=3).country == "PL"


def test_june_foreign_nationals():
    breakdown = ReportedBreakdown.private_objects.get(release__released_on=JUNE)
    assert breakdown.total == 10
    assert citations_for(breakdown).exists()


def test_three_named_omissions_in_september():
    omissions = {
        omission.person.slug: omission.reported_by.slug
        for omission in release_on(SEPTEMBER).omissions.all()
    }
    assert omissions == {
        "ales-bialiatski": "brussels-signal",
        "maria-kalesnikava": "brussels-signal",
        "andrzej-poczobut": "polish-mfa",
    }


# --- Deals --------------------------------------------------------------------------------------


def test_belavia_deal_bought_the_september_release():
    deal = Deal.private_objects.get(slug="belavia-sanctions-relief-gl-11")
    assert deal.is_published
    assert {str(country) for country in deal.parties} == {"US", "BY"}
    assert deal.announced_on == SEPTEMBER
    assert deal.announced_by.slug == "john-coale"
    assert deal.instrument == "OFAC Belarus General License No. 11"
    assert list(deal.releases.all()) == [release_on(SEPTEMBER)]
    assert deal in release_on(SEPTEMBER).deals.all()
    concession = deal.concessions.get()
    assert concession.kind == ConcessionKind.SANCTIONS_RELIEF
    assert concession.beneficiary == "Belavia Belarusian Airlines"
    assert concession.effective_on == SEPTEMBER
    assert Deal.private_objects.with_freed_totals().get(pk=deal.pk).reported_freed == 52


def test_delisting_is_not_tied_to_a_release():
    concession = Concession.private_objects.get(kind=ConcessionKind.DELISTING)
    assert concession.effective_on == datetime.date(2025, 11, 4)
    assert "no source" in concession.description.lower()
    assert not concession.deal.releases.exists()


# --- People and statuses ------------------------------------------------------------------------


def test_every_status_cache_matches_its_derivation():
    for each in Person.private_objects.all():
        status, country = each.derive_status()
        assert each.status == status, each.slug
        assert str(each.status_country or "") == str(country or ""), each.slug


def test_statkevich_refused_and_was_later_released_home():
    statkevich = person("mikalai-statkevich")
    detention = statkevich.detentions.get()
    # The 2020 detention stays open through the refusal of 11 September 2025.
    assert detention.detained_on == datetime.date(2020, 5, 31)
    assert detention.ended_on == datetime.date(2026, 2, 19)
    assert detention.end_reason == DetentionEnd.RELEASED_EARLY
    assert str(detention.released_to) == "BY"
    statuses = [event[2] for event in statkevich.custody_events()]
    assert statuses == [Status.HELD, Status.REFUSED_DEPORTATION, Status.RELEASED_IN_COUNTRY]
    assert statkevich.derive_status() == (Status.RELEASED_IN_COUNTRY, "")
    assert statkevich.status == Status.RELEASED_IN_COUNTRY


def test_poczobut_is_still_held():
    poczobut = person("andrzej-poczobut")
    assert poczobut.status == Status.HELD
    detention = poczobut.detentions.get()
    assert detention.ended_on is None
    assert detention.sentence_months == 96
    assert detention.detained_on.year == 2021


def test_unverified_article_part_is_not_asserted():
    charge = Charge.private_objects.get(detention__person__slug="andrzej-poczobut", article="361")
    assert charge.part == ""
    assert "not verified" in charge.description


def test_tsikhanouski_sentence_in_months():
    detention = person("siarhei-tsikhanouski").detentions.get()
    assert detention.sentence_months == 234
    assert detention.ended_on == JUNE
    assert str(detention.released_to) == "LT"


def test_actors_are_not_prisoners():
    prisoners = set(Person.private_objects.prisoners().values_list("slug", flat=True))
    assert prisoners == PRISONERS
    assert not prisoners & ACTORS
    actors = set(
        Person.private_objects.filter(kind=PersonKind.ACTOR).values_list("slug", flat=True)
    )
    assert actors == ACTORS


def test_everyone_is_published():
    assert not Person.private_objects.exclude(visibility=Visibility.PUBLISHED).exists()
    assert Person.private_objects.nameable().count() == len(PRISONERS) + len(ACTORS)


def test_every_non_actor_has_a_citation():
    for each in Person.private_objects.prisoners():
        assert citations_for(each).exists(), each.slug


def test_every_record_has_a_citation():
    for model in (
        Detention,
        Release,
        ReleasedPerson,
        ReportedBreakdown,
        NotableOmission,
        Deal,
        Concession,
        Claim,
    ):
        content_type = ContentType.objects.get_for_model(model)
        cited = set(
            Citation.private_objects.filter(content_type=content_type).values_list(
                "object_id", flat=True
            )
        )
        missing = set(model._default_manager.values_list("pk", flat=True)) - cited
        assert not missing, f"{model.__name__} without a citation: {sorted(missing)}"


def test_citations_point_at_existing_records():
    for citation in Citation.private_objects.all():
        assert citation.content_object is not None, citation.pk


def test_no_derived_name_is_attested():
    assert not PersonName.private_objects.filter(name__icontains="derived").exists()
    path = SEED / "facts.yaml"
    if not path.exists():
        pytest.skip(f"{path} is not available")
    derived = []

    def walk(value):
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str) and value.endswith("(derived)"):
            derived.append(value.removesuffix("(derived)").strip())

    for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["persons"]:
        walk(entry.get("spellings", {}))
    assert derived
    for name in derived:
        rows = PersonName.private_objects.filter(name=name)
        assert rows.exists(), name
        # A derived spelling may coincide with an attested one in another language (Aleś
        # Bialacki is attested in Polish); in the language it was derived for it is not attested.
        assert rows.filter(is_attested=False).exists(), name


def test_lacinka_is_belarusian_in_latin_script():
    lacinka = PersonName.private_objects.filter(note__icontains="Łacinka")
    assert lacinka.exists()
    assert set(lacinka.values_list("language", "script")) == {("be", "Latn")}


# --- Claims -------------------------------------------------------------------------------------


def test_refused_to_leave_claims_stand_side_by_side():
    claims = Claim.private_objects.about(release_on(SEPTEMBER)).filter(
        topic="Who refused to leave Belarus", value__isnull=False
    )
    by_value = {claim.value: claim for claim in claims}
    assert set(by_value) == {4, 1}
    article_claim, later_claim = by_value[4], by_value[1]
    assert article_claim.claimed_by.slug == "belsat"
    assert article_claim.assessment == Assessment.CONTRADICTED
    assert article_claim.assessment_note
    assert later_claim.claimed_by.slug == "the-insider"
    assert later_claim.assessment == Assessment.CORROBORATED
    assert article_claim.claimed_by != later_claim.claimed_by
    assert citations_for(article_claim).get().source.slug == "brussels-signal"
    assert {c.source.slug for c in citations_for(later_claim)} == {"the-insider", "reuters"}


def test_viasna_headline_figure():
    claim = Claim.private_objects.headline().get(claimed_by__slug="viasna", value=1100)
    assert claim.topic == "Political prisoners held in Belarus"
    assert claim.value_qualifier == ValueQualifier.MORE_THAN
    assert figure_text(claim) == "more than 1,100"
    assert claim.as_of == datetime.date(2025, 9, 1)
    assert claim.as_of_precision == DatePrecision.MONTH
    assert citations_for(claim).get().url == ARTICLE_URL


def test_other_headline_figures_are_by_people():
    headline = Claim.private_objects.headline()
    assert headline.get(claimed_by_person__slug="gitanas-nauseda").value == 1000
    trump = headline.get(claimed_by_person__slug="donald-trump")
    assert (trump.value, trump.value_qualifier) == (1400, ValueQualifier.ABOUT)
    # Viasna's dated figures have no source in the fact sheet: only the article's figure is kept.
    viasna = headline.filter(claimed_by__slug="viasna")
    assert list(viasna.values_list("value", flat=True)) == [1100]


def test_polish_citizens_claims_disagree():
    claims = Claim.private_objects.about(release_on(SEPTEMBER)).filter(
        topic="Polish citizens among the freed"
    )
    assert {(claim.claimed_by.slug, claim.value) for claim in claims} == {
        ("polish-mfa", 3),
        ("belta", 2),
    }


def test_belavia_flights_claim_is_disputed():
    deal = Deal.private_objects.get(slug="belavia-sanctions-relief-gl-11")
    claim = Claim.private_objects.about(deal).get(claimed_by__slug="brussels-signal")
    assert claim.topic == "Concessions"
    assert "flights" in claim.statement
    assert claim.assessment == Assessment.DISPUTED
    assert "not supported" in claim.assessment_note.lower()


def test_zalewski_claim_about_poczobut():
    claim = Claim.private_objects.about(person("andrzej-poczobut")).get()
    assert claim.claimed_by_person.slug == "pawel-zalewski"
    assert citations_for(claim).get().url == ARTICLE_URL


def test_every_claim_has_a_claimant_and_a_citation():
    for claim in Claim.private_objects.all():
        assert claim.claimant is not None, claim.pk
        assert claim.citations.exists(), claim.pk


# --- Sources and citations ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "Brussels Signal",
        "Polish MFA",
        "Belsat",
        "Белсат",
        "BelTA",
        "Viasna",
        "Trójka",
        "EPA",
        "Sputnik",
        "US Embassy in Vilnius",
        "OFAC",
    ],
)
def test_every_source_the_article_names_exists(name):
    assert Source.private_objects.search(name).exists(), name


def test_article_citations_quote_the_article_exactly():
    text = article_text()
    citations = Citation.private_objects.filter(url=ARTICLE_URL)
    assert citations.count() > 10
    for citation in citations:
        assert citation.source.slug == "brussels-signal"
        assert citation.published_on == datetime.date(2025, 9, 1)
        assert citation.published_on_precision == DatePrecision.MONTH
        assert citation.quote, citation.pk
        assert citation.quote in text, citation.quote


def test_every_citation_has_a_url():
    assert not Citation.private_objects.filter(url="").exists()


def test_new_rows_after_loading_get_fresh_ids():
    # loaddata resets the PostgreSQL sequences past the fixture's explicit pks.
    source = Source.private_objects.create(name="A new outlet", slug="a-new-outlet", kind="other")
    assert source.pk > Source.private_objects.exclude(pk=source.pk).order_by("-pk").first().pk
    citation = Citation.private_objects.create(
        source=source, content_object=person("andrzej-poczobut"), url="https://example.org/"
    )
    assert citation.pk > Citation.private_objects.exclude(pk=citation.pk).order_by("-pk").first().pk
