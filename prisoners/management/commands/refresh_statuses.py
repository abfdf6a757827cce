from django.core.management.base import BaseCommand

from prisoners.models import Person


class Command(BaseCommand):
    help = "Recompute every person's derived status (after a bulk load or a raw import)."

    def handle(self, *args, **options):
        changed = 0
        people = Person.objects.prefetch_related("detentions", "release_outcomes__release")
        for person in people.iterator(chunk_size=2000):
            changed += person.refresh_status()
        self.stdout.write(f"{changed} status(es) changed.")
