"""docs/fixture-audit.md and fixtures/article.yaml say the same thing.

The audit table counts the records per model and lists every public value with its sources and
verdict. A change to the fixture that the table does not follow (a record added or removed, a
value changed, a citation moved to another source) fails here, as does a table row that no longer
holds. Below, one test per defect the second audit fixed, each as a reader sees it.
"""

import re

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from prisoners.models import (
    Assessment,
    Citation,
    Claim,
    Person,
    Recogniser,
    Recognition,
    Source,
    Verdict,
)
from prisoners.status import refresh_all_statuses
from releases.models import ReleasedPerson
from tests.interchange.fixture_audit_table import (
    VERDICTS,
    citation_sources,
    label,
    parse,
    public_fields,
    record,
    shown,
)

pytestmark = pytest.mark.django_db

DOMAIN_APPS = ("prisoners", "releases")
ARTICLE_URL = (
    "https://brusselssignal.eu/2025/09/trump-secures-release-of-52-political-prisoners-from-belarus"
)
REUTERS_VIASNA_COUNT_URL = "https://www.globalbankingandfinance.com/belarus-usa-diplomacy/"


@pytest.fixture
def seeded():
    # The table audits fixtures/article.yaml; fixtures/sanctions.yaml has its own section and
    # tests (tests/interchange/test_sanctions_fixture.py), so only the article is loaded here.
    call_command("loaddata", "article", verbosity=0)
    refresh_all_statuses()


def seeded_models():
    for app_label in DOMAIN_APPS:
        for model in apps.get_app_config(app_label).get_models():
            if hasattr(model, "private_objects") and model.private_objects.exists():
                yield model


# -- the table and the fixture ---------------------------------------------------------------------


def test_the_table_has_no_open_defect_and_its_verdict_counts_add_up():
    _, rows = parse()
    verdicts = [row["verdict"] for row in rows]
    assert set(verdicts) <= VERDICTS
    assert "open" not in verdicts
    text = parse.__globals__["AUDIT"].read_text(encoding="utf-8")
    for verdict in ("ok", "labelled", "fixed"):
        stated = re.search(rf"^\| {verdict} \| (\d+) \|$", text, re.M)
        assert int(stated.group(1)) == verdicts.count(verdict)
    assert re.search(r"^\| open \| 0 \|$", text, re.M)
    # A fixed row says how it was fixed.
    assert all(row["fix"] not in ("", "—") for row in rows if row["verdict"] == "fixed")


def test_record_counts_equal_the_seeded_database(seeded):
    counts, _ = parse()
    seeded_counts = {
        model._meta.label_lower: model.private_objects.count() for model in seeded_models()
    }
    assert counts == seeded_counts
    assert sum(counts.values()) == 520


def test_every_audited_value_is_present_as_stated_and_cited_to_the_stated_source(seeded):
    _, rows = parse()
    assert len(rows) > 2000
    drifted = []
    for row in rows:
        obj = record(row["record"])
        field = obj._meta.get_field(row["field"])
        if shown(obj, field) != row["value"]:
            drifted.append((row["record"], row["field"], row["value"], shown(obj, field)))
        elif not row["sources"] <= citation_sources(obj):
            drifted.append((row["record"], row["field"], row["sources"], citation_sources(obj)))
    assert drifted == []


def test_every_public_value_has_a_row(seeded):
    _, rows = parse()
    audited = {(row["record"], row["field"]) for row in rows}
    missing = [
        (label(obj), field.name)
        for model in seeded_models()
        for obj in model.private_objects.all()
        for field in public_fields(model)
        if shown(obj, field) != "" and (label(obj), field.name) not in audited
    ]
    assert missing == []


def test_the_table_catches_a_changed_value(seeded):
    """The drift check can fail: a value edited after the audit no longer matches its row."""
    _, rows = parse()
    row = next(r for r in rows if r["record"] == "prisoners.verdict 9" and r["field"] == "court")
    verdict = Verdict.private_objects.get(pk=9)
    verdict.court = "Court in Minsk"
    verdict.save()
    assert shown(verdict, Verdict._meta.get_field("court")) != row["value"]


# -- the defects this audit fixed ------------------------------------------------------------------


def page(client, obj):
    response = client.get(obj.get_absolute_url(), follow=True)
    assert response.status_code == 200
    return response.content.decode()


def status_line(html):
    start = html.index('<span class="status status-')
    return html[start : html.index("</p>", start)]


@pytest.mark.parametrize(
    ("slug", "charter97_url"),
    [
        ("uladzimir-matskevich", "https://qnt91x.c97.org/en/news/2025/9/13/655535"),
        ("maksim-viniarski", "https://charter97.org/ru/news/2025/9/17/656047/"),
        ("henadz-fiadynich", "https://qnt91x.c97.org/ru/news/2026/1/29/671687"),
    ],
)
def test_the_status_of_the_three_said_to_have_refused_cites_charter97(
    client, seeded, slug, charter97_url
):
    person = Person.public_objects.get(slug=slug)
    cited_for_status = person.derive_custody().since_record
    assert isinstance(cited_for_status, ReleasedPerson)
    assert citation_sources(cited_for_status) == {"charter97"}
    line = status_line(page(client, person))
    assert "Charter97" in line
    # Not the article (which says they refused), nor the sources of the arrest.
    assert "Brussels Signal" not in line
    assert "Viasna" not in line and "Euroradio" not in line and "Reform.news" not in line


def test_viasna_count_of_the_52_is_cited_to_reuters(seeded):
    claim = Claim.private_objects.get(value=40, claimed_by__slug="viasna")
    citation = Citation.private_objects.get(
        content_type=ContentType.objects.get_for_model(Claim), object_id=claim.pk
    )
    assert (citation.source.slug, citation.url) == ("reuters", REUTERS_VIASNA_COUNT_URL)
    assert "40 were political prisoners" in citation.quote
    assert not Source.private_objects.filter(slug="article-19").exists()


@pytest.mark.parametrize("slug", ["elena-ramanauskiene", "emils-asars", "ivars-sumass"])
def test_the_three_foreign_nationals_are_cited_to_the_page_that_names_them(client, seeded, slug):
    person = Person.public_objects.get(slug=slug)
    outcome = ReleasedPerson.private_objects.get(person=person)
    assert citation_sources(person) == {"ogres-zinas"}
    assert citation_sources(outcome) == {"ogres-zinas"}
    line = status_line(page(client, person))
    assert "Ogres Ziņas" in line
    assert "Gazeta Prawna" not in line


@pytest.mark.parametrize("slug", ["aliaksandr-yarashuk", "mikalai-dziadok", "iryna-slaunikava"])
def test_the_freed_ogres_zinas_does_not_name_are_cited_to_gazeta_prawna_alone(seeded, slug):
    person = Person.public_objects.get(slug=slug)
    outcome = ReleasedPerson.private_objects.get(person=person)
    assert citation_sources(person) == {"gazeta-prawna"}
    assert citation_sources(outcome) == {"gazeta-prawna"}
    assert "Ogres" not in person.summary and "Ogres" not in outcome.note


def test_losik_is_cited_to_both_pages_that_name_him(seeded):
    outcome = ReleasedPerson.private_objects.get(person__slug="ihar-losik")
    assert citation_sources(outcome) == {"gazeta-prawna", "ogres-zinas"}


def test_rzeczpospolita_report_adds_no_colony_number(client, seeded):
    poczobut = Person.public_objects.get(slug="andrzej-poczobut")
    stay = poczobut.stays.get(facility__town="Hlybokaye")
    assert "No." not in stay.facility.name and "13" not in stay.facility.name
    assert "13" not in stay.note
    assert citation_sources(stay) == {"rzeczpospolita"}
    assert citation_sources(stay.facility) == {"rzeczpospolita"}
    html = page(client, poczobut)
    assert "Colony in Hlybokaye" in html
    assert "Penal colony No. 13" not in html


def test_the_zalewski_interview_is_marked_unverified(client, seeded):
    claim = Claim.private_objects.get(claimed_by_person__slug="pawel-zalewski")
    assert claim.assessment == Assessment.UNVERIFIED
    html = page(client, Person.public_objects.get(slug="andrzej-poczobut"))
    assert "Unverified: the original could not be found" in html


def test_tsikhanouski_added_years_carry_their_source(client, seeded):
    added = Verdict.private_objects.get(
        detention__person__slug="siarhei-tsikhanouski", kind="added"
    )
    assert citation_sources(added) == {"interfax", "viasna"}
    assert added.decided_on.isoformat() == "2023-02-27"
    html = page(client, Person.public_objects.get(slug="siarhei-tsikhanouski"))
    assert "none recorded" not in html and "no source recorded" not in html
    assert "Interfax" in html


def test_every_viasna_database_page_in_the_seed_is_a_recorded_recognition(seeded):
    seed = (parse.__globals__["AUDIT"].parents[1] / "fixtures" / "seed" / "facts.yaml").read_text()
    pages = set(re.findall(r"https://prisoners\.spring96\.org/en/person/[a-z-]+", seed))
    assert len(pages) == 3
    recognitions = Recognition.private_objects.filter(recogniser=Recogniser.VIASNA)
    cited = Citation.private_objects.filter(
        content_type=ContentType.objects.get_for_model(Recognition),
        object_id__in=[r.pk for r in recognitions],
    )
    assert {citation.url for citation in cited} == pages
    assert {citation.source.slug for citation in cited} == {"viasna"}
