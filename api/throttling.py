from django.conf import settings
from django.core.cache import caches
from rest_framework.throttling import AnonRateThrottle


class AnonymousClientThrottle(AnonRateThrottle):
    """`settings.API_ANON_RATE` requests per client address; None turns the limit off.

    The rate is read at each request rather than once at import (DRF's `THROTTLE_RATES` is bound
    when the class is defined), so that a deployment's environment and a test's
    `override_settings` both take effect; the counters live in the "limits" cache (Redis with
    LIMITS_CACHE_URL, shared by every worker: one client gets 120 a minute from the site, not
    from each worker), where culling whole pages cannot forget them.
    """

    scope = "anon"

    @property
    def cache(self):
        return caches["limits"]

    def get_rate(self):
        return settings.API_ANON_RATE
