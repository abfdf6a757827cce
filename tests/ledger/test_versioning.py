"""The lock itself, below any form: `Versioned.save` is `UPDATE … WHERE pk = ? AND version = ?`,
so a copy loaded before someone else's save is refused whoever saves it (a script, a command, an
import, the API), and a form that does not say which version it was opened at is stale too.

Each test here fails when the lock fails: remove the version condition from `Versioned.save`,
or let `VersionedForm.clean` take a missing version for the current one, and one of them goes red.
"""

import pytest

from ledger.versioning import StaleRecordError
from prisoners.models import Detention, Person, Source
from releases.models import Deal, Release
from tests import factories as f
from tests.admin.test_editing import change_form, person_url

pytestmark = pytest.mark.django_db

# (factory, model, a text field to change)
RECORDS = [
    (f.PersonFactory, Person, "role"),
    (f.DetentionFactory, Detention, "place"),
    (f.SourceFactory, Source, "description"),
    (f.ReleaseFactory, Release, "summary"),
    (f.DealFactory, Deal, "summary"),
]


@pytest.mark.parametrize(
    ("factory", "model", "field"), RECORDS, ids=lambda v: getattr(v, "__name__", v)
)
def test_a_copy_loaded_before_another_save_is_refused(factory, model, field):
    record = factory()
    mine = model.private_objects.get(pk=record.pk)
    theirs = model.private_objects.get(pk=record.pk)

    setattr(theirs, field, "saved first")
    theirs.save()
    setattr(mine, field, "saved from a stale copy")

    with pytest.raises(StaleRecordError):
        mine.save()
    stored = model.private_objects.get(pk=record.pk)
    assert getattr(stored, field) == "saved first"
    assert stored.version == record.version + 1


def test_a_bulk_update_makes_loaded_copies_stale():
    person = f.PersonFactory(role="journalist")
    loaded = Person.private_objects.get(pk=person.pk)

    Person.private_objects.filter(pk=person.pk).update(role="trade union leader")
    loaded.role = "poet"

    with pytest.raises(StaleRecordError):
        loaded.save()
    assert Person.private_objects.get(pk=person.pk).role == "trade union leader"


def test_a_fresh_copy_saves_and_moves_the_version_on():
    person = f.PersonFactory(role="journalist")
    loaded = Person.private_objects.get(pk=person.pk)

    loaded.role = "poet"
    loaded.save()
    loaded.role = "writer"
    loaded.save()  # its own save moved its version on with the row's

    stored = Person.private_objects.get(pk=person.pk)
    assert (stored.role, stored.version) == ("writer", person.version + 2)


def test_an_admin_form_without_its_version_is_refused(editor_client):
    person = f.PersonFactory(role="journalist")
    posted = change_form(editor_client, person_url(person))
    del posted["version"]  # a hand-made or truncated POST: which version was it opened at?
    posted["role"] = "trade union leader"

    response = editor_client.post(person_url(person), posted)

    assert response.status_code == 200
    assert "Someone else saved this record after you opened it" in response.content.decode()
    assert Person.private_objects.get(pk=person.pk).role == "journalist"
