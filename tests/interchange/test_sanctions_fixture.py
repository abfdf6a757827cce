"""The sanctions seed (fixtures/sanctions.yaml): the acts and entities the sources give, each
cited, linked to a concession only where a source says it delivered it."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from prisoners.models import Citation
from releases.delivery import deal_delivery
from releases.models import Deal, SanctionsAct, SanctionsActKind, SanctionsEntity
from tests.factories import load_article

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 7)


@pytest.fixture(autouse=True)
def article_data(db):
    load_article()


def act(reference_or_slug):
    return SanctionsAct.private_objects.get(slug=reference_or_slug)


def test_the_four_acts_the_sources_give():
    acts = {a.slug: a for a in SanctionsAct.private_objects.all()}
    assert set(acts) == {
        "ofac-belarus-general-license-11",
        "ofac-belavia-removed-from-sdn-list",
        "ofac-belarus-general-license-13",
        "us-sanctions-eased-banks-ministry-of-finance-2026-03",
    }
    assert acts["ofac-belarus-general-license-11"].issued_on == datetime.date(2025, 9, 11)
    assert acts["ofac-belavia-removed-from-sdn-list"].kind == SanctionsActKind.DELISTING
    assert acts["ofac-belavia-removed-from-sdn-list"].issued_on == datetime.date(2025, 11, 4)
    assert acts["ofac-belarus-general-license-13"].issued_on == datetime.date(2025, 12, 15)
    # The March 2026 source gives the month only.
    assert acts["us-sanctions-eased-banks-ministry-of-finance-2026-03"].issued_on_precision == (
        "month"
    )


def test_both_belavia_acts_are_about_one_belavia():
    belavia = SanctionsEntity.private_objects.get(slug="belavia")
    assert sorted(a.slug for a in belavia.acts.all()) == [
        "ofac-belarus-general-license-11",
        "ofac-belavia-removed-from-sdn-list",
    ]


def test_general_license_13_names_the_three_potash_companies():
    names = {e.name for e in act("ofac-belarus-general-license-13").entities.all()}
    assert names == {"Belaruskali", "Belarusian Potash Company", "Agrorozkvit"}


def test_every_act_and_entity_has_a_citation():
    for model in (SanctionsAct, SanctionsEntity):
        content_type = ContentType.objects.get_for_model(model)
        cited = set(
            Citation.private_objects.filter(content_type=content_type).values_list(
                "object_id", flat=True
            )
        )
        missing = set(model.private_objects.values_list("pk", flat=True)) - cited
        assert not missing, f"{model.__name__} without a citation: {sorted(missing)}"


def test_no_identifier_the_sources_do_not_give():
    assert not SanctionsEntity.private_objects.exclude(
        ofac_sdn_id="", wikidata_id="", opensanctions_id=""
    ).exists()


def test_belavia_deal_shows_the_delisting_54_days_after_the_september_release():
    deal = Deal.public_objects.with_list_details().get(slug="belavia-sanctions-relief-gl-11")
    delivery = deal_delivery(deal, TODAY)
    assert delivery.release.released_on == datetime.date(2025, 9, 11)
    by_slug = {each.act.slug: each for each in delivery.acts}
    delisting = by_slug["ofac-belavia-removed-from-sdn-list"]
    assert delisting.days_after_release == 54
    # It concerns Belavia but no source ties it to this deal.
    assert delisting.delivers is False
    licence = by_slug["ofac-belarus-general-license-11"]
    assert (licence.days_after_release, licence.delivers) == (0, True)


def test_potash_deal_shows_general_license_13_two_days_after_the_announcement():
    deal = Deal.public_objects.with_list_details().get(slug="potash-sanctions-relief-gl-13")
    delivery = deal_delivery(deal, TODAY)
    [concession] = delivery.concessions
    [delivered] = concession.acts
    assert delivered.act.issued_on == datetime.date(2025, 12, 15)
    assert delivered.days_after_announcement == 2
    assert delivered.days_after_release == 2
    assert delivery.outstanding == []


def test_month_precision_gives_no_count_of_days():
    deal = Deal.public_objects.with_list_details().get(slug="banks-potash-sanctions-2026-03")
    delivery = deal_delivery(deal, TODAY)
    assert [a.days_after_release for a in delivery.acts] == [None]
    assert len(delivery.concessions) == 2 and delivery.outstanding == []


def test_a_concession_without_an_act_is_outstanding():
    act("ofac-belarus-general-license-13").delivers.clear()
    deal = Deal.public_objects.with_list_details().get(slug="potash-sanctions-relief-gl-13")
    delivery = deal_delivery(deal, TODAY)
    assert [c.concession.pk for c in delivery.outstanding] == [3]
