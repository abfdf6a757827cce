"""Issue 26: sanctions acts as records, promised and delivered, one timeline, the FollowTheMoney
export. The seeded record answers the issue's "done when"; factories test the rest."""

import csv
import datetime
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from followthemoney import model as ftm_model

from prisoners.models import Visibility
from releases.models import SanctionsAct, SanctionsActKind, SanctionsAuthority, days_between
from tests import factories as f
from tests.factories import load_article
from tests.hostile import body_of

pytestmark = pytest.mark.django_db

BELAVIA_DEAL = "/deals/belavia-sanctions-relief-gl-11/"
POTASH_DEAL = "/deals/potash-sanctions-relief-gl-13/"


def page_text(response):
    assert response.status_code == 200
    return " ".join(body_of(response).split())


def ftm_entities(client):
    response = client.get(reverse("exports:followthemoney"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/x-ndjson")
    lines = [line for line in body_of(response).splitlines() if line.strip()]
    return [ftm_model.get_proxy(json.loads(line), cleaned=False) for line in lines]


# --- The seeded record: the "done when" ---------------------------------------------


@pytest.fixture
def seeded(db):
    load_article()


def test_sanctions_list_shows_both_licences_and_belavias_delisting(client, seeded):
    text = page_text(client.get("/sanctions/"))
    assert "OFAC Belarus General License No. 11 (Belavia)" in text
    assert "OFAC Belarus General License No. 13 (potash)" in text
    row = text.split("Belavia removed from OFAC&#x27;s SDN list")[1].split("</tr>")[0]
    assert "4 November 2025" in row and "Delisting" in row


def test_belavia_deal_page_shows_the_delisting_54_days_after_the_september_release(client, seeded):
    text = page_text(client.get(BELAVIA_DEAL))
    acts = text.split("Every sanctions act about these entities")[1]
    delisting = acts.split("4 November 2025")[1].split("</li>")[0]
    assert "Belavia removed from OFAC" in delisting
    assert "54 days after the release" in delisting
    # The ledger does not claim the link its sources do not make.
    assert "no source links it to this deal" in delisting


def test_potash_deal_page_shows_gl13_issued_15_december_two_days_after_announcement(client, seeded):
    text = page_text(client.get(POTASH_DEAL))
    delivered = text.split("Delivered by")[1].split("</li>")[0]
    assert "OFAC Belarus General License No. 13" in delivered
    assert "issued 15 December 2025" in delivered
    assert "2 days after it was announced" in delivered
    assert "Not delivered" not in text


def test_followthemoney_reads_every_entity_and_no_reference_dangles(client, seeded):
    entities = ftm_entities(client)
    ids = [entity.id for entity in entities]
    assert len(ids) == len(set(ids))
    schemata = {entity.schema.name for entity in entities}
    assert {"Sanction", "Company", "PublicBody", "Person"} <= schemata
    dangling = [
        (entity.id, value)
        for entity in entities
        for prop, value in entity.itervalues()
        if prop.type.name == "entity" and value not in set(ids)
    ]
    assert dangling == []
    # Every value survives the library's own cleaning: nothing it would drop or reject.
    for entity in entities:
        cleaned = ftm_model.get_proxy(entity.to_dict(), cleaned=False)
        for prop, value in entity.itervalues():
            assert prop.type.clean(value, proxy=cleaned) is not None, (entity.id, prop.name)
    by_id = {entity.id: entity for entity in entities}
    delisting = by_id["release-ledger-sanction-ofac-belavia-removed-from-sdn-list-belavia"]
    assert delisting.get("endDate") == ["2025-11-04"]
    assert by_id[delisting.get("entity")[0]].get("name") == ["Belavia Belarusian Airlines"]
    people = [entity for entity in entities if entity.schema.name == "Person"]
    names = {name for person in people for name in person.get("name")}
    assert {"Ales Bialiatski", "John Coale"} <= names  # a prisoner and an actor


def test_data_page_offers_the_followthemoney_export(client, seeded):
    html = body_of(client.get("/data/"))
    assert f'href="{reverse("exports:followthemoney")}"' in html
    assert "FollowTheMoney" in html


# --- Promised and delivered -----------------------------------------------------------------


def test_a_concession_no_act_delivered_is_shown_as_not_delivered_as_of_today(client):
    concession = f.ConcessionFactory(beneficiary="Zqpromise Airline")
    today = datetime.date.today()
    text = page_text(client.get(concession.deal.get_absolute_url()))
    assert f"Not delivered as of {today.day} {today:%B} {today.year}" in text


def test_an_act_not_linked_by_a_source_does_not_deliver(client):
    release = f.ReleaseFactory(released_on=datetime.date(2025, 9, 11))
    deal = f.DealFactory(announced_on=datetime.date(2025, 9, 12))
    deal.releases.add(release)
    concession = f.ConcessionFactory(deal=deal)
    entity = f.SanctionsEntityFactory()
    f.SanctionsActFactory(
        title="Zqdelivering Act",
        issued_on=datetime.date(2025, 9, 21),
        entities=[entity],
        delivers=[concession],
    )
    f.SanctionsActFactory(
        title="Zqlater Act", issued_on=datetime.date(2025, 10, 1), entities=[entity]
    )
    text = page_text(client.get(deal.get_absolute_url()))
    assert "Not delivered" not in text
    delivered = text.split("Delivered by")[1].split("</li>")[0]
    assert "Zqdelivering Act" in delivered
    assert "10 days after the release, 9 days after it was announced" in delivered
    later = text.split("Zqlater Act")[1].split("</li>")[0]
    assert "20 days after the release" in later and "no source links it" in later


def test_days_are_counted_only_between_dates_known_to_the_day():
    day, month = "day", "month"
    assert days_between(datetime.date(2025, 9, 11), day, datetime.date(2025, 11, 4), day) == 54
    assert days_between(datetime.date(2026, 3, 1), month, datetime.date(2026, 3, 19), day) is None
    assert days_between(None, day, datetime.date(2026, 3, 19), day) is None


def test_an_act_cannot_take_effect_before_it_was_issued():
    act = f.SanctionsActFactory.build(
        issued_on=datetime.date(2025, 12, 15), effective_on=datetime.date(2025, 12, 1)
    )
    with pytest.raises(ValidationError, match="cannot take effect before it was issued"):
        act.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        act.save()
    assert not SanctionsAct.private_objects.filter(slug=act.slug).exists()


# --- The list, its filters, files and API ---------------------------------------------------


@pytest.fixture
def two_acts():
    belavia = f.SanctionsEntityFactory(name="Zqbelavia", slug="zqbelavia")
    bank = f.SanctionsEntityFactory(name="Zqbank", slug="zqbank", kind="bank")
    licence = f.SanctionsActFactory(
        title="Zqlicence", issued_on=datetime.date(2025, 9, 11), entities=[belavia]
    )
    easing = f.SanctionsActFactory(
        title="Zqeasing",
        authority=SanctionsAuthority.US,
        kind=SanctionsActKind.EASING,
        issued_on=datetime.date(2026, 3, 1),
        issued_on_precision="month",
        entities=[bank],
    )
    f.SanctionsActFactory(title="Zqdraft", is_published=False, entities=[belavia])
    return licence, easing


@pytest.mark.parametrize(
    "query, shown",
    [
        ("", {"Zqlicence", "Zqeasing"}),
        ("?authority=us", {"Zqeasing"}),
        ("?kind=general_licence", {"Zqlicence"}),
        ("?entity=zqbelavia", {"Zqlicence"}),
        ("?issued_from=2026-01-01", {"Zqeasing"}),
        ("?issued_to=2025-12-31", {"Zqlicence"}),
    ],
)
def test_filters_serve_the_page_the_csv_and_the_api(client, two_acts, query, shown):
    every = {"Zqlicence", "Zqeasing", "Zqdraft"}
    html = body_of(client.get("/sanctions/" + query)).split('id="timeline-heading"')[0]
    assert {title for title in every if title in html} == shown
    rows = list(csv.DictReader(io.StringIO(body_of(client.get("/sanctions/export.csv" + query)))))
    assert {row["title"] for row in rows} == shown
    api = client.get("/api/sanctions-acts/" + query).json()
    assert {act["title"] for act in api["results"]} == shown
    spreadsheet = client.get("/sanctions/export.xlsx" + query)
    assert spreadsheet.status_code == 200


def test_csv_gives_dates_no_more_precisely_than_known(client, two_acts):
    rows = {
        row["title"]: row
        for row in csv.DictReader(io.StringIO(body_of(client.get("/sanctions/export.csv"))))
    }
    assert rows["Zqeasing"]["issued_on"] == "2026-03"
    assert rows["Zqlicence"]["issued_on"] == "2025-09-11"
    assert rows["Zqlicence"]["entities"] == "zqbelavia"


def test_a_bad_filter_is_refused_in_words(client, two_acts):
    page = client.get("/sanctions/?issued_from=not-a-date&entity=nobody")
    assert page.status_code == 200
    assert "Enter a valid date" in body_of(page)
    download = client.get("/sanctions/export.csv?issued_from=not-a-date")
    assert download.status_code == 400
    assert "issued_from" in body_of(download)
    assert client.get("/api/sanctions-acts/?kind=nonsense").status_code == 400


def test_entity_page_lists_what_it_got_against_which_releases(client, two_acts):
    licence, _easing = two_acts
    release = f.ReleaseFactory(title="Zqrelease", released_on=datetime.date(2025, 9, 1))
    deal = f.DealFactory(title="Zqdeal")
    deal.releases.add(release)
    licence.delivers.add(f.ConcessionFactory(deal=deal))
    text = page_text(client.get("/sanctions/entities/zqbelavia/"))
    assert "Zqlicence" in text and "Zqdeal" in text
    assert "10 days after the release “Zqrelease”" in text
    assert "Zqdraft" not in text
    assert client.get("/sanctions/entities/nobody/").status_code == 404
    api = client.get("/api/sanctions-entities/zqbelavia/").json()
    assert [act["name"] for act in api["acts"]] == ["Zqlicence"]


def test_timeline_puts_releases_and_acts_on_one_axis_with_a_table(client, two_acts):
    f.ReleaseFactory(title="Zqtimeline Release", released_on=datetime.date(2025, 12, 13))
    html = body_of(client.get("/sanctions/"))
    timeline = html.split('id="timeline-heading"')[1]
    svg, table = timeline.split("</svg>")
    assert svg.count("<circle") == 1 and svg.count("<rect") == 2
    # The table gives every mark's number, in date order: release and acts interleaved.
    rows = [row for row in table.split("<tr")[2:]]
    assert ["Zqlicence" in rows[0], "Zqtimeline Release" in rows[1], "Zqeasing" in rows[2]] == [
        True,
        True,
        True,
    ]
    # Scrolls in its own box on a phone, like the other charts.
    assert 'class="chart-scroll"' in timeline


# --- Never a withheld person ------------------------------------------------------------------


def test_followthemoney_never_names_a_withheld_or_draft_person(client):
    f.PersonFactory(display_name="Zqpublic Person")
    f.PersonFactory(display_name="Zqwithheld Person", visibility=Visibility.WITHHELD)
    f.PersonFactory(display_name="Zqdraft Person", visibility=Visibility.DRAFT)
    f.ActorFactory(display_name="Zqwithheld Actor", visibility=Visibility.WITHHELD)
    f.ActorFactory(display_name="Zqpublic Actor")
    f.SanctionsActFactory(title="Zqhidden Act", is_published=False)
    body = body_of(client.get(reverse("exports:followthemoney")))
    assert "Zqpublic Person" in body and "Zqpublic Actor" in body
    for hidden in ("Zqwithheld Person", "Zqdraft Person", "Zqwithheld Actor", "Zqhidden Act"):
        assert hidden not in body
