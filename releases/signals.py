"""Release outcomes and releases change the status of the people freed (see prisoners.status)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from prisoners.status import refresh_statuses
from releases.models import NotableOmission, Release, ReleasedPerson


@receiver(post_save, sender=ReleasedPerson)
@receiver(post_delete, sender=ReleasedPerson)
@receiver(post_save, sender=NotableOmission)
@receiver(post_delete, sender=NotableOmission)
def released_person_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_statuses(instance.people_to_refresh())


@receiver(post_save, sender=Release)
def release_saved(sender, instance, raw=False, created=False, **kwargs):
    # A changed date, publication or withdrawal can change the status of everyone it freed.
    if raw or created:
        return
    people = set(instance.freed.values_list("person_id", flat=True))
    people |= set(instance.omissions.values_list("person_id", flat=True))
    refresh_statuses(people)
