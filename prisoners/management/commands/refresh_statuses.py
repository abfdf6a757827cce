from django.core.management.base import BaseCommand

from prisoners.status import refresh_all_statuses


class Command(BaseCommand):
    help = "Recompute every person's derived status (after a bulk load that skipped signals)."

    def handle(self, *args, **options):
        changed = refresh_all_statuses()
        self.stdout.write(f"{changed} status(es) changed.")
