"""Keep Person.status, a cache, in step with the records it is derived from.

Raw saves (loaddata) are skipped: rows arrive in any order there, so fixtures carry their
statuses and `manage.py refresh_statuses` recomputes them in bulk.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Detention, Person


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
    if not raw:
        instance.refresh_status()
