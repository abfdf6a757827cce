"""Kept at this address for django-axes (`AXES_CLIENT_IP_CALLABLE`): the function lives in
`ledger.client_address`, below the public pages that throttle by it too."""

from ledger.client_address import client_ip

__all__ = ["client_ip"]
