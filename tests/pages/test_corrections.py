"""Readers' corrections: sent from a record page without JavaScript, kept in a private queue,
throttled per address, never shown on the site."""

import pytest
from django.test import Client
from django.urls import reverse

from interchange.curation.models import Correction, CorrectionStatus
from prisoners.models import Person, Visibility
from tests import factories as f

pytestmark = pytest.mark.django_db

SECRET_TEXT = "The arrest was on 24 March, not 25 (zx-unique-7781)"
CONTACT = "reader-4471@example.org"


@pytest.fixture
def person():
    return f.PersonFactory(display_name="Andrzej Poczobut", slug="andrzej-poczobut")


def form_url(person):
    return reverse("pages:suggest-correction", kwargs={"kind": "person", "slug": person.slug})


def suggestion(**extra):
    return {
        "what_is_wrong": SECRET_TEXT,
        "source": "https://example.org/a",
        "contact": CONTACT,
        **extra,
    }


def test_a_correction_sent_from_a_person_page_lands_in_the_queue(client, person):
    page = client.get(person.get_absolute_url())
    assert f'action="{form_url(person)}"'.encode() in page.content
    form = client.get(form_url(person))
    assert form.status_code == 200
    assert b"csrfmiddlewaretoken" in form.content

    response = client.post(form_url(person), suggestion())
    assert response.status_code == 303
    correction = Correction.objects.get()
    assert correction.record == person
    assert correction.status == CorrectionStatus.OPEN
    assert correction.what_is_wrong == SECRET_TEXT
    assert correction.contact == CONTACT
    assert client.get(response["Location"]).status_code == 200


def test_thirty_more_from_one_address_within_a_minute_are_mostly_refused(client, person):
    statuses = [client.post(form_url(person), suggestion()).status_code for _ in range(31)]
    assert statuses[:10] == [303] * 10
    assert statuses[10:] == [429] * 21
    assert Correction.objects.count() == 10
    other_reader = Client(REMOTE_ADDR="203.0.113.9")
    assert other_reader.post(form_url(person), suggestion()).status_code == 303


def test_nothing_a_reader_sends_is_shown_publicly(client, person):
    client.post(form_url(person), suggestion())
    assert Correction.objects.count() == 1
    for url in (
        person.get_absolute_url(),
        reverse("api:person-detail", kwargs={"slug": person.slug}),
        reverse("feeds:person", kwargs={"slug": person.slug}),
        reverse("prisoners:person-list"),
    ):
        content = client.get(url).content.decode()
        assert "zx-unique-7781" not in content, url
        assert CONTACT not in content, url
    assert Person.private_objects.get(pk=person.pk).version == person.version


def test_the_honeypot_keeps_robots_out(client, person):
    response = client.post(form_url(person), suggestion(website="http://spam.example"))
    assert response.status_code == 303
    assert Correction.objects.count() == 0


def test_too_long_a_text_is_refused_with_a_message(client, person):
    response = client.post(form_url(person), suggestion(what_is_wrong="x" * 2001))
    assert response.status_code == 400
    assert b"at most 2000 characters" in response.content
    assert Correction.objects.count() == 0


def test_a_post_without_the_csrf_token_is_refused(person):
    response = Client(enforce_csrf_checks=True).post(form_url(person), suggestion())
    assert response.status_code == 403
    assert Correction.objects.count() == 0


def test_a_record_not_public_has_no_form(client):
    withheld = f.PersonFactory(visibility=Visibility.WITHHELD)
    assert client.get(form_url(withheld)).status_code == 404
    assert client.post(form_url(withheld), suggestion()).status_code == 404
    assert Correction.objects.count() == 0
    unknown = reverse("pages:suggest-correction", kwargs={"kind": "user", "slug": "admin"})
    assert client.get(unknown).status_code == 404


def test_every_kind_of_record_page_offers_the_form(client):
    release = f.ReleaseFactory()
    page = client.get(release.get_absolute_url())
    url = reverse("pages:suggest-correction", kwargs={"kind": "release", "slug": release.slug})
    assert f'action="{url}"'.encode() in page.content
    assert client.get(url).status_code == 200


def change_url(correction):
    return reverse("admin:interchange_correction_change", args=[correction.pk])


def test_an_editor_dismisses_with_a_reason_and_the_contact_is_erased(client, editor_client, person):
    client.post(form_url(person), suggestion())
    correction = Correction.objects.get()
    queue = editor_client.get(reverse("admin:interchange_correction_changelist"))
    assert "zx-unique-7781" in queue.content.decode()

    refused = editor_client.post(
        change_url(correction), {"decision": "dismiss", "decision_note": ""}
    )
    assert refused.status_code == 200
    correction.refresh_from_db()
    assert correction.status == CorrectionStatus.OPEN

    editor_client.post(
        change_url(correction), {"decision": "dismiss", "decision_note": "The sources say 25."}
    )
    correction.refresh_from_db()
    assert correction.status == CorrectionStatus.DISMISSED
    assert correction.decision_note == "The sources say 25."
    assert correction.contact == ""


def test_accepting_links_the_suggestion_in_the_record_s_history(client, editor_client, person):
    client.post(form_url(person), suggestion())
    correction = Correction.objects.get()
    editor_client.post(
        change_url(correction), {"decision": "accept", "decision_note": "arrest date fixed"}
    )
    correction.refresh_from_db()
    assert correction.status == CorrectionStatus.ACCEPTED
    assert correction.contact == ""
    latest = Person.private_objects.get(pk=person.pk).history.first()
    assert latest.history_change_reason == (
        f"Reader's correction {correction.pk} accepted: arrest date fixed"
    )


def test_readers_behind_the_proxy_are_counted_apart(client, person, settings):
    """Behind nginx every request comes from the proxy: the count follows the address the proxy
    saw (ledger.limits.addresses), or one busy hour would silence every reader."""
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(10):
        client.post(form_url(person), suggestion(), HTTP_X_FORWARDED_FOR="203.0.113.1")
    refused = client.post(form_url(person), suggestion(), HTTP_X_FORWARDED_FOR="203.0.113.1")
    assert refused.status_code == 429
    other = client.post(form_url(person), suggestion(), HTTP_X_FORWARDED_FOR="203.0.113.2")
    assert other.status_code == 303
    assert Correction.objects.count() == 11
