"""Admin sign-in throttling (django-axes): the fifth wrong password for one username, from any
addresses, locks that account for five minutes with a page that says so, and the sixth attempt is
refused even with the right password; so does the fifth failure from one address over any
usernames; a successful sign-in clears the count (docs/security.md, "Admin sign-in")."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.test import Client
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
ATTACKER = "198.51.100.7"


@pytest.fixture
def editor():
    user = f.EditorFactory(username="ada")
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in(client, password, username="ada", address=ATTACKER):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=address,
    )


def signed_in(client):
    return "_auth_user_id" in client.session


def fail(client, times, **kwargs):
    for _ in range(times):
        response = sign_in(client, "wrong password", **kwargs)
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()
        assert not signed_in(client)


def age_attempts(minutes):
    """Move every recorded failure this many minutes into the past."""
    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - datetime.timedelta(minutes=minutes)
    )


def lock_out(client, **kwargs):
    """Four wrong passwords get the form again; the fifth gets the lockout page."""
    fail(client, 4, **kwargs)
    fifth = sign_in(client, "wrong password", **kwargs)
    assert fifth.status_code == 429
    assert "Too many failed sign-in attempts" in fifth.content.decode()


def test_the_sixth_attempt_is_refused_even_with_the_right_password(editor):
    client = Client()
    lock_out(client)

    response = sign_in(client, PASSWORD)

    assert response.status_code == 429
    assert not signed_in(client)
    body = response.content.decode()
    assert "Too many failed sign-in attempts" in body
    assert "5 minutes" in body
    assert reverse("admin:login") not in response.get("Location", "")


def test_the_lockout_ends_after_five_minutes(editor):
    client = Client()
    lock_out(client)
    assert sign_in(client, PASSWORD).status_code == 429

    age_attempts(minutes=6)

    assert sign_in(client, PASSWORD).status_code == 302
    assert signed_in(client)


def test_each_attempt_during_the_lockout_starts_the_wait_again(editor):
    client = Client()
    lock_out(client)
    age_attempts(minutes=3)
    assert sign_in(client, PASSWORD).status_code == 429  # 3 minutes in: still locked

    age_attempts(minutes=3)  # 6 minutes after the fifth failure, 3 after the last try
    assert sign_in(client, PASSWORD).status_code == 429
    age_attempts(minutes=6)
    assert sign_in(client, PASSWORD).status_code == 302


def test_a_successful_sign_in_resets_the_count(editor):
    client = Client()
    fail(client, 4)
    assert sign_in(client, PASSWORD).status_code == 302
    client.logout()

    fail(client, 4)
    assert sign_in(client, PASSWORD).status_code == 302
    assert signed_in(client)


def test_thirty_wrong_passwords_from_thirty_addresses_lock_the_account_briefly(editor):
    """Guessing from many addresses counts against the account: the right password alone, from
    yet another address, does not open the admin until the short cool-off has passed."""
    for n in range(30):
        response = sign_in(Client(), "wrong password", address=f"198.51.100.{n + 1}")
        assert response.status_code in (200, 429)
        assert AccessAttempt.objects.filter(username="ada").count() == n + 1

    owner = Client()
    response = sign_in(owner, PASSWORD, address="203.0.113.9")
    assert response.status_code == 429
    assert not signed_in(owner)
    assert owner.get(reverse("admin:index")).status_code == 302  # to the sign-in page

    age_attempts(minutes=6)  # a stranger cannot keep her out for long without failing again
    assert sign_in(owner, PASSWORD, address="203.0.113.9").status_code == 302
    assert signed_in(owner)
    assert owner.get(reverse("admin:index")).status_code == 200


def test_one_address_failing_over_many_usernames_is_locked(editor):
    attacker = Client()
    for n in range(4):
        assert sign_in(attacker, "wrong password", username=f"guess{n}").status_code == 200
    assert sign_in(attacker, "wrong password", username="guess5").status_code == 429
    assert sign_in(attacker, PASSWORD).status_code == 429  # the address, whatever the account

    # Ada herself, from her own address, is not held by that address's lock.
    assert sign_in(Client(), PASSWORD, address="203.0.113.9").status_code == 302


def test_the_client_address_comes_from_the_trusted_proxy(rf, settings):
    from config.proxy import client_ip

    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.1.1.1, 203.0.113.9")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "127.0.0.1"  # no proxy: a forged header is ignored
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.9"  # what the one proxy saw, not what was claimed
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request) == "10.1.1.1"
    settings.TRUSTED_PROXY_COUNT = 3  # fewer hops than proxies: the header cannot be trusted
    assert client_ip(request) == "127.0.0.1"
