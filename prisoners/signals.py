"""Keep derived data in step with the records it derives from.

- `Person.status` and the facts derived with it (`prisoners.status`): every save or delete of a
  person, a detention, a verdict or a stay refreshes the people it touches, including the person
  a detention was moved away from (`prisoners.status` is the one
  writer); bulk writes announce theirs with `status_inputs_changed`.
- Search keys (`NameKey`) follow the names.

Raw saves (loaddata) are skipped for the status: rows arrive in any order there, so
`manage.py seed` and `manage.py refresh_statuses` recompute every status after loading.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from ledger.row_updates import update_rows
from prisoners.local_names import refresh_local_names
from prisoners.models import Detention, Person, PersonName, Stay, Verdict
from prisoners.models.reader_names import LOCAL_NAME_FIELDS
from prisoners.models.sort_keys import sort_key_for
from prisoners.status import STATUS_FIELDS, refresh_statuses
from prisoners.status_inputs import status_inputs_changed


@receiver(status_inputs_changed)
def bulk_write_to_status_inputs(sender, person_ids, **kwargs):
    """A bulk `update()`, `bulk_create()` or `bulk_update()` of records a status derives from."""
    refresh_statuses(person_ids)


@receiver(post_save, sender=Detention)
@receiver(post_delete, sender=Detention)
@receiver(post_save, sender=Stay)
@receiver(post_delete, sender=Stay)
def detention_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_statuses(instance.people_to_refresh())


@receiver(post_save, sender=Verdict)
@receiver(post_delete, sender=Verdict)
def verdict_changed(sender, instance, raw=False, **kwargs):
    # A verdict sets its detention's term and can date the status ("held, as of the appeal").
    if not raw:
        person_id = (
            Detention.private_objects.filter(pk=instance.detention_id)
            .values_list("person_id", flat=True)
            .first()
        )
        refresh_statuses([person_id])


@receiver(post_save, sender=Person)
def person_saved(sender, instance, raw=False, **kwargs):
    if raw:
        # loaddata saves raw rows, and Django computes no field on a raw save (`pre_save`): the
        # sort key of a seeded or loaded person is derived here, as for any other.
        # A plain row write, as the status writer's: no new version, no history, no signal.
        key = sort_key_for(instance)
        if instance.sort_key != key:
            instance.sort_key = key
            update_rows(Person, [instance], ["sort_key"])
    # Search keys follow the names even during loaddata: a person's row always arrives before
    # their names, and each name's save rebuilds the keys from what is loaded so far.
    instance.rebuild_name_keys()
    # A save writes every column, the derived spellings too: from a copy loaded before a name
    # changed they would be old ones. Derive them again, as the status below.
    refresh_local_names([instance.pk])
    if not raw:
        refresh_statuses([instance.pk])
        instance.refresh_from_db(
            fields=[*STATUS_FIELDS, *LOCAL_NAME_FIELDS.values(), "constructed_names"]
        )


def deleting_a_person(origin):
    """True when a delete cascades from a Person (whose keys go with it)."""
    model = getattr(origin, "model", None) or type(origin)
    return model is Person


@receiver(post_save, sender=PersonName)
@receiver(post_delete, sender=PersonName)
def person_name_changed(sender, instance, origin=None, **kwargs):
    if origin is not None and deleting_a_person(origin):
        return
    person = Person.private_objects.filter(pk=instance.person_id).first()
    if person is not None:
        person.rebuild_name_keys()
        # Which spelling each language's pages show first follows the names too.
        refresh_local_names([person.pk])
