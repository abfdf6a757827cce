"""Release outcomes change the status of the people freed (see prisoners.signals)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from prisoners.signals import refresh_person_status

from .models import Release, ReleasedPerson


@receiver(post_save, sender=ReleasedPerson)
@receiver(post_delete, sender=ReleasedPerson)
def released_person_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_person_status(instance.person_id)


@receiver(post_save, sender=Release)
def release_saved(sender, instance, raw=False, created=False, **kwargs):
    # A changed release date can reorder custody events for everyone it freed.
    if raw or created:
        return
    for person_id in instance.freed.values_list("person_id", flat=True):
        refresh_person_status(person_id)
