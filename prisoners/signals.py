"""Keep Person.status, a cache, in step with the records it is derived from.

Search keys (NameKey) are kept in step with the names the same way.

Raw saves (loaddata) are skipped for the status: rows arrive in any order there, so fixtures
carry their statuses and `manage.py refresh_statuses` recomputes them in bulk.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Detention, Person, PersonName


def refresh_person_status(person_id):
    person = Person.objects.filter(pk=person_id).first()
    if person is not None:
        person.refresh_status()


@receiver(post_save, sender=Detention)
@receiver(post_delete, sender=Detention)
def detention_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_person_status(instance.person_id)


@receiver(post_save, sender=Person)
def person_saved(sender, instance, raw=False, **kwargs):
    # Search keys follow the names even during loaddata: a person's row always arrives before
    # their names, and each name's save rebuilds the keys from what is loaded so far.
    instance.rebuild_name_keys()
    if not raw:
        instance.refresh_status()


def deleting_a_person(origin):
    """True when a delete cascades from a Person (whose keys go with it)."""
    model = getattr(origin, "model", None) or type(origin)
    return model is Person


@receiver(post_save, sender=PersonName)
@receiver(post_delete, sender=PersonName)
def person_name_changed(sender, instance, origin=None, **kwargs):
    if origin is not None and deleting_a_person(origin):
        return
    person = Person.objects.filter(pk=instance.person_id).first()
    if person is not None:
        person.rebuild_name_keys()
