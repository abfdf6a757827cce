"""Finished CSV exports kept as files per query and site version (ledger.caching.exports): the same
bytes again without the database's work, and never a file from before a write."""

import pytest
from django.db import OperationalError
from django.http import FileResponse
from django.urls import reverse

from ledger.caching.exports import written_beside
from prisoners.models import Person, Visibility
from tests import factories as f
from tests.admin.test_editing import change_form, person_url

CSV = "/prisoners/export.csv"


@pytest.fixture(autouse=True)
def export_cache(settings, tmp_path):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_VERSION_TTL = 0
    settings.EXPORT_CACHE_DIR = str(tmp_path / "exports")
    return tmp_path / "exports"


def download(client, url=CSV, **query):
    response = client.get(url, query)
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


def files_in(directory):
    return sorted(path.name for path in directory.iterdir()) if directory.exists() else []


@pytest.mark.django_db
def test_the_second_download_is_the_same_file_without_the_database(
    client, export_cache, django_assert_max_num_queries
):
    f.PersonFactory(display_name="Ihar Losik")
    first, first_bytes = download(client)
    assert not isinstance(first, FileResponse)
    assert len(files_in(export_cache)) == 1

    # The site version, read by the export cache and by the redaction (config.redaction), which
    # keeps the spellings to redact per version: nothing of the record.
    with django_assert_max_num_queries(2):
        second, second_bytes = download(client)

    assert isinstance(second, FileResponse)
    assert second_bytes == first_bytes and b"Ihar Losik" in second_bytes
    assert second["Content-Type"] == "text/csv; charset=utf-8"
    assert second["Content-Disposition"] == first["Content-Disposition"]


@pytest.mark.django_db
def test_each_query_has_its_file_whatever_the_order_of_its_filters(client, export_cache):
    f.PersonFactory(display_name="Zqbelarusian", citizenships=["BY"])
    f.PersonFactory(display_name="Zqpolish", citizenships=["PL"])
    download(client, citizenship="BY", sort="name")
    _, belarusians = download(client, sort="name", citizenship="BY")
    assert len(files_in(export_cache)) == 1
    _, everyone = download(client)
    assert len(files_in(export_cache)) == 2
    assert b"Zqbelarusian" in belarusians and b"Zqpolish" not in belarusians
    assert b"Zqbelarusian" in everyone and b"Zqpolish" in everyone


@pytest.mark.django_db
def test_a_withheld_person_is_in_no_file_served_after_the_save(
    client, publisher_client, export_cache, django_capture_on_commit_callbacks
):
    person = f.PersonFactory(display_name="Zqexported Person")
    assert b"Zqexported" in download(client)[1]

    data = change_form(publisher_client, person_url(person))
    data["visibility"] = Visibility.WITHHELD
    with django_capture_on_commit_callbacks(execute=True):
        assert publisher_client.post(person_url(person), data).status_code == 302
    assert Person.private_objects.get(pk=person.pk).visibility == Visibility.WITHHELD

    response, body = download(client)
    assert not isinstance(response, FileResponse)
    assert b"Zqexported" not in body
    assert b"Zqexported" not in download(client)[1]
    [kept] = files_in(export_cache)  # the older version's file is gone
    assert b"Zqexported" not in (export_cache / kept).read_bytes()


def test_a_download_cut_short_leaves_no_file(tmp_path):
    """The server closes the response's iterator when the client goes away."""
    path = tmp_path / "key.7.csv"
    stream = written_beside(iter([b"header\r\n", b"row 1\r\n", b"row 2\r\n"]), path, "key")
    assert next(stream) == b"header\r\n"
    stream.close()
    assert list(tmp_path.iterdir()) == []


def test_rows_that_fail_leave_no_file(tmp_path):
    def rows():
        yield b"header\r\n"
        raise OperationalError("the database went away")

    path = tmp_path / "key.7.csv"
    with pytest.raises(OperationalError):
        list(written_beside(rows(), path, "key"))
    assert list(tmp_path.iterdir()) == []


def test_a_whole_stream_is_kept_and_replaces_older_versions(tmp_path):
    (tmp_path / "key.6.csv").write_bytes(b"old")
    (tmp_path / "other.6.csv").write_bytes(b"another query")
    path = tmp_path / "key.7.csv"
    assert b"".join(written_beside(iter([b"a\r\n", b"b\r\n"]), path, "key")) == b"a\r\nb\r\n"
    assert files_in(tmp_path) == ["key.7.csv", "other.6.csv"]
    assert path.read_bytes() == b"a\r\nb\r\n"


@pytest.mark.django_db
def test_bad_filters_are_refused_and_nothing_is_kept(client, export_cache):
    response = client.get(CSV, {"sentence_min": "many"})
    assert response.status_code == 400
    assert files_in(export_cache) == []


@pytest.mark.django_db
def test_with_the_page_cache_off_every_export_is_made_afresh(client, settings, export_cache):
    settings.PAGE_CACHE_ENABLED = False
    f.PersonFactory()
    download(client)
    assert files_in(export_cache) == []


@pytest.mark.django_db
def test_the_release_and_deal_exports_are_kept_too(client, export_cache):
    f.ReleaseFactory(title="Zqkept Release")
    url = reverse("releases:release-csv")
    first = download(client, url)[1]
    second, again = download(client, url)
    assert isinstance(second, FileResponse) and again == first and b"Zqkept" in again


def test_a_disk_that_fails_costs_the_file_not_the_export(tmp_path):
    not_a_directory = tmp_path / "exports"
    not_a_directory.write_text("a file where the directory should be")
    stream = written_beside(iter([b"a\r\n", b"b\r\n"]), not_a_directory / "key.7.csv", "key")
    assert list(stream) == [b"a\r\n", b"b\r\n"]
    assert files_in(tmp_path) == ["exports"]


@pytest.mark.django_db
def test_a_kept_file_is_written_redacted_and_served_as_written(client, export_cache, monkeypatch):
    """The file holds what the public may read (a hidden person's name already withheld), so a
    later download is the file's bytes, not 43 MB read again for names (docs/performance.md)."""
    f.PersonFactory(display_name="Zqhidden Persona", visibility=Visibility.WITHHELD)
    f.PersonFactory(display_name="Ihar Losik", role="Shared a cell with Zqhidden Persona.")
    _, first_bytes = download(client)
    assert b"Zqhidden" not in first_bytes and b"[name withheld]" in first_bytes
    (kept,) = export_cache.iterdir()
    assert b"Zqhidden" not in kept.read_bytes()
    assert b"Shared a cell with [name withheld]." in kept.read_bytes()

    def no_second_reading(*args, **kwargs):
        raise AssertionError("a kept file was redacted again")

    monkeypatch.setattr("prisoners.mentions.Mentions.plain", no_second_reading)
    second, second_bytes = download(client)
    assert isinstance(second, FileResponse)
    assert second_bytes == first_bytes
