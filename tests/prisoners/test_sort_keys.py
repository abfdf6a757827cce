"""Names sort as a reader expects: "Šumass" among the S's, Cyrillic names among the Latin ones by
their transliteration, in every list and on both databases (a stored key, not a collation)."""

import csv
import io
import re

import pytest
from django.db import models
from django.urls import reverse

from prisoners.models import Person
from releases.models import ReleasedPerson
from tests import factories as f
from transliteration import sort_key

pytestmark = pytest.mark.django_db

#: In reading order; the Cyrillic one sorts as "Tsikhanouski".
READING_ORDER = ["sannikov", "sumass", "tsikhanouski", "yarashuk"]


@pytest.fixture
def people():
    made = {
        "yarashuk": f.PersonFactory(display_name="Aliaksandr Yarashuk", slug="yarashuk"),
        "tsikhanouski": f.PersonFactory(display_name="Сяргей Ціханоўскі", slug="tsikhanouski"),
        "sumass": f.PersonFactory(display_name="Ivars Šumass", slug="sumass"),
        "sannikov": f.PersonFactory(display_name="Andrei Sannikov", slug="sannikov"),
    }
    return made


def test_the_key_folds_accents_case_punctuation_and_script():
    assert sort_key("Šumass, Ivars") == "sumass ivars"
    assert sort_key("Ціханоўскі, Сяргей") == "tsikhanouski syargey"
    assert sort_key("ŁUKASZENKA,  Alaksandr") == "lukaszenka alaksandr"
    assert sort_key("") == ""


def test_a_saved_person_gets_the_key_from_the_sort_name(people):
    assert Person.private_objects.get(slug="sumass").sort_key == "sumass ivars"
    person = people["sumass"]
    person.sort_name = "Šumass-Ozoliņš, Ivars"
    person.save()
    person.refresh_from_db()
    assert person.sort_key == "sumass ozolins ivars"


def test_a_bulk_insert_fills_the_key_too():
    models.QuerySet(Person).bulk_create(
        [Person(display_name="Ivars Šumass", slug="bulk-sumass", kind="prisoner")]
    )
    assert Person.private_objects.get(slug="bulk-sumass").sort_key == "sumass ivars"


def test_the_people_page_sorts_by_the_key(client, people):
    body = client.get(reverse("prisoners:person-list")).content.decode()
    slugs = list(dict.fromkeys(re.findall(r'href="/prisoners/([a-z0-9-]+)/"', body)))
    assert [s for s in slugs if s in people] == READING_ORDER


def test_the_name_sort_reversed_is_the_reverse(client, people):
    body = client.get(reverse("prisoners:person-list"), {"sort": "-name"}).content.decode()
    slugs = list(dict.fromkeys(re.findall(r'href="/prisoners/([a-z0-9-]+)/"', body)))
    assert [s for s in slugs if s in people] == READING_ORDER[::-1]


def test_the_csv_sorts_by_the_key(client, people):
    response = client.get(reverse("prisoners:person-csv"))
    text = b"".join(response.streaming_content).decode()
    assert [row["slug"] for row in csv.DictReader(io.StringIO(text))] == READING_ORDER


def test_the_api_sorts_by_the_key(client, people):
    results = client.get("/api/people/").json()["results"]
    assert [person["slug"] for person in results] == READING_ORDER


def test_the_admin_list_sorts_by_the_key(admin_client, people):
    response = admin_client.get(reverse("admin:prisoners_person_changelist"))
    shown = [person.slug for person in response.context["cl"].result_list]
    assert shown == READING_ORDER


def test_a_release_lists_its_people_by_the_key(people):
    release = f.ReleaseFactory()
    for person in people.values():
        f.ReleasedPersonFactory(release=release, person=person)
    shown = ReleasedPerson.private_objects.filter(release=release)
    assert [rp.person.slug for rp in shown] == READING_ORDER
