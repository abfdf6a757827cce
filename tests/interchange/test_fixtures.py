"""The seed fixture (fixtures/article.yaml) loads and says what the article and fact sheet say.

docs/fixture-audit.md checks every value of the fixture against the seed; the tests below pin the
values its fixes corrected, so a regression shows up as a failing test, not a quiet error on a page.
"""

import datetime
import re
from pathlib import Path

import pytest
import yaml
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from prisoners.custody import custody_events
from prisoners.models import (
    Assessment,
    Charge,
    ChargeQualifier,
    ChargeStage,
    Citation,
    Claim,
    DatePrecision,
    Detention,
    DetentionEnd,
    ExternalIdentifier,
    Facility,
    FacilityKind,
    IdentifierScheme,
    Person,
    PersonKind,
    PersonName,
    Recogniser,
    Recognition,
    ReleaseKind,
    ReleaseOutcome,
    Source,
    Standing,
    Status,
    Stay,
    ValueQualifier,
    Verdict,
    VerdictKind,
    Visibility,
)
from prisoners.wording import figure_text
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
SEED = Path(__file__).resolve().parents[2] / "fixtures" / "seed"
FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "article.yaml"
ARTICLE_URL = (
    "https://brusselssignal.eu/2025/09/trump-secures-release-of-52-political-prisoners-from-belarus"
)
VIASNA_TSIKHANOUSKI_URL = (
    "https://nkeu.foreignaffairs.co.nz/2021/12/14/"
    "sentences-in-the-tsikhanouskis-case-14-to-18-years-in-prison/"
)
POLSKIE_RADIO_URL = "https://polskieradio.pl/399/7977/Artykul/3502058"
RZECZPOSPOLITA_URL = (
    "https://www.rp.pl/komentarze/"
    "art43319391-ruslan-szoszyn-prezydent-podniosl-na-duchu-polakow-na-bialorusi"
)
OFAC_URL = "https://ofac.treasury.gov/sanctions-programs-and-country-information/belarus-sanctions"
KYIV_INDEPENDENT_URL = (
    "https://kyivindependent.com/lukashenko-pardons-31-ukrainian-citizens-held-in-belarus/"
)
RFERL_URL = "https://www.rferl.org/a/belarus-prisoners-freed-us-trump/33622355.html"
RBC_URL = "https://www.rbc.ru/politics/13/12/2025/693d7a6e9a794732489930f8"
REUTERS_VIASNA_COUNT_URL = "https://www.globalbankingandfinance.com/belarus-usa-diplomacy/"
TSIKHANOUSKI_ADDED_INTERFAX_URL = (
    "https://itta.info/en/belarusian-opposition-activist-tikhanovsky-"
    "serving-18-year-sentence-gets-one-more/"
)
TSIKHANOUSKI_ADDED_VIASNA_URL = (
    "https://www.voiceofbelarus.org/belarus-news/"
    "sergei-tikhanovsky-was-added-a-year-and-a-half-of-imprisonment/"
)
SEPTEMBER = datetime.date(2025, 9, 11)
JUNE = datetime.date(2025, 6, 21)
DECEMBER = datetime.date(2025, 12, 13)
MARCH_5 = datetime.date(2026, 3, 5)
MARCH_19 = datetime.date(2026, 3, 19)

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
    "viktar-babaryka",
    "maksim-znak",
    "uladzimir-labkovich",
    "pavel-seviarynets",
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
# Named among the freed, but where each of them went was not reported person by person.
DESTINATION_NOT_REPORTED = {
    JUNE: {"ihar-karnei"},
    SEPTEMBER: {
        "ihar-losik",
        "aliaksandr-yarashuk",
        "mikalai-dziadok",
        "iryna-slaunikava",
        "elena-ramanauskiene",
        "emils-asars",
        "ivars-sumass",
    },
    DECEMBER: {"maksim-znak", "uladzimir-labkovich", "pavel-seviarynets"},
}
# Records with a standing: what each says is inferred or contested, so pages can label it.
STANDING_MODELS = (Detention, Verdict, Stay, Recognition, Release, ReleasedPerson)
# Words for the material the fixture was built from: never on a public page.
INTERNAL_WORDING = re.compile(r"fact sheet|facts\.yaml|\bseed\b|fixture|detention's facility", re.I)


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


def fixture_objects():
    return yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))


# --- Loading ------------------------------------------------------------------------------------


def test_every_model_has_rows():
    for model in (
        Source,
        Person,
        PersonName,
        Facility,
        Stay,
        Recognition,
        ExternalIdentifier,
        Detention,
        Verdict,
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


def test_derived_caches_are_not_in_the_fixture():
    for entry in fixture_objects():
        fields = entry["fields"]
        assert "term_months" not in fields, entry["pk"]
        assert not {"status", "status_country", "status_since"} & set(fields), entry["pk"]
        assert entry["model"] != "prisoners.statusperiod"


def test_term_months_is_derived_from_the_verdicts_on_loading():
    terms = {
        detention.person.slug: detention.term_months
        for detention in Detention.private_objects.select_related("person")
    }
    assert terms == {
        "ales-bialiatski": 120,
        "maria-kalesnikava": 132,
        "mikalai-statkevich": 168,
        "uladzimir-matskevich": 60,
        "maksim-viniarski": 60,
        "henadz-fiadynich": 108,
        "andrzej-poczobut": 96,
        "siarhei-tsikhanouski": 234,
    }
    for detention in Detention.private_objects.prefetch_related("verdicts"):
        assert detention.term_months == detention.computed_term_months(), detention.pk


# --- Public wording and standing ----------------------------------------------------------------


def test_no_public_text_mentions_the_material_the_fixture_was_built_from():
    # The header comment may speak of the fact sheet; no field of any record may.
    found = []

    def walk(value, where):
        if isinstance(value, str):
            if INTERNAL_WORDING.search(value):
                found.append((where, value))
        elif isinstance(value, list):
            for item in value:
                walk(item, where)

    for entry in fixture_objects():
        for name, value in entry["fields"].items():
            walk(value, f"{entry['model']} {entry['pk']} {name}")
    assert found == []
    assert not Source.private_objects.filter(description__icontains="built from").exists()
    assert not Person.private_objects.filter(summary__icontains="fact sheet").exists()


def test_every_inferred_or_contested_record_says_why():
    flagged = {}
    for model in STANDING_MODELS:
        for record in model._default_manager.exclude(standing=Standing.REPORTED):
            assert record.standing_note.strip(), f"{model.__name__} {record.pk}"
            assert not INTERNAL_WORDING.search(record.standing_note), record.standing_note
            assert record.standing_label.startswith(f"{record.standing}: ")
            flagged[(model.__name__, record.pk)] = record.standing
    assert flagged == {
        ("Detention", person("maksim-viniarski").detentions.get().pk): Standing.INFERRED,
        ("Verdict", tsikhanouski_added_verdict().pk): Standing.CONTESTED,
        ("Stay", person("mikalai-statkevich").stays.get().pk): Standing.INFERRED,
        **{
            ("Stay", stay.pk): Standing.CONTESTED for stay in person("andrzej-poczobut").stays.all()
        },
        ("Release", release_on(MARCH_19).pk): Standing.INFERRED,
        (
            "ReleasedPerson",
            release_on(SEPTEMBER).freed.get(person__slug="maksim-viniarski").pk,
        ): Standing.INFERRED,
    }


# --- Releases -----------------------------------------------------------------------------------


def test_september_release_as_reported():
    september = Release.private_objects.with_counts().get(released_on=SEPTEMBER)
    assert september.is_published
    assert september.kind == ReleaseKind.PARDON_EXPULSION
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
    # The 14 are in the article; Reuters (via Dunya News) gives only the date.
    assert june.reported_count == 14
    assert june.reported_count_source.slug == "brussels-signal"
    # Only Tsikhanouski's pardon is reported, not the legal form of the release as a whole.
    assert june.kind == ""
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


def test_release_kinds_only_where_reported():
    kinds = dict(Release.private_objects.values_list("slug", "kind"))
    assert kinds == {
        "2025-06-21-release-of-14": "",
        "2025-09-11-release-of-52": ReleaseKind.PARDON_EXPULSION,
        "2025-11-22-release-of-31": ReleaseKind.PARDON,
        "2025-12-13-release-of-123": ReleaseKind.PARDON_EXPULSION,
        "2026-03-05-release-of-18": "",
        "2026-03-19-release-of-250": "",
    }


def test_releases_newest_first_puts_19_march_before_5_march():
    expected = [
        "2026-03-19-release-of-250",
        "2026-03-05-release-of-18",
        "2025-12-13-release-of-123",
        "2025-11-22-release-of-31",
        "2025-09-11-release-of-52",
        "2025-06-21-release-of-14",
    ]
    assert [release.slug for release in Release.public_objects.all()] == expected
    by_date = Release.public_objects.order_by("-released_on", "-pk")
    assert [release.slug for release in by_date] == expected
    march = list(Release.public_objects.filter(released_on__year=2026))
    assert [(r.released_on, r.released_on_precision) for r in march] == [
        (MARCH_19, DatePrecision.DAY),
        (MARCH_5, DatePrecision.DAY),
    ]


def test_march_release_of_250_has_an_inferred_day_and_no_single_destination():
    release = release_on(MARCH_19)
    assert release.slug == "2026-03-19-release-of-250"
    assert release.reported_count == 250
    assert release.standing == Standing.INFERRED
    assert "inferred" in release.standing_note
    # 235 of the 250 stayed in Belarus: "sent to Lithuania" would misstate the release.
    assert list(release.destinations) == []
    breakdown = release.breakdowns.get()
    assert breakdown.total == 250
    assert {str(item.country): item.count for item in breakdown.items.all()} == {
        "BY": 235,
        "LT": 15,
    }
    assert breakdown.unaccounted == 0


def test_envoys_are_actors():
    for release in Release.private_objects.all():
        assert all(envoy.kind == PersonKind.ACTOR for envoy in release.envoys.all())


def test_december_release_frees_bialiatski_and_kalesnikava():
    december = Release.private_objects.with_counts().get(released_on=DECEMBER)
    assert december.reported_count == 123
    assert december.named_count == 6
    outcomes = {
        freed.person.slug: (freed.outcome, str(freed.destination)) for freed in december.freed.all()
    }
    assert outcomes == {
        "ales-bialiatski": (ReleaseOutcome.DEPORTED, "LT"),
        "maria-kalesnikava": (ReleaseOutcome.DEPORTED, "UA"),
        "viktar-babaryka": (ReleaseOutcome.DEPORTED, "UA"),
        "maksim-znak": (ReleaseOutcome.UNKNOWN, ""),
        "uladzimir-labkovich": (ReleaseOutcome.UNKNOWN, ""),
        "pavel-seviarynets": (ReleaseOutcome.UNKNOWN, ""),
    }
    assert person("ales-bialiatski").status_country == "LT"
    assert person("maria-kalesnikava").status_country == "UA"
    assert (person("viktar-babaryka").status, person("viktar-babaryka").status_country) == (
        Status.DEPORTED,
        "UA",
    )
    for freed in december.freed.filter(person__slug__in=["viktar-babaryka", "maksim-znak"]):
        assert {c.url for c in citations_for(freed)} == {RFERL_URL, RBC_URL}


def test_september_outcomes():
    outcomes = {
        freed.person.slug: (freed.outcome, str(freed.destination))
        for freed in release_on(SEPTEMBER).freed.all()
    }
    assert outcomes["mikalai-statkevich"] == (ReleaseOutcome.REFUSED_RETURNED, "")
    for slug in ("uladzimir-matskevich", "maksim-viniarski", "henadz-fiadynich"):
        assert outcomes[slug] == (ReleaseOutcome.DEPORTED, "LT"), slug
    viniarski = release_on(SEPTEMBER).freed.get(person__slug="maksim-viniarski")
    assert viniarski.standing == Standing.INFERRED
    assert "left with the group" in viniarski.standing_note


@pytest.mark.parametrize("date", sorted(DESTINATION_NOT_REPORTED))
def test_freed_whose_destination_was_not_reported_have_no_destination(date):
    slugs = DESTINATION_NOT_REPORTED[date]
    freed = release_on(date).freed.filter(person__slug__in=slugs).select_related("person")
    assert {each.person.slug for each in freed} == slugs
    for each in freed:
        assert (each.outcome, str(each.destination)) == (ReleaseOutcome.UNKNOWN, ""), each
        assert each.standing == Standing.REPORTED
        assert "not individually reported" in each.note
        assert "nferred" not in each.note
        for cited in citations_for(each):
            assert "inferred" not in cited.note.lower(), cited.pk
        # An unknown outcome still ends custody: freed, where to not reported.
        assert (each.person.status, str(each.person.status_country)) == (Status.RELEASED, "")
        assert "not individually reported" in each.person.summary


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
    cited = citations_for(breakdown).get()
    assert "press.lv" in cited.url
    # Credited to BelTA, who gave the figures; Press.lv is named in the note.
    assert cited.source.slug == "belta"
    assert "Press.lv" in cited.note


def test_polish_mfa_breakdown_has_two_separate_groups():
    breakdown = ReportedBreakdown.private_objects.get(
        release__released_on=SEPTEMBER, reported_by__slug="polish-mfa"
    )
    assert breakdown.total is None
    assert not breakdown.items_partition_total
    assert breakdown.unaccounted is None
    counts = sorted(item.count for item in breakdown.items.all())
    assert counts == [3, 8]
    assert breakdown.items.get(count=3).country == "PL"
    # Polish citizens and Belarusian journalists: disjoint groups, not overlapping ones.
    assert "separate" in breakdown.note
    assert "verlapping" not in breakdown.note


def test_december_split_between_lithuania_and_ukraine():
    breakdown = ReportedBreakdown.private_objects.get(release__released_on=DECEMBER)
    assert breakdown.reported_by.slug == "rferl"
    assert breakdown.total == 123
    assert {str(item.country): item.count for item in breakdown.items.all()} == {
        "LT": 9,
        "UA": 114,
    }
    assert breakdown.unaccounted == 0
    assert {c.url for c in citations_for(breakdown)} == {RFERL_URL, RBC_URL}


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
    statuses = [event.status for event in custody_events(statkevich)]
    assert statuses == [Status.HELD, Status.REFUSED_DEPORTATION, Status.RELEASED_IN_COUNTRY]
    assert statkevich.derive_status() == (Status.RELEASED_IN_COUNTRY, "")
    assert statkevich.status == Status.RELEASED_IN_COUNTRY
    verdicts = [(v.kind, v.decided_on, v.sentence_months) for v in detention.verdicts.all()]
    assert verdicts == [
        (VerdictKind.FIRST_INSTANCE, datetime.date(2021, 12, 14), 168),
        (VerdictKind.APPEAL, datetime.date(2022, 6, 1), 168),
    ]
    stay = statkevich.stays.select_related("facility").get()
    assert (stay.facility.name, stay.facility.town) == ("Penal colony No. 13", "Hlybokaye")
    assert stay.until_on == datetime.date(2026, 2, 19)
    assert stay.reported_on == datetime.date(2025, 9, 15)


def test_poczobut_has_no_reported_release():
    poczobut = person("andrzej-poczobut")
    assert poczobut.status == Status.HELD
    # The last fact that confirms it: he was left out of the release of 13 December 2025.
    assert poczobut.status_as_of == DECEMBER
    detention = poczobut.detentions.get()
    assert detention.ended_on is None
    assert detention.term_months == 96
    assert detention.detained_on == datetime.date(2021, 3, 25)
    verdicts = [
        (v.kind, v.decided_on, v.sentence_months, v.court) for v in detention.verdicts.all()
    ]
    assert verdicts == [
        (VerdictKind.FIRST_INSTANCE, datetime.date(2023, 2, 8), 96, "Hrodna Regional Court"),
        (VerdictKind.APPEAL, datetime.date(2023, 5, 26), 96, ""),
    ]
    # The public text does not assert he is held in 2026: the seed marks that unverified.
    assert "Still held" not in detention.notes
    assert "no later release has been reported" in detention.notes


def test_poczobut_has_two_contested_stays():
    poczobut = person("andrzej-poczobut")
    stays = poczobut.stays.select_related("facility")
    by_town = {stay.facility.town: stay for stay in stays}
    assert set(by_town) == {"Navapolatsk", "Hlybokaye"}
    for stay in by_town.values():
        assert stay.standing == Standing.CONTESTED
        assert "Navapolatsk" in stay.standing_note and "Hlybokaye" in stay.standing_note
        assert stay.until_on is None
        assert stay.facility.kind == FacilityKind.PENAL_COLONY
    navapolatsk, hlybokaye = by_town["Navapolatsk"], by_town["Hlybokaye"]
    assert (navapolatsk.facility.name, navapolatsk.facility.slug) == (
        "Penal colony No. 1",
        "penal-colony-no-1-navapolatsk",
    )
    assert (navapolatsk.from_on, navapolatsk.from_on_precision) == (
        datetime.date(2023, 5, 1),
        DatePrecision.MONTH,
    )
    assert navapolatsk.reported_on == datetime.date(2025, 3, 27)
    assert [c.url for c in citations_for(navapolatsk)] == [POLSKIE_RADIO_URL]
    # Rzeczpospolita names the Hlybokaye colony without a number: the record adds none (it is not
    # Statkevich's Penal colony No. 13, which Viasna names).
    assert (hlybokaye.facility.name, hlybokaye.facility.slug) == (
        "Colony in Hlybokaye",
        "colony-hlybokaye",
    )
    assert "No. 13" not in hlybokaye.note
    assert [c.url for c in citations_for(hlybokaye.facility)] == [RZECZPOSPOLITA_URL]
    assert (hlybokaye.reported_on, hlybokaye.reported_on_precision) == (
        datetime.date(2025, 11, 1),
        DatePrecision.MONTH,
    )
    hlybokaye_citation = citations_for(hlybokaye).get()
    assert hlybokaye_citation.url == RZECZPOSPOLITA_URL
    assert "Art. 361" not in hlybokaye_citation.note
    # Reports disagree: no place is current, and the page shows both reports side by side.
    assert poczobut.current_stay() is None
    assert {stay.pk for stay in poczobut.disputed_stays()} == {navapolatsk.pk, hlybokaye.pk}
    claims = Claim.private_objects.about(poczobut).filter(topic="Where Andrzej Poczobut is held")
    assert {(c.claimed_by.slug, c.assessment) for c in claims} == {
        ("polskie-radio", Assessment.DISPUTED),
        ("rzeczpospolita", Assessment.DISPUTED),
    }


def test_facilities_carry_only_what_sources_say():
    facilities = {
        facility.slug: (facility.name, facility.town, str(facility.country), facility.kind)
        for facility in Facility.private_objects.all()
    }
    assert facilities == {
        "penal-colony-no-1-navapolatsk": (
            "Penal colony No. 1",
            "Navapolatsk",
            "BY",
            FacilityKind.PENAL_COLONY,
        ),
        "penal-colony-no-13-hlybokaye": (
            "Penal colony No. 13",
            "Hlybokaye",
            "BY",
            FacilityKind.PENAL_COLONY,
        ),
        # Rzeczpospolita's "Hlybokaye colony" for Poczobut: no number, as the source gives none.
        "colony-hlybokaye": (
            "Colony in Hlybokaye",
            "Hlybokaye",
            "BY",
            FacilityKind.PENAL_COLONY,
        ),
    }
    assert not Facility.private_objects.exclude(postal_address="").exists()


def test_unverified_article_part_is_not_asserted():
    charge = Charge.private_objects.get(detention__person__slug="andrzej-poczobut", article="361")
    assert charge.part == ""
    assert "not verified" in charge.description


def test_viniarski_was_convicted_of_preparing_for_mass_riots():
    charge = Charge.private_objects.get(detention__person__slug="maksim-viniarski")
    assert (charge.article, charge.part) == ("293", "2")
    assert charge.qualifier == ChargeQualifier.PREPARATION
    assert charge.qualifier_article == "13 part 1"
    assert charge.stage == ChargeStage.CONVICTED
    assert charge.label == "Art. 13 part 1 + Art. 293 part 2 (preparation)"
    assert "Art. 13" not in charge.description
    assert person("maksim-viniarski").charge_articles() == [charge.label]


def tsikhanouski_added_verdict():
    return Verdict.private_objects.get(
        detention__person__slug="siarhei-tsikhanouski", kind=VerdictKind.ADDED
    )


def test_tsikhanouski_sentence_is_two_verdicts():
    detention = person("siarhei-tsikhanouski").detentions.get()
    first, added = detention.verdicts.all()
    assert (first.kind, first.decided_on, first.sentence_months, first.court) == (
        VerdictKind.FIRST_INSTANCE,
        datetime.date(2021, 12, 14),
        216,
        "Court in Homel",
    )
    assert [c.url for c in citations_for(first)] == [VIASNA_TSIKHANOUSKI_URL]
    # 1.5 years added on 27 February 2023 (Interfax; Viasna).
    assert (added.kind, added.decided_on, added.sentence_months, added.court) == (
        VerdictKind.ADDED,
        datetime.date(2023, 2, 27),
        18,
        "Zhodino town court",
    )
    assert {(c.source.slug, c.url) for c in citations_for(added)} == {
        ("interfax", TSIKHANOUSKI_ADDED_INTERFAX_URL),
        ("viasna", TSIKHANOUSKI_ADDED_VIASNA_URL),
    }
    # The total the verdicts add up to: 18 years + 1.5 = 19.5 years.
    assert detention.computed_term_months() == 234
    assert detention.term_months == 234
    assert detention.ended_on == JUNE
    assert str(detention.released_to) == "LT"


def test_tsikhanouski_conflicting_twenty_years_is_kept():
    # Rzeczpospolita's "20 years" conflicts with 18 + 1.5: the record keeps both figures.
    added = tsikhanouski_added_verdict()
    assert added.standing == Standing.CONTESTED
    assert "Rzeczpospolita" in added.standing_note
    assert "20 years" in added.standing_note
    assert "19.5 years" in added.standing_note
    tsikhanouski = person("siarhei-tsikhanouski")
    assert "Rzeczpospolita has reported 20 years" in tsikhanouski.summary
    assert "Rzeczpospolita has reported 20 years" in tsikhanouski.detentions.get().notes
    # The seed gives no address for Rzeczpospolita's figure, so no claim cites a page for it.
    assert not Claim.private_objects.about(tsikhanouski).exists()


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


def test_no_gender_or_patronymic_the_seed_does_not_give():
    # Genders where the fact sheet's pronouns give them (fixtures/translations.yaml, issue 25):
    # "tore up her passport", "his wife", "he had wanted to stay", "he would be included".
    genders = dict(Person.private_objects.exclude(gender="").values_list("slug", "gender"))
    assert genders == {
        "maria-kalesnikava": "female",
        "andrzej-poczobut": "male",
        "mikalai-statkevich": "male",
        "uladzimir-matskevich": "male",
    }
    assert not Person.private_objects.exclude(patronymic="").exists()


def test_roles_in_the_seed_wording():
    assert person("aliaksandr-yarashuk").role == "BKDP trade union chair"
    assert "(Charter97), which was taken to Lithuania" in person("maksim-viniarski").summary


def test_viasna_recognitions_follow_its_database_records():
    recognitions = {
        (r.person.slug, r.recogniser, r.withdrawn_on)
        for r in Recognition.private_objects.select_related("person")
    }
    assert recognitions == {
        ("maria-kalesnikava", Recogniser.VIASNA, None),
        ("mikalai-statkevich", Recogniser.VIASNA, None),
        ("uladzimir-matskevich", Recogniser.VIASNA, None),
    }
    for identifier in ExternalIdentifier.private_objects.select_related("person"):
        assert identifier.scheme == IdentifierScheme.VIASNA
        assert identifier.url == f"https://prisoners.spring96.org/en/person/{identifier.identifier}"
        recognition = identifier.person.recognitions.get()
        assert [c.url for c in citations_for(recognition)] == [identifier.url]
        # The same page is already cited for the person: nothing new is asserted.
        assert citations_for(identifier.person).filter(url=identifier.url).exists()


def test_every_non_actor_has_a_citation():
    for each in Person.private_objects.prisoners():
        assert citations_for(each).exists(), each.slug


def test_every_record_has_a_citation():
    for model in (
        Detention,
        Stay,
        Facility,
        Recognition,
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


def test_every_verdict_is_cited():
    content_type = ContentType.objects.get_for_model(Verdict)
    cited = set(
        Citation.private_objects.filter(content_type=content_type).values_list(
            "object_id", flat=True
        )
    )
    assert set(Verdict.private_objects.values_list("pk", flat=True)) - cited == set()


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
    # A plain romanisation of a Belarusian name is not Łacinka.
    eismant = PersonName.private_objects.get(name="Natallia Eismant")
    assert (eismant.language, eismant.script) == ("en", "Latn")


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
    # "Several ... reportedly included" the four: at least four, as of the article's month.
    assert figure_text(article_claim) == "at least 4"
    assert (article_claim.as_of, article_claim.as_of_precision) == (
        datetime.date(2025, 9, 1),
        DatePrecision.MONTH,
    )
    assert later_claim.claimed_by.slug == "the-insider"
    assert later_claim.assessment == Assessment.CORROBORATED
    assert (later_claim.as_of, later_claim.as_of_precision) == (SEPTEMBER, DatePrecision.DAY)
    assert "ARTICLE 19" not in later_claim.assessment_note
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
    assert "allegedly rigged presidential election of 2020" in claim.statement
    assert citations_for(claim).get().url == ARTICLE_URL


def test_other_headline_figures_are_by_people():
    headline = Claim.private_objects.headline()
    assert headline.get(claimed_by_person__slug="gitanas-nauseda").value == 1000
    trump = headline.get(claimed_by_person__slug="donald-trump")
    assert (trump.value, trump.value_qualifier) == (1400, ValueQualifier.ABOUT)
    assert trump.assessment_note == "Trump's word for those held is “hostages”."


def test_viasna_counts_kept_only_where_a_cited_page_gives_them():
    # Of Viasna's four dated counts in the seed, only 22 November 2025 has a page that reports it.
    viasna = Claim.private_objects.headline().filter(claimed_by__slug="viasna").order_by("as_of")
    assert [(c.value, figure_text(c), c.as_of) for c in viasna] == [
        (1100, "more than 1,100", datetime.date(2025, 9, 1)),
        (1184, "at least 1,184", datetime.date(2025, 11, 22)),
    ]
    november = viasna.get(value=1184)
    cited = citations_for(november).get()
    assert (cited.source.slug, cited.url) == ("viasna", KYIV_INDEPENDENT_URL)
    assert "Kyiv Independent" in cited.note


def test_viasna_count_of_the_freed_is_dated_as_the_seed_dates_it():
    claim = Claim.private_objects.about(release_on(SEPTEMBER)).get(value=40)
    assert claim.claimed_by.slug == "viasna"
    assert claim.as_of == datetime.date(2025, 12, 12)
    # The seed's source for the count: Reuters, 12 December 2025 (not an ARTICLE 19 release).
    cited = citations_for(claim).get()
    assert (cited.source.slug, cited.url, cited.published_on) == (
        "reuters",
        REUTERS_VIASNA_COUNT_URL,
        datetime.date(2025, 12, 12),
    )
    assert "of whom 40 were political prisoners" in cited.quote
    assert not Source.private_objects.filter(slug="article-19").exists()


def test_polish_citizens_claims_disagree():
    claims = Claim.private_objects.about(release_on(SEPTEMBER)).filter(
        topic="Polish citizens among the freed"
    )
    assert {(claim.claimed_by.slug, claim.value) for claim in claims} == {
        ("polish-mfa", 3),
        ("belta", 2),
    }


def test_belta_foreign_nationals_claim_is_not_corroborated_by_belta_itself():
    claim = Claim.private_objects.about(release_on(SEPTEMBER)).get(
        topic="Foreign nationals among the freed"
    )
    assert (claim.claimed_by.slug, claim.value) == ("belta", 14)
    assert claim.assessment == Assessment.UNASSESSED
    assert {c.source.slug for c in citations_for(claim)} == {"brussels-signal", "belta"}


def test_embassy_count_is_worded_as_the_seed_has_it():
    claim = Claim.private_objects.about(release_on(SEPTEMBER)).get(
        claimed_by__slug="us-embassy-vilnius"
    )
    assert claim.statement == "52 prisoners were freed."
    # The embassy's announcement is credited to the embassy; Rzeczpospolita is named in the note.
    embassy = citations_for(claim).get(source__slug="us-embassy-vilnius")
    assert "rp.pl" in embassy.url
    assert "Rzeczpospolita" in embassy.note


def test_belavia_sanctions_claim_is_split_from_the_flights_claim():
    deal = Deal.private_objects.get(slug="belavia-sanctions-relief-gl-11")
    relief = Claim.private_objects.about(deal).get(
        claimed_by__slug="brussels-signal", statement__contains="relaxed"
    )
    assert relief.statement == "Trump relaxed some sanctions on Belarus."
    assert relief.assessment == Assessment.CORROBORATED
    assert "General License No. 11" in relief.assessment_note


def test_belavia_flights_claim_is_disputed():
    deal = Deal.private_objects.get(slug="belavia-sanctions-relief-gl-11")
    claim = Claim.private_objects.about(deal).get(
        claimed_by__slug="brussels-signal", statement__contains="flights"
    )
    assert claim.topic == "Concessions"
    assert "relaxed" not in claim.statement
    assert claim.assessment == Assessment.DISPUTED
    assert "not supported" in claim.assessment_note.lower()
    assert citations_for(claim).get().url == ARTICLE_URL


def test_zalewski_claim_about_poczobut():
    claim = Claim.private_objects.about(person("andrzej-poczobut")).get(
        claimed_by_person__slug="pawel-zalewski"
    )
    assert claim.topic == "Why Poczobut was not released"
    assert (claim.as_of, claim.as_of_precision) == (datetime.date(2025, 9, 1), DatePrecision.MONTH)
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


def test_sources_that_make_claims_are_cited():
    ofac = Citation.private_objects.filter(source__slug="ofac").select_related("content_type")
    assert {citation.url for citation in ofac} == {OFAC_URL}
    assert {(citation.content_type.model, citation.object_id) for citation in ofac} == {
        ("deal", deal.pk)
        for deal in Deal.private_objects.filter(
            slug__in=[
                "belavia-sanctions-relief-gl-11",
                "belavia-sdn-delisting",
                "potash-sanctions-relief-gl-13",
            ]
        )
    } | {("claim", Claim.private_objects.get(claimed_by__slug="ofac").pk)}
    # Statements are credited to who made them; the outlet that carried them is in the note.
    for claim in Claim.private_objects.filter(claimed_by__slug__in=["polish-mfa", "belta"]):
        assert citations_for(claim).filter(source=claim.claimed_by).exists(), claim.pk
    for omission in NotableOmission.private_objects.filter(reported_by__slug="polish-mfa"):
        assert citations_for(omission).filter(source__slug="polish-mfa").exists(), omission.pk
    for cited in Citation.private_objects.filter(source__slug__in=["polish-mfa", "belta"]):
        assert "as reported by" in cited.note, cited.pk


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
    verdict = Verdict.private_objects.create(
        detention=person("andrzej-poczobut").detentions.get(), sentence_months=12
    )
    assert verdict.pk > Verdict.private_objects.exclude(pk=verdict.pk).order_by("-pk").first().pk
