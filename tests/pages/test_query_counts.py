"""Query counts that must not grow with the data: the source page's claims, the admin's people
export and citizenship filter, and a person page's ceiling."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from prisoners.models import Person, Recogniser
from tests import factories as f

pytestmark = pytest.mark.django_db

# 10, and the site version that config.redaction reads (the hidden spellings are kept per version).
PERSON_PAGE_MAX_QUERIES = 11


def queries_for(client, url, data=None, method="get"):
    getattr(client, method)(url, data or {})  # warm per-process caches (content types)
    with CaptureQueriesContext(connection) as context:
        response = getattr(client, method)(url, data or {})
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
    assert response.status_code == 200, response.status_code
    return context.captured_queries


def claims_about_people(source, count):
    for _ in range(count):
        f.ClaimFactory(claimed_by=source, subject=f.PersonFactory())


def test_source_page_queries_do_not_grow_with_its_claims(client):
    source = f.SourceFactory()
    claims_about_people(source, 3)
    few = len(queries_for(client, source.get_absolute_url()))
    claims_about_people(source, 20)
    assert len(queries_for(client, source.get_absolute_url())) == few


def test_admin_people_export_queries_do_not_grow_with_the_people(editor_client):
    url = reverse("admin:prisoners_person_export")
    form = {"format": "0", "resource": "0"}

    def export_queries():
        return len(queries_for(editor_client, url, form, method="post"))

    for _ in range(3):
        f.PersonNameFactory(person=f.RecognitionFactory().person)
    few = export_queries()
    for _ in range(20):
        f.PersonNameFactory(person=f.RecognitionFactory().person)
    assert export_queries() == few


def test_admin_citizenship_filter_reads_each_combination_once(editor_client):
    for codes in (["BY"], ["BY", "PL"], ["LT"]):
        for _ in range(5):
            f.PersonFactory(citizenships=codes)
    queries = queries_for(editor_client, reverse("admin:prisoners_person_changelist"))
    selects = [q["sql"] for q in queries]
    citizenship_reads = [  # the filter's own query reads only that column
        sql
        for sql in selects
        if '"citizenships"' in (head := sql.split("FROM")[0]) and '"display_name"' not in head
    ]
    assert citizenship_reads, "the filter's lookup query was not found"
    assert all("DISTINCT" in sql for sql in citizenship_reads), citizenship_reads


def test_a_full_person_page_stays_within_its_query_ceiling(client):
    person = f.PersonFactory()
    person.occupations.add(f.OccupationFactory())
    f.PersonNameFactory(person=person)
    detention = f.DetentionFactory(person=person)
    f.ChargeFactory(detention=detention)
    f.StayFactory(person=person)
    f.CitationFactory(content_object=detention)
    release = f.ReleaseFactory(released_on=datetime.date(2025, 9, 11))
    f.NotableOmissionFactory(person=person, release=release)
    f.ClaimFactory(subject=person)
    queries = queries_for(client, person.get_absolute_url())
    assert len(queries) <= PERSON_PAGE_MAX_QUERIES, [q["sql"][:80] for q in queries]


def test_a_person_page_skips_the_records_the_person_does_not_have(client):
    person = f.PersonFactory()
    bare = len(queries_for(client, person.get_absolute_url()))
    f.RecognitionFactory(person=person, recogniser=Recogniser.VIASNA)
    assert len(queries_for(client, person.get_absolute_url())) == bare + 1


# The public test of a citation or claim as `IN (every public id of a kind)`: a person page's
# few rows must be tested on their own records' rows, not against whole tables.
WHOLE_PUBLIC_SET = re.compile(r'"(?:subject_)?object_id" IN \(SELECT')


def test_a_person_pages_citations_test_only_the_records_on_the_page(client):
    person = f.PersonFactory()
    detention = f.DetentionFactory(person=person)
    f.CitationFactory(content_object=person, source=f.SourceFactory(name="Zqperson source"))
    f.CitationFactory(content_object=detention, source=f.SourceFactory(name="Zqarrest source"))
    f.ClaimFactory(subject=person, statement="Zqclaim about the person")
    queries = queries_for(client, person.get_absolute_url())
    assert len(queries) <= PERSON_PAGE_MAX_QUERIES, [q["sql"][:80] for q in queries]
    for query in queries:
        assert not WHOLE_PUBLIC_SET.search(query["sql"]), query["sql"]
    body = client.get(person.get_absolute_url()).content.decode()
    assert all(text in body for text in ("Zqperson source", "Zqarrest source", "Zqclaim about"))


@pytest.mark.parametrize(
    ("url_name", "row_table"),
    [
        ("prisoners:person-list", '"prisoners_detention"'),
        ("releases:release-list", '"releases_releasedperson"'),
    ],
)
def test_a_lists_count_and_page_read_the_rows_of_the_page_only(client, url_name, row_table):
    """The count reads the listed table alone, and a page's per-row figures are subqueries on
    its rows: a join grouped by row would aggregate every matching row before the first 50."""
    for _ in range(3):
        f.ReleasedPersonFactory(person=f.DetentionFactory().person)
    queries = [q["sql"] for q in queries_for(client, reverse(url_name))]
    counts = [sql for sql in queries if sql.startswith("SELECT COUNT(*)")]
    assert len(counts) == 1 and row_table not in counts[0], counts
    [page] = [sql for sql in queries if " LIMIT " in sql and sql not in counts]
    assert f"JOIN {row_table}" not in page, page


def test_the_public_list_index_holds_exactly_the_public_people():
    """PostgreSQL uses a partial index only where the query's condition implies the index's: it
    must stay `public_condition` word for word."""
    [index] = [i for i in Person._meta.indexes if i.name == "person_public_by_name"]
    assert sorted(index.condition.children) == sorted(Person.public_condition().children)
    assert index.fields == ["sort_key"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's JIT compiler")
def test_postgresql_connections_run_without_jit():
    """JIT compiled the release list's page query for 0.2-0.3 s to run it in 0.1 s: pages read
    few rows (config/settings.py, DATABASE_JIT)."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
