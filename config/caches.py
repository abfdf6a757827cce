"""The caches, from the environment (config/settings.py reads them from here to stay short)."""

DJANGO_REDIS = "django.core.cache.backends.redis.RedisCache"
# Django's Redis cache with its client kept between calls (config.redis_cache): the same
# behaviour, a third of the cost per read.
KEPT_CLIENT_REDIS = "config.redis_cache.RedisCache"


def cache_settings(environ) -> dict:
    # Local memory per process by default: the version in the key keeps every process's pages
    # fresh, so nothing has to be shared. CACHE_BACKEND/CACHE_LOCATION point it at a shared cache
    # instead (e.g. django.core.cache.backends.redis.RedisCache, redis://127.0.0.1:6379/1) so
    # that the app servers render each page once between them.
    caches = {
        "default": {
            "BACKEND": environ.get(
                "CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"
            ),
            "LOCATION": environ.get("CACHE_LOCATION", "release-ledger"),
            "KEY_PREFIX": environ.get("CACHE_KEY_PREFIX", ""),
        }
    }
    if caches["default"]["BACKEND"] == DJANGO_REDIS:
        caches["default"]["BACKEND"] = KEPT_CLIENT_REDIS
    if caches["default"]["BACKEND"].endswith("LocMemCache"):
        # Local memory holds whole pages (20-200 KB each) in every worker: a bound on its memory.
        caches["default"]["OPTIONS"] = {"MAX_ENTRIES": int(environ.get("CACHE_MAX_ENTRIES", "500"))}
    # The rate-limit counters of anonymous clients (ledger.limits: downloads and search; and the
    # API, api.throttling), apart from the pages so that culling pages never forgets a client.
    # With LIMITS_CACHE_URL (redis://127.0.0.1:6379/2) they are in Redis, shared by every worker
    # of every app server; without it, in each process's memory, so that each worker counts on
    # its own (development and tests; docs/security.md, "Rate limits").
    limits_url = environ.get("LIMITS_CACHE_URL", "").strip()
    if limits_url:
        caches["limits"] = {
            "BACKEND": KEPT_CLIENT_REDIS,
            "LOCATION": limits_url,
            "KEY_PREFIX": environ.get("CACHE_KEY_PREFIX", ""),
        }
    else:
        caches["limits"] = {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "release-ledger-limits",
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    return caches
