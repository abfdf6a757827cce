"""The page cache (ledger.caching.pages): anonymous public pages come from the cache, and any
committed write to the record makes the next request a miss that shows it.

The suite runs with the cache off (PAGE_CACHE_ENABLED is on in production only); these tests turn
it on. Inside a test's transaction nothing commits, so writes run under
`django_capture_on_commit_callbacks(execute=True)`, which runs the on-commit bumps as a commit
would.
"""

import pytest
from django.core.cache import caches
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ledger.caching.pages import current_version
from ledger.models import SiteVersion
from prisoners.models import Person, Status, Visibility
from tests import factories as f
from tests.admin.test_editing import change_form, person_url

LIST = "/prisoners/"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_VERSION_TTL = 0
    # Local memory outlives each test's rolled-back database, whose version starts over.
    caches[settings.PAGE_CACHE_ALIAS].clear()
    yield
    caches[settings.PAGE_CACHE_ALIAS].clear()


@pytest.fixture
def visitor():
    """Anonymous; `client` is the same object as `editor_client` when a test asks for both."""
    return Client()


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.mark.django_db
def test_a_second_visit_is_a_hit_with_one_query(client, django_assert_max_num_queries):
    f.PersonFactory(display_name="Ales Bialiatski", role="human rights defender")
    first = get(client, LIST)
    assert first.headers["X-Cache"] == "miss"

    with django_assert_max_num_queries(1):  # the version, nothing else
        second = get(client, LIST)

    assert second.headers["X-Cache"] == "hit"
    assert second.content == first.content
    assert second.headers["Content-Type"] == first.headers["Content-Type"]
    assert second.headers["X-Frame-Options"] == "DENY"  # headers of the middleware below, kept


@pytest.mark.django_db
def test_a_page_reads_the_version_once_and_its_derived_values_from_memory(client):
    """A filtered list validates its filters against choices kept per version: once read,
    neither a miss nor a hit asks the database for the version again, or the shared cache for
    the choices (nine version queries and five cache reads a page before)."""
    f.PersonFactory(display_name="Ales Bialiatski")
    get(client, "/prisoners/?status=held")  # the choices, computed and kept
    for url in ("/prisoners/?status=held&sort=name", "/prisoners/?status=held&sort=name"):
        with CaptureQueriesContext(connection) as queries:
            response = get(client, url)
        versions = [q for q in queries.captured_queries if "ledger_siteversion" in q["sql"]]
        assert len(versions) == 1, (response.headers["X-Cache"], len(versions))
    assert response.headers["X-Cache"] == "hit"


@pytest.mark.django_db
def test_an_editors_save_makes_the_next_visit_a_miss_showing_it(
    visitor, editor_client, django_capture_on_commit_callbacks
):
    person = f.PersonFactory(display_name="Ales Bialiatski", role="journalist")
    assert "journalist" in get(visitor, LIST).content.decode()
    assert get(visitor, LIST).headers["X-Cache"] == "hit"

    data = change_form(editor_client, person_url(person))
    data["role"] = "trade union leader"
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_client.post(person_url(person), data).status_code == 302

    after = get(visitor, LIST)
    assert after.headers["X-Cache"] == "miss"
    assert "trade union leader" in after.content.decode()
    assert get(visitor, LIST).headers["X-Cache"] == "hit"


@pytest.mark.django_db
def test_a_withheld_person_leaves_the_cached_pages(
    visitor, publisher_client, django_capture_on_commit_callbacks
):
    """Withholding is a publisher's decision (docs/roles.md)."""
    person = f.PersonFactory(display_name="Zqcached Person")
    assert "Zqcached" in get(visitor, LIST).content.decode()
    assert "Zqcached" in get(visitor, person.get_absolute_url()).content.decode()
    assert get(visitor, LIST).headers["X-Cache"] == "hit"

    data = change_form(publisher_client, person_url(person))
    data["visibility"] = Visibility.WITHHELD
    with django_capture_on_commit_callbacks(execute=True):
        assert publisher_client.post(person_url(person), data).status_code == 302
    assert Person.private_objects.get(pk=person.pk).visibility == Visibility.WITHHELD

    listing = get(visitor, LIST)
    assert listing.headers["X-Cache"] == "miss"
    assert "Zqcached" not in listing.content.decode()
    assert visitor.get(person.get_absolute_url()).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_a_bulk_update_outside_any_request_invalidates(client):
    """QuerySet.update() sends no signal: the write watcher sees the UPDATE itself. Autocommit
    here (a transactional test), as in a management command or a shell."""
    person = f.PersonFactory(role="journalist")
    assert get(client, LIST).headers["X-Cache"] == "miss"
    assert get(client, LIST).headers["X-Cache"] == "hit"
    before = current_version()

    Person.private_objects.filter(pk=person.pk).update(role="blogger")

    assert current_version() == before + 1
    after = get(client, LIST)
    assert after.headers["X-Cache"] == "miss"
    assert "blogger" in after.content.decode()


@pytest.mark.django_db(transaction=True)
def test_one_bump_per_transaction_and_none_for_a_rollback():
    before = current_version()
    with transaction.atomic():
        for role in ("journalist", "blogger", "lawyer"):
            Person.private_objects.filter(kind="nobody").update(role=role)
    assert current_version() == before + 1

    with pytest.raises(RuntimeError), transaction.atomic():
        Person.private_objects.filter(kind="nobody").update(role="poet")
        raise RuntimeError("the editor's save failed")
    assert current_version() == before + 1


@pytest.mark.django_db
def test_a_bulk_update_in_a_transaction_bumps_on_commit(client, django_capture_on_commit_callbacks):
    person = f.PersonFactory(role="journalist")
    get(client, LIST)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        Person.private_objects.filter(pk=person.pk).update(status=Status.RELEASED, role="freed")
    after = get(client, LIST)
    assert after.headers["X-Cache"] == "miss"
    assert "freed" in after.content.decode()


@pytest.mark.django_db
def test_a_signed_in_editor_neither_reads_nor_fills_the_cache(visitor, editor_client):
    f.PersonFactory()
    assert get(editor_client, LIST).headers.get("X-Cache") is None  # not even looked up
    assert get(visitor, LIST).headers["X-Cache"] == "miss"  # the editor stored nothing
    assert get(visitor, LIST).headers["X-Cache"] == "hit"
    assert get(editor_client, LIST).headers.get("X-Cache") is None  # the hit is not theirs
    admin = editor_client.get(reverse("admin:prisoners_person_changelist"))
    assert admin.status_code == 200
    assert admin.headers.get("X-Cache") is None


@pytest.mark.django_db
def test_each_query_string_is_its_own_page(client):
    f.PersonFactory(display_name="Zqheld Person")
    held = get(client, f"{LIST}?status=held")
    released = get(client, f"{LIST}?status=released")
    assert held.headers["X-Cache"] == released.headers["X-Cache"] == "miss"
    assert get(client, f"{LIST}?status=held").headers["X-Cache"] == "hit"
    assert get(client, f"{LIST}?status=released").content == released.content
    assert get(client, LIST).headers["X-Cache"] == "miss"


@pytest.mark.django_db
def test_each_language_is_its_own_page(client):
    f.PersonFactory()
    english = get(client, LIST)
    # A Russian browser is sent to the Russian page (pages.languages), a page of its own.
    redirect = client.get(LIST, headers={"accept-language": "ru"})
    assert redirect.status_code == 302
    russian = get(client, redirect.headers["Location"])
    assert russian.headers["X-Cache"] == "miss"
    assert russian.headers["Content-Language"] == "ru"
    assert get(client, LIST).headers["Content-Language"] == english.headers["Content-Language"]


@pytest.mark.django_db
def test_the_csv_export_is_never_cached(client):
    f.PersonFactory(display_name="Zqcsv Person")
    url = reverse("prisoners:person-csv")
    for _ in range(2):
        response = client.get(url)
        assert response.streaming
        assert response.headers["X-Cache"] == "miss"
        assert "Zqcsv" in b"".join(response.streaming_content).decode()


@pytest.mark.django_db
def test_a_view_that_says_private_is_not_stored(client, rf):
    from django.http import HttpResponse

    from ledger.caching.pages import PageCacheMiddleware

    request = rf.get(LIST)
    private = HttpResponse("for one visitor", headers={"Cache-Control": "private"})
    assert not PageCacheMiddleware.may_store(request, private)
    public = HttpResponse("for all", headers={"Vary": "Accept-Language, Cookie"})
    assert PageCacheMiddleware.may_store(request, public)
    assert not PageCacheMiddleware.may_store(request, HttpResponse(headers={"Vary": "User-Agent"}))
    with_cookie = HttpResponse("x")
    with_cookie.set_cookie("tracking", "1")
    assert not PageCacheMiddleware.may_store(request, with_cookie)


@pytest.mark.django_db
def test_not_found_pages_are_not_stored(client):
    assert client.get(f"{LIST}no-such-person/").status_code == 404
    missing = client.get(f"{LIST}no-such-person/")
    assert missing.status_code == 404
    assert missing.headers["X-Cache"] == "miss"


@pytest.mark.django_db
def test_the_version_row_exists_after_migrating():
    assert SiteVersion.objects.filter(pk=SiteVersion.ROW).exists()
