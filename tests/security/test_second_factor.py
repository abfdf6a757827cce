"""A second factor (TOTP) for publishers and administrators (ledger.second_factor): the password
alone does not open the admin for them; editors without publish rights stay password-only."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import factories as f
from tests.second_factor import current_code

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
INDEX = reverse("admin:index")
ENROL = reverse("admin:second-factor-enrol")


def with_password(factory, **kwargs):
    user = factory(**kwargs)
    user.set_password(PASSWORD)
    user.save()
    return user


code = current_code


def sign_in(client, user, password=PASSWORD, next_url=INDEX, **extra):
    return client.post(
        reverse("admin:login"),
        {"username": user.get_username(), "password": password, "next": next_url, **extra},
    )


def signed_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("factory", [f.PublisherFactory, f.AdministratorFactory])
def test_the_password_alone_does_not_open_the_admin_to_a_publisher(factory):
    user = with_password(factory)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = Client()

    refused = sign_in(client, user)
    assert refused.status_code == 200
    assert "six-digit code" in refused.content.decode()
    assert not signed_in(client)
    wrong = "000000" if code(device) != "000000" else "111111"
    assert sign_in(client, user, otp_token=wrong).status_code == 200
    assert not signed_in(client)
    device.refresh_from_db()
    # django-otp counts failed codes and slows the next try (a try inside the delay is refused
    # without counting, so how many count depends on the timing: at least the first).
    assert device.throttling_failure_count >= 1
    device.throttle_reset()

    response = sign_in(client, user, otp_token=code(device))
    assert response.status_code == 302 and response["Location"] == INDEX
    assert client.get(INDEX).status_code == 200


def test_an_editor_without_publish_rights_signs_in_with_the_password():
    editor = with_password(f.EditorFactory)
    client = Client()
    assert sign_in(client, editor).status_code == 302
    assert client.get(INDEX).status_code == 200


def test_a_publisher_without_a_device_must_enrol_before_any_admin_page():
    user = with_password(f.PublisherFactory)
    client = Client()
    assert sign_in(client, user).status_code == 302
    assert client.get(INDEX)["Location"] == ENROL
    assert client.get(reverse("admin:prisoners_person_changelist"))["Location"] == ENROL

    page = client.get(ENROL)
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed
    assert "otpauth://" not in page.content.decode()  # the key is in the picture and as text
    assert "<svg" in page.content.decode()

    wrong = client.post(ENROL, {"otp_token": "000000" if code(device) != "000000" else "111111"})
    assert wrong.status_code == 200 and "does not match" in wrong.content.decode()
    assert client.get(INDEX).status_code == 302
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code delays the next try (django-otp)

    assert client.post(ENROL, {"otp_token": code(device)})["Location"] == INDEX
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(INDEX).status_code == 200


def test_an_enrolled_publisher_cannot_replace_the_device_with_the_password_alone():
    user = with_password(f.PublisherFactory)
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = Client()
    client.force_login(user)  # a session without the code
    assert client.get(ENROL)["Location"] == INDEX
    response = client.get(INDEX)
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))
    assert not signed_in(client)
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_wrong_codes_count_as_failed_sign_ins(settings):
    user = with_password(f.PublisherFactory)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, user, otp_token="12345").status_code == 200
    assert sign_in(client, user, otp_token="12345").status_code == 429
    assert sign_in(client, user, otp_token=code(device)).status_code == 429
    assert not signed_in(client)


@pytest.mark.parametrize(
    "next_url", ["https://attacker.example/", "//attacker.example/admin/", "javascript:alert(1)"]
)
def test_a_refused_next_lands_on_the_admin_index(next_url):
    editor = with_password(f.EditorFactory)
    client = Client()
    response = sign_in(client, editor, next_url=next_url)
    assert response.status_code == 302
    assert response["Location"] == INDEX
    assert client.get(response["Location"]).status_code == 200
