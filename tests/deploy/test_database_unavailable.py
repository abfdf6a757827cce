"""While the database is unreachable the site answers 503 with a page of its own, rendered
without a query, and with a Retry-After; the next request after it returns is served normally.
An error that is not about the database stays a 500.

The outage is simulated with an execute wrapper that fails every query as a dropped connection
does (the real restart is in `make loadtest`, docs/deploy.md).
"""

import pytest
from django.core.cache import caches
from django.db import InterfaceError, OperationalError, connection
from django.test import Client

pytestmark = pytest.mark.django_db


class Outage:
    """Every query fails while it lasts; counts the queries that were tried."""

    def __init__(self, error=OperationalError):
        self.error = error
        self.tried = 0

    def __call__(self, execute, sql, params, many, context):
        self.tried += 1
        raise self.error("server closed the connection unexpectedly")


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_page_during_an_outage_is_a_designed_503(visitor, error):
    outage = Outage(error)
    with connection.execute_wrapper(outage):
        response = visitor.get("/prisoners/")

    assert outage.tried >= 1  # the view did try the database
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "10"
    assert "no-store" in response.headers["Cache-Control"]
    assert response.headers["Content-Type"].startswith("text/html")
    body = response.content.decode()
    assert "<h1>The ledger is briefly unavailable</h1>" in body
    assert "Release Ledger" in body  # the site's own layout, not the server's default
    # The outer middleware still ran: the page is as locked down as any other.
    assert "Content-Security-Policy" in response.headers


def test_an_outage_is_logged_in_one_line_not_a_traceback(visitor, caplog):
    with connection.execute_wrapper(Outage()):
        visitor.get("/releases/")

    outage_lines = [r for r in caplog.records if r.name == "config.errors"]
    assert [r.levelname for r in outage_lines] == ["WARNING"]
    assert "GET /releases/" in outage_lines[0].getMessage()
    assert outage_lines[0].exc_info is None
    assert not [r for r in caplog.records if r.name == "django.request"]


def test_the_503_page_makes_no_query(visitor):
    outage = Outage()
    with connection.execute_wrapper(outage):
        visitor.get("/")
        tried_by_view = outage.tried
        visitor.get("/")
    # The second request tried exactly as many queries as the first: rendering the 503 page
    # added none (a query there would fail again and turn it into a 500).
    assert outage.tried == 2 * tried_by_view


def test_the_site_serves_again_once_the_database_is_back(visitor):
    with connection.execute_wrapper(Outage()):
        assert visitor.get("/releases/").status_code == 503
    assert visitor.get("/releases/").status_code == 200


def test_an_outage_page_is_never_stored_by_the_page_cache(visitor, settings):
    settings.PAGE_CACHE_ENABLED = True
    caches[settings.PAGE_CACHE_ALIAS].clear()
    with connection.execute_wrapper(Outage()):
        assert visitor.get("/deals/").status_code == 503
    response = visitor.get("/deals/")
    assert response.status_code == 200
    assert response.headers["X-Cache"] == "miss"
    caches[settings.PAGE_CACHE_ALIAS].clear()


def test_an_admin_page_during_an_outage_is_a_503_too(editor_client):
    editor_client.raise_request_exception = False
    with connection.execute_wrapper(Outage()):
        response = editor_client.get("/admin/prisoners/person/")
    assert response.status_code == 503


def test_other_errors_stay_a_500(visitor, monkeypatch):
    from pages.releases import deals as views

    def broken(*args, **kwargs):
        raise ValueError("a bug, not an outage")

    monkeypatch.setattr(views.DealListView, "get", broken)
    response = visitor.get("/deals/")
    assert response.status_code == 500
    assert response.headers.get("Cache-Control") != "no-store"
    assert "Retry-After" not in response.headers
    assert b"Something went wrong" in response.content


def test_a_save_whose_version_bump_fails_after_the_commit_still_succeeds(
    django_capture_on_commit_callbacks, monkeypatch, caplog
):
    """The database can drop between a save's COMMIT and the page cache's on-commit bump (it did
    in `make loadtest`): the save is committed, so it must not turn into an error."""
    from ledger.caching import pages as page_cache
    from prisoners.models import Source

    def dropped(alias):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(page_cache, "bump_version", dropped)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        Source.private_objects.create(name="Saved before the drop", slug="saved", kind="other")

    assert len(callbacks) == 1
    assert Source.private_objects.filter(slug="saved").exists()
    assert any("server closed the connection" in r.getMessage() for r in caplog.records)
