"""Keep derived data in step with the records it derives from.

- `Person.status`: every save or delete of a person or a detention refreshes the people it
  touches, including the person a detention was moved away from (`prisoners.status` is the one
  writer; bulk writes are covered by `StatusInputQuerySet`).
- Search keys (`NameKey`) follow the names.

Raw saves (loaddata) are skipped for the status: rows arrive in any order there, so
`manage.py seed` and `manage.py refresh_statuses` recompute every status after loading.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Detention, Person, PersonName
from .status import refresh_statuses


@receiver(post_save, sender=Detention)
@receiver(post_delete, sender=Detention)
def detention_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_statuses(instance.people_to_refresh())


@receiver(post_save, sender=Person)
def person_saved(sender, instance, raw=False, **kwargs):
    # Search keys follow the names even during loaddata: a person's row always arrives before
    # their names, and each name's save rebuilds the keys from what is loaded so far.
    instance.rebuild_name_keys()
    if not raw:
        refresh_statuses([instance.pk])
        instance.refresh_from_db(fields=["status", "status_country"])


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
