"""The read-only API: the lists' filters, pagination, what a withheld person looks like, dates with
their precision, inline citations, the rate limit, CORS, and the schema and docs pages."""

import csv
import datetime
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ledger.publication import WITHHELD_PERSON
from prisoners.models import DatePrecision, Status, Visibility
from tests import factories as f

API = "/api"


def get_json(client, url, data=None, status=200):
    response = client.get(url, data or {})
    assert response.status_code == status, (url, data, response.content[:500])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def csv_slugs(client, url, data):
    response = client.get(url, data)
    text = b"".join(response.streaming_content).decode()
    return [row["slug"] for row in csv.DictReader(io.StringIO(text))]


def page_slugs(client, url, data, prefix):
    body = client.get(url, data).content.decode()
    return list(dict.fromkeys(re.findall(rf'href="{prefix}([a-z0-9-]+)/"', body)))


@pytest.fixture
def people(db):
    lt = f.PersonFactory(display_name="Ales Bialiatski", citizenships=["BY", "LT"])
    f.DetentionFactory(person=lt, detained_on=datetime.date(2021, 7, 14))
    freed = f.PersonFactory(display_name="Siarhei Tsikhanouski")
    f.DetentionFactory(person=freed, detained_on=datetime.date(2020, 5, 29))
    release = f.ReleaseFactory(slug="june-2025", released_on=datetime.date(2025, 6, 21))
    f.ReleasedPersonFactory(release=release, person=freed)
    journalist = f.OccupationFactory(name="journalist", slug="journalist")
    reporter = f.PersonFactory(display_name="Andrzej Poczobut", citizenships=["BY", "PL"])
    reporter.occupations.add(journalist)
    f.PersonNameFactory(person=reporter, name="Андрэй Пачобут", language="be", script="Cyrl")
    f.PersonFactory(display_name="Hidden Person", slug="hidden", visibility=Visibility.WITHHELD)
    return {"lt": lt, "freed": freed, "reporter": reporter, "release": release}


PEOPLE_QUERIES = [
    {},
    {"status": Status.HELD},
    {"status": Status.DEPORTED},
    {"citizenship": "LT"},
    {"occupation": "journalist"},
    {"release": "june-2025"},
    {"q": "Пачобут"},
    {"q": "Bialiatsky"},
    {"detained_from": "2021-01-01"},
    {"sort": "-detained"},
]


@pytest.mark.parametrize("query", PEOPLE_QUERIES, ids=lambda q: "&".join(map(str, q.items())))
def test_people_api_filters_as_the_page_and_the_csv_do(client, people, query):
    api = [person["slug"] for person in get_json(client, f"{API}/people/", query)["results"]]
    assert api == csv_slugs(client, reverse("prisoners:person-csv"), query)
    assert api == page_slugs(client, reverse("prisoners:person-list"), query, "/prisoners/")
    assert "hidden" not in api


def test_people_filters_give_what_they_say(client, people):
    held = get_json(client, f"{API}/people/", {"status": Status.HELD})["results"]
    assert {p["slug"] for p in held} == {people["lt"].slug}
    found = get_json(client, f"{API}/people/", {"q": "Пачобут"})["results"]
    assert [p["slug"] for p in found] == [people["reporter"].slug]


@pytest.mark.parametrize("query", [{}, {"year": "2025"}, {"broker": "US"}, {"order": "oldest"}])
def test_releases_api_filters_as_the_page_and_the_csv_do(client, db, query):
    for day in [datetime.date(2024, 7, 3), datetime.date(2025, 9, 11)]:
        f.ReleaseFactory(released_on=day, broker="US" if day.year == 2025 else "")
    f.ReleaseFactory(slug="draft-release", is_published=False)
    api = [r["slug"] for r in get_json(client, f"{API}/releases/", query)["results"]]
    assert api == csv_slugs(client, reverse("releases:release-csv"), query)
    assert "draft-release" not in api and api


def test_deals_api_filters_as_the_csv_does(client, db):
    f.DealFactory(slug="belavia", parties=["US", "BY"], announced_on=datetime.date(2025, 9, 11))
    f.DealFactory(slug="potash", parties=["LT", "BY"], announced_on=datetime.date(2024, 1, 5))
    for query in [{}, {"party": "LT"}, {"year": "2025"}]:
        api = [d["slug"] for d in get_json(client, f"{API}/deals/", query)["results"]]
        assert api == csv_slugs(client, reverse("releases:deal-csv"), query)
    assert [d["slug"] for d in get_json(client, f"{API}/deals/", {"party": "LT"})["results"]] == [
        "potash"
    ]


def test_an_invalid_filter_is_a_400_naming_the_field(client, people):
    body = get_json(client, f"{API}/people/", {"status": "nonsense"}, status=400)
    assert "status" in body
    body = get_json(client, f"{API}/people/", {"held_on": "not-a-date"}, status=400)
    assert "held_on" in body


def test_pagination_pages_and_a_page_past_the_end_is_a_404(client, db):
    for n in range(5):
        f.PersonFactory(display_name=f"Person {n}")
    first = get_json(client, f"{API}/people/", {"page_size": 2})
    assert first["count"] == 5 and len(first["results"]) == 2 and first["previous"] is None
    assert "page=2" in first["next"]
    last = get_json(client, f"{API}/people/", {"page_size": 2, "page": 3})
    assert len(last["results"]) == 1 and last["next"] is None
    assert get_json(client, f"{API}/people/", {"page": 9}, status=404)["detail"]


def test_only_public_people_have_a_record_and_slugs_are_the_sites(client, people):
    person = get_json(client, f"{API}/people/{people['reporter'].slug}/")
    assert person["slug"] == people["reporter"].slug
    assert person["html_url"] == f"http://127.0.0.1:8000/prisoners/{person['slug']}/"
    assert person["url"] == f"http://127.0.0.1:8000/api/people/{person['slug']}/"
    assert person["other_names"][0]["name"] == "Андрэй Пачобут"
    assert person["occupations"] == [{"slug": "journalist", "name": "journalist"}]
    for slug in ["hidden", "no-such-person"]:
        assert get_json(client, f"{API}/people/{slug}/", status=404)["detail"]
    assert get_json(client, f"{API}/nowhere/", status=404)["detail"]


def test_dates_carry_their_precision(client, db):
    f.ReleaseFactory(
        slug="spring",
        released_on=datetime.date(2025, 3, 1),
        released_on_precision=DatePrecision.MONTH,
    )
    release = get_json(client, f"{API}/releases/spring/")
    assert release["released_on"] == {
        "date": "2025-03-01",
        "precision": "month",
        "text": "March 2025",
    }


def test_links_and_citations_inline(client, people):
    source = f.SourceFactory(slug="viasna", name="Viasna")
    detention = people["freed"].detentions.get()
    f.CitationFactory(source=source, content_object=detention, url="https://spring96.org/x")
    deal = f.DealFactory(slug="belavia")
    deal.releases.add(people["release"])
    person = get_json(client, f"{API}/people/{people['freed'].slug}/")
    [cited] = person["detentions"][0]["citations"]
    assert cited["url"] == "https://spring96.org/x"
    assert cited["source"]["slug"] == "viasna"
    assert cited["source"]["url"].endswith("/api/sources/viasna/")
    [outcome] = person["releases"]
    assert outcome["release"]["slug"] == "june-2025" and outcome["outcome"] == "deported"
    release = get_json(client, f"{API}/releases/june-2025/")
    assert [d["slug"] for d in release["deals"]] == ["belavia"]
    assert [p["person"]["slug"] for p in release["freed"]] == [people["freed"].slug]
    citations = get_json(client, f"{API}/citations/", {"source": "viasna"})["results"]
    assert [c["record"]["type"] for c in citations] == ["detention"]
    assert citations[0]["record"]["html_url"].endswith(people["freed"].get_absolute_url())


def test_a_withheld_person_is_counted_never_named(client, db):
    release = f.ReleaseFactory(slug="r")
    hidden = f.PersonFactory(display_name="Zqhidden Name", visibility=Visibility.WITHHELD)
    f.ReleasedPersonFactory(release=release, person=hidden)
    f.ReleasedPersonFactory(release=release)
    f.ClaimFactory(subject=release, claimed_by=None, claimed_by_person=hidden)
    f.DealFactory(slug="d", announced_by=f.ActorFactory(visibility=Visibility.WITHHELD))
    body = get_json(client, f"{API}/releases/r/")
    assert (body["named_count"], body["withheld_count"], len(body["freed"])) == (1, 1, 1)
    assert body["claims"][0]["claimed_by_person"] == WITHHELD_PERSON
    assert get_json(client, f"{API}/deals/d/")["announced_by"] == WITHHELD_PERSON
    for url in ["/releases/", "/claims/", "/people/", "/deals/"]:
        assert "Zqhidden" not in client.get(f"{API}{url}").content.decode()


def test_claims_filter_by_what_they_are_about(client, db):
    release = f.ReleaseFactory()
    headline = f.ClaimFactory(topic="Held now")
    about = f.ClaimFactory(topic="Freed", subject=release)
    f.ClaimFactory(topic="Secret", subject=f.ReleaseFactory(is_published=False))
    ids = {c["id"] for c in get_json(client, f"{API}/claims/")["results"]}
    assert ids == {headline.public_id, about.public_id}
    [only] = get_json(client, f"{API}/claims/", {"about": "headline"})["results"]
    assert only["id"] == headline.public_id and only["subject"] is None
    [only] = get_json(client, f"{API}/claims/", {"about": "release"})["results"]
    assert only["subject"]["slug"] == release.slug


def query_count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("kind", ["people", "releases", "deals", "claims", "citations"])
def test_a_page_costs_the_same_queries_whatever_its_length(client, db, kind):
    def add_records():
        person = f.PersonFactory()
        detention = f.DetentionFactory(person=person)
        f.StayFactory(person=person)
        f.RecognitionFactory(person=person)
        release = f.ReleaseFactory()
        f.ReleasedPersonFactory(release=release, person=person)
        f.NotableOmissionFactory(release=release)
        f.ReportedBreakdownFactory(release=release)
        deal = f.DealFactory()
        deal.releases.add(release)
        f.ConcessionFactory(deal=deal)
        for record in [person, detention, release, deal]:
            f.CitationFactory(content_object=record)
            f.ClaimFactory(subject=record) if hasattr(record, "claims") else None

    add_records()
    # Values kept once per version of the record (the spellings to redact, the filter choices)
    # are read by the first answer only: count from the second.
    query_count(client, f"{API}/{kind}/")
    few = query_count(client, f"{API}/{kind}/")
    for _ in range(3):
        add_records()
    assert query_count(client, f"{API}/{kind}/") == few


def test_429_after_the_limit_with_retry_after_and_a_clear_message(client, db, settings):
    settings.API_ANON_RATE = "3/minute"
    for _ in range(3):
        assert client.get(f"{API}/sources/").status_code == 200
    response = client.get(f"{API}/people/")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    detail = response.json()["detail"]
    assert "3/minute" in detail and "Try again in" in detail and "/data/" in detail
    # The site's pages and feeds are not the API: no limit there.
    assert client.get(reverse("prisoners:person-list")).status_code == 200


def test_the_api_is_never_served_from_the_page_cache(client, db, settings):
    settings.PAGE_CACHE_ENABLED = True
    for _ in range(2):
        response = client.get(f"{API}/sources/")
        assert response.status_code == 200 and "X-Cache" not in response
    assert client.get(reverse("prisoners:source-list"))["X-Cache"] == "miss"


def test_cors_is_open_for_reading_the_api_only(client, db):
    origin = {"HTTP_ORIGIN": "https://newsroom.example"}
    assert client.get(f"{API}/people/", **origin)["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Origin" not in client.get("/prisoners/", **origin)
    assert "Access-Control-Allow-Origin" not in client.get("/feeds/releases/", **origin)
    preflight = client.options(f"{API}/people/", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET", **origin)
    allowed = {m.strip() for m in preflight["Access-Control-Allow-Methods"].split(",")}
    assert allowed == {"GET", "HEAD", "OPTIONS"}
    assert client.post(f"{API}/people/", {}, **origin).status_code == 405


def test_schema_and_docs_are_served_without_a_cdn(client, db):
    schema = client.get(f"{API}/schema/", {"format": "json"}).json()
    assert schema["openapi"].startswith("3.")
    assert {"/api/people/", "/api/releases/{slug}/", "/api/citations/"} <= set(schema["paths"])
    people = schema["paths"]["/api/people/"]["get"]
    assert {"q", "status", "citizenship", "held_on", "page"} <= {
        p["name"] for p in people["parameters"]
    }
    docs = client.get(f"{API}/docs/").content.decode()
    assert "drf_spectacular_sidecar/redoc" in docs
    assert not re.findall(r'(?:src|href)="(?:https?:)?//', docs)


def test_a_page_number_given_twice_is_refused(db, client):
    response = client.get("/api/deals/?page=2&page=")
    assert response.status_code == 400
    assert response.json() == {"page": ["Give it once."]}
