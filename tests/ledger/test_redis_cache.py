"""The Redis cache the settings build (config.redis_cache): Django's, with its client kept
between calls, so that two app servers (here two cache objects) still share every value."""

from config.caches import cache_settings
from config.redis_cache import RedisCache
from tests.security.test_rate_limits import REDIS_URL, shared_redis  # noqa: F401 (a fixture)


def test_the_settings_use_the_kept_client_wherever_they_name_djangos_redis_cache():
    caches = cache_settings(
        {
            "CACHE_BACKEND": "django.core.cache.backends.redis.RedisCache",
            "CACHE_LOCATION": REDIS_URL,
            "LIMITS_CACHE_URL": REDIS_URL,
        }
    )
    assert caches["default"]["BACKEND"] == "config.redis_cache.RedisCache"
    assert caches["limits"]["BACKEND"] == "config.redis_cache.RedisCache"
    other = cache_settings({"CACHE_BACKEND": "django.core.cache.backends.dummy.DummyCache"})
    assert other["default"]["BACKEND"] == "django.core.cache.backends.dummy.DummyCache"


def test_one_client_serves_every_call_and_two_servers_share_their_values(shared_redis):  # noqa: F811
    first, second = RedisCache(REDIS_URL, {}), RedisCache(REDIS_URL, {})
    assert first._cache.get_client() is first._cache.get_client()
    assert first._cache.get_client(write=True) is first._cache.get_client()  # one server
    first.set("page:1", b"rendered once", 60)
    assert second.get("page:1") == b"rendered once"
    second.delete("page:1")
    assert first.get("page:1") is None
    assert first.add("generation", "a") and not second.add("generation", "b")
    assert second.get("generation") == "a"
