"""Kept at this address for django-axes (`AXES_CLIENT_IP_CALLABLE`): the function lives in
`ledger.limits.addresses`, below the public pages that throttle by it too."""

from ledger.limits.addresses import client_ip

__all__ = ["client_ip"]
