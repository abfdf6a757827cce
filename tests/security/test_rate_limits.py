"""Rate limits on the expensive requests of anonymous clients (ledger.limits) and on the API
(api.throttling), counted in the shared "limits" cache: Redis in production, so that every
worker of every server counts against one limit."""

import os

import pytest
import redis
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.test import Client, override_settings

from ledger.limits import counted, parse_rate
from tests import factories as f

pytestmark = pytest.mark.django_db

CSV = "/prisoners/export.csv"
XLSX = "/prisoners/export.xlsx"
# This worktree's own Redis database (never another's): flushed before and after each test.
REDIS_URL = os.environ.get("LIMITS_TEST_REDIS_URL", "redis://127.0.0.1:6379/7")


@pytest.fixture(autouse=True)
def mid_window(monkeypatch):
    """A fixed clock 20 s into a minute: a window that ended between two requests would reset
    the count and let the one past the limit through (a failure seen once in CI)."""
    monkeypatch.setattr("ledger.limits.clock", lambda: 60 * 16_666_667 + 20.0)


@pytest.fixture
def shared_redis():
    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    yield client
    client.flushdb()


def test_downloads_past_the_limit_get_429_in_words_with_retry_after(settings):
    settings.DOWNLOAD_ANON_RATE = "3/minute"
    f.PersonFactory(display_name="Zqlimited Person")
    client = Client()
    for url in (CSV, XLSX, CSV):
        assert client.get(url).status_code == 200

    refused = client.get(XLSX)
    assert refused.status_code == 429
    assert refused["Content-Type"] == "text/plain; charset=utf-8"
    body = refused.content.decode()
    assert "Too many downloads from your address: at most 3 in 1 minute." in body
    assert int(refused["Retry-After"]) == 41  # to the end of the minute, 20 s in
    assert f"{refused['Retry-After']} second" in body

    # Another address is not held by this one's count.
    assert client.get(CSV, REMOTE_ADDR="203.0.113.9").status_code == 200


def test_the_refusal_is_in_the_language_of_the_address(settings):
    settings.DOWNLOAD_ANON_RATE = "1/minute"
    client = Client()
    assert client.get("/be/prisoners/export.csv").status_code == 200
    refused = client.get("/be/prisoners/export.csv")
    assert refused.status_code == 429
    assert "Занадта шмат спамповак" in refused.content.decode()


def test_a_name_search_is_limited_and_browsing_is_not(settings):
    settings.SEARCH_ANON_RATE = "2/minute"
    client = Client()
    for _ in range(5):
        assert client.get("/prisoners/?status=held").status_code == 200
    assert client.get("/prisoners/?q=losik").status_code == 200
    assert client.get("/prisoners/?q=bialiatski").status_code == 200
    assert client.get("/prisoners/?q=kalesnikava").status_code == 429
    assert client.get("/prisoners/").status_code == 200


def test_a_signed_in_editor_is_not_counted_and_a_forged_cookie_is(settings, editor_client):
    settings.DOWNLOAD_ANON_RATE = "1/minute"
    for _ in range(3):
        assert editor_client.get(CSV).status_code == 200
    forged = Client()
    forged.cookies[settings.SESSION_COOKIE_NAME] = "made-up-session-key"
    assert forged.get(CSV).status_code == 200
    assert forged.get(CSV).status_code == 429


def test_two_workers_with_their_own_redis_clients_share_one_count(shared_redis):
    """Two cache objects, each with its own connection pool, as two gunicorn workers have."""
    first, second = RedisCache(REDIS_URL, {}), RedisCache(REDIS_URL, {})
    rate = parse_rate("4/minute")
    now = 60 * 16_666_667 + 20.0  # 20 s into a minute
    for worker in (first, second, first, second):
        assert counted(worker, "downloads", "198.51.100.7", rate, now=now) is None
    assert counted(second, "downloads", "198.51.100.7", rate, now=now) == 41
    assert counted(first, "downloads", "198.51.100.7", rate, now=now) == 41
    assert counted(first, "downloads", "203.0.113.9", rate, now=now) is None
    assert shared_redis.keys("*limit:downloads:198.51.100.7:*")  # in Redis, not in a process


def test_the_download_limit_counts_in_redis_when_configured(settings, shared_redis):
    settings.DOWNLOAD_ANON_RATE = "2/minute"
    with override_settings(
        CACHES={
            **settings.CACHES,
            "limits": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_URL,
            },
        }
    ):
        assert isinstance(caches["limits"], RedisCache)
        client = Client()
        assert client.get(CSV).status_code == 200
        assert client.get(CSV).status_code == 200
        assert shared_redis.keys("*limit:downloads:127.0.0.1:*")
        # A second worker (a fresh Redis client) sees the count the first one left.
        shared = RedisCache(REDIS_URL, {})
        assert counted(shared, "downloads", "127.0.0.1", parse_rate("2/minute")) is not None
        assert client.get(CSV).status_code == 429


def test_the_api_throttle_counts_in_the_shared_cache(settings, shared_redis):
    settings.API_ANON_RATE = "3/minute"
    with override_settings(
        CACHES={
            **settings.CACHES,
            "limits": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_URL,
            },
        }
    ):
        client = Client()
        for _ in range(3):
            assert client.get("/api/people/").status_code == 200
        assert shared_redis.keys("*throttle_anon_*")  # DRF's history, in Redis for all workers
        refused = client.get("/api/people/")
        assert refused.status_code == 429
        assert int(refused["Retry-After"]) > 0
