"""'Publish this release and everyone in it': one admin action for publishers, which first lists
what has no source, never publishes a withheld person, and leaves it all in the history."""

import pytest
from django.urls import reverse

from prisoners.models import Person, Visibility
from releases.models import Release
from tests import factories as f

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:releases_release_changelist")
ACTION = "publish_with_people"


@pytest.fixture
def release():
    release = f.ReleaseFactory(title="Release of 52, September 2025", is_published=False)
    sourced = f.PersonFactory(display_name="Sourced Draft", visibility=Visibility.DRAFT)
    f.CitationFactory(content_object=sourced)
    unsourced = f.PersonFactory(display_name="Unsourced Draft", visibility=Visibility.DRAFT)
    withheld = f.PersonFactory(display_name="Withheld Person", visibility=Visibility.WITHHELD)
    for person in (sourced, unsourced, withheld):
        f.ReleasedPersonFactory(release=release, person=person)
    return release


def post_action(client, release, confirm=False):
    data = {"action": ACTION, "_selected_action": [str(release.pk)]}
    if confirm:
        data["post"] = "yes"
    return client.post(CHANGELIST, data)


def visibility(name):
    return Person.private_objects.get(display_name=name).visibility


def test_the_publisher_is_offered_the_action(publisher_client, release):
    assert f'<option value="{ACTION}">' in publisher_client.get(CHANGELIST).content.decode()


def test_the_publisher_first_sees_what_has_no_source(publisher_client, release):
    response = post_action(publisher_client, release)
    assert response.status_code == 200
    body = response.content.decode()
    unsourced = body[body.index('id="unsourced"') : body.index('id="to-publish"')]
    assert "Unsourced Draft" in unsourced
    assert "Release of 52, September 2025" in unsourced  # the release has no citation either
    assert "Sourced Draft" not in unsourced
    assert "Sourced Draft" in body[body.index('id="to-publish"') :]
    assert "Withheld Person" not in body  # never named as one to publish
    assert "1 withheld person stays withheld" in body
    release.refresh_from_db()
    assert not release.is_published  # nothing happens before the confirmation


def test_confirming_publishes_the_release_and_its_drafts_but_not_the_withheld(
    publisher_client, release
):
    response = post_action(publisher_client, release, confirm=True)
    assert response.status_code == 302
    release.refresh_from_db()
    assert release.is_published
    assert visibility("Sourced Draft") == Visibility.PUBLISHED
    assert visibility("Unsourced Draft") == Visibility.PUBLISHED
    assert visibility("Withheld Person") == Visibility.WITHHELD


def test_the_history_records_who_published_and_why(publisher_client, release):
    post_action(publisher_client, release, confirm=True)
    person = Person.private_objects.get(display_name="Unsourced Draft")
    latest = person.history.first()
    assert latest.visibility == Visibility.PUBLISHED
    assert latest.history_user.groups.filter(name="Publishers").exists()
    assert "Release of 52, September 2025" in latest.history_change_reason
    assert Release.private_objects.get(pk=release.pk).history.first().is_published


def test_an_editor_is_not_offered_the_action_and_a_forged_post_publishes_nothing(
    editor_client, release
):
    offered = f'<option value="{ACTION}">'
    assert offered not in editor_client.get(CHANGELIST).content.decode()
    post_action(editor_client, release, confirm=True)
    release.refresh_from_db()
    assert not release.is_published
    assert visibility("Unsourced Draft") == Visibility.DRAFT
