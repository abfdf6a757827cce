"""History of the editors' accounts: who was given which role, when, and by whom.

Users and groups belong to django.contrib.auth; their history tables live in this app. Password
hashes and login times are left out of the history: they are secrets or noise, not editorial acts.
"""

from django.contrib.auth.models import Group, User
from simple_history import register

register(
    User,
    app="ledger",
    m2m_fields=["groups", "user_permissions"],
    excluded_fields=["password", "last_login"],
)
register(Group, app="ledger", m2m_fields=["permissions"])
