"""Junk parameters cannot make the site write a file or render a page of their own: the page cache
and the export files are keyed on the query the list answers (filters.canonical), and the files
kept are bounded in number and bytes (ledger.caching.exports)."""

import os

import pytest
from django.core.cache import caches
from django.http import FileResponse

from filters.canonical import canonical_query
from filters.people import PersonFilter
from pages.people.views import PersonCSVView, PersonListView
from tests import factories as f

CSV = "/prisoners/export.csv"
LIST = "/prisoners/"


@pytest.fixture(autouse=True)
def caches_on(settings, tmp_path):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_VERSION_TTL = 0
    settings.EXPORT_CACHE_DIR = str(tmp_path / "exports")
    caches[settings.PAGE_CACHE_ALIAS].clear()
    yield tmp_path / "exports"
    caches[settings.PAGE_CACHE_ALIAS].clear()


def csv_files(directory):
    return sorted(p.name for p in directory.glob("*.csv")) if directory.exists() else []


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


@pytest.mark.django_db
def test_forty_exports_with_junk_parameters_write_no_new_file(client, caches_on):
    f.PersonFactory(display_name="Zqjunk Person")
    _, first = download(client, CSV)
    assert len(csv_files(caches_on)) == 1
    written = csv_files(caches_on)

    for n in range(40):
        response, body = download(client, f"{CSV}?utm_x={n}")
        assert isinstance(response, FileResponse)  # the kept file, no database work
        assert body == first

    assert csv_files(caches_on) == written


@pytest.mark.django_db
def test_forty_exports_with_junk_also_without_the_page_cache_middleware(client, caches_on):
    """A signed-in session skips the page cache, but the export's key is still canonical."""
    f.PersonFactory(display_name="Zqjunk Person")
    client.cookies["sessionid"] = "not-a-session"
    download(client, f"{CSV}?status=held")
    written = csv_files(caches_on)
    assert len(written) == 1
    for n in range(40):
        download(client, f"{CSV}?status=held&utm_x={n}&fbclid=a{n}")
    assert csv_files(caches_on) == written


@pytest.mark.django_db
def test_forty_pages_with_junk_parameters_render_no_new_page(client):
    f.PersonFactory(display_name="Zqjunk Person")
    assert client.get(f"{LIST}?status=held").headers["X-Cache"] == "miss"

    for n in range(40):
        response = client.get(f"{LIST}?utm_x={n}&status=held&sort=")
        assert response.status_code == 200
        assert response.headers["X-Cache"] == "hit"


@pytest.mark.django_db
def test_the_page_stored_for_a_junk_address_carries_no_junk(client):
    f.PersonFactory(display_name="Zqjunk Person")
    first = client.get(f"{LIST}?utm_campaign=zqtracker&status=held")
    assert first.headers["X-Cache"] == "miss"
    assert b"zqtracker" not in first.content
    assert b"status=held" in first.content  # the CSV link keeps the real filter


@pytest.mark.django_db
def test_a_record_page_ignores_every_parameter(client):
    person = f.PersonFactory(display_name="Zqjunk Person")
    url = person.get_absolute_url()
    assert client.get(url).headers["X-Cache"] == "miss"
    assert client.get(f"{url}?x=1&page=2").headers["X-Cache"] == "hit"


@pytest.mark.django_db
def test_the_canonical_query_keeps_known_filters_in_one_spelling():
    query = canonical_query(
        PersonFilter,
        {
            "utm_x": "1",
            "sort": "",
            "sentence_min": "5.0",
            "held_on": " 2024-01-05 ",
            "q": "  Losik ",
            "page": "1",
        },
        paged=True,
    )
    assert query.urlencode() == "held_on=2024-01-05&q=Losik&sentence_min=5"
    assert PersonListView.canonical_query({"page": "3", "x": "y"}).urlencode() == "page=3"
    assert PersonListView.canonical_query({"page": "abc"}).urlencode() == ""
    assert PersonCSVView.canonical_query({"page": "3"}).urlencode() == ""


@pytest.mark.django_db
def test_a_refused_filter_keeps_its_value_and_the_csv_writes_nothing(client, caches_on):
    assert canonical_query(PersonFilter, {"held_on": "yesterday", "z": "1"}).urlencode() == (
        "held_on=yesterday"
    )
    assert client.get(f"{CSV}?held_on=yesterday").status_code == 400
    assert csv_files(caches_on) == []


@pytest.mark.django_db
def test_the_files_kept_are_bounded_in_number_oldest_out_first(client, settings, caches_on):
    settings.EXPORT_CACHE_MAX_FILES = 3
    f.PersonFactory(display_name="Zqjunk Person")
    orders = ["name", "-name", "detained", "-detained", "sentence"]
    names = []
    for order in orders:
        download(client, f"{CSV}?sort={order}")
        newest = max(caches_on.glob("*.csv"), key=os.path.getmtime)
        names.append(newest.name)
        os.utime(newest, ns=(len(names) * 10**9, len(names) * 10**9))  # distinct ages
    assert csv_files(caches_on) == sorted(names[-3:])


@pytest.mark.django_db
def test_the_files_kept_are_bounded_in_bytes(client, settings, caches_on):
    f.PersonFactory(display_name="Zqjunk Person")
    _, body = download(client, f"{CSV}?sort=name")
    first = csv_files(caches_on)
    os.utime(caches_on / first[0], ns=(10**9, 10**9))
    settings.EXPORT_CACHE_MAX_BYTES = len(body) + len(body) // 2  # room for one file, not two
    download(client, f"{CSV}?sort=-name")
    kept = csv_files(caches_on)
    assert len(kept) == 1 and kept != first
