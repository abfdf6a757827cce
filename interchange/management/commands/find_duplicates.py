"""List likely duplicate people across the whole ledger, with evidence and score
(interchange.curation.duplicates); pairs dismissed in the admin are not listed."""

import time

from django.core.management.base import BaseCommand

from interchange.curation.duplicates import THRESHOLD, find_duplicates


class Command(BaseCommand):
    help = "List likely duplicate people (name keys, birth date, ids, arrests), best first."

    def add_arguments(self, parser):
        parser.add_argument(
            "--threshold",
            type=float,
            default=THRESHOLD,
            help=f"The lowest score listed (default {THRESHOLD}).",
        )
        parser.add_argument("--limit", type=int, default=0, help="At most this many pairs.")

    def handle(self, *args, threshold, limit, **options):
        started = time.monotonic()
        pairs = find_duplicates(threshold=threshold)
        shown = pairs[:limit] if limit else pairs
        for pair in shown:
            self.stdout.write(
                f"{pair.score:.2f}\t{pair.first.pk}\t{pair.first.slug}\t"
                f"{pair.second.pk}\t{pair.second.slug}\t" + "; ".join(pair.evidence)
            )
        self.stderr.write(
            f"{len(pairs)} likely pair(s) in {time.monotonic() - started:.1f} s. Merge one with "
            "`manage.py merge_people LOSER SURVIVOR`, or dismiss it in the admin."
        )
