"""The visitor's address behind reverse proxies, for the admin sign-in throttle (django-axes) and
the readers' corrections throttle (pages.corrections).

Behind nginx every request comes from the proxy's own address, so throttling by REMOTE_ADDR
would lock every editor out together. Each proxy appends the address it received the request
from to X-Forwarded-For; with TRUSTED_PROXY_COUNT proxies in front, the entry that many places
from the right is the one the outermost proxy saw. Entries further left were written by the
client and prove nothing.
"""

from django.conf import settings


def client_ip(request):
    remote_addr = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXY_COUNT
    if not proxies:
        return remote_addr
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        # Fewer hops than proxies: the request did not come through them all (or the proxies
        # are misconfigured); the header cannot be trusted.
        return remote_addr
    return forwarded[-proxies]
