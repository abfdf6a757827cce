"""Merge one person's record into another (interchange.curation.merging), or undo a merge."""

from django.core.management.base import BaseCommand, CommandError

from interchange.curation.merging import MergeRefused, merge_people, undo_merge
from interchange.curation.models import PersonMerge
from prisoners.models import Person


def find_person(reference):
    """A person by id or slug."""
    people = Person.private_objects
    found = people.filter(pk=int(reference)) if reference.isdigit() else people.none()
    found = found or people.filter(slug=reference)
    person = found.first()
    if person is None:
        raise CommandError(f"No person with the id or slug “{reference}”.")
    return person


class Command(BaseCommand):
    help = (
        "Merge LOSER into SURVIVOR (ids or slugs): every row moves to the survivor, the loser "
        "is withdrawn and its address answers 301. --undo MERGE_ID puts them apart again."
    )

    def add_arguments(self, parser):
        parser.add_argument("loser", nargs="?", help="The record merged away (id or slug).")
        parser.add_argument("survivor", nargs="?", help="The record kept (id or slug).")
        parser.add_argument(
            "--take",
            action="append",
            default=[],
            metavar="FIELD",
            help="Keep the loser's value of this field (repeat it); the survivor's otherwise.",
        )
        parser.add_argument(
            "--publisher-decision",
            action="store_true",
            help="A publisher decided it: needed when either record is withheld.",
        )
        parser.add_argument("--undo", type=int, metavar="MERGE_ID", help="Undo this merge.")

    def handle(self, *args, loser, survivor, take, publisher_decision, undo, **options):
        try:
            if undo is not None:
                merge = PersonMerge.objects.filter(pk=undo).first()
                if merge is None:
                    raise CommandError(f"No merge {undo}.")
                undo_merge(merge)
                self.stdout.write(f"Merge {undo} undone: {merge.loser} and {merge.survivor}.")
                return
            if not (loser and survivor):
                raise CommandError("Give LOSER and SURVIVOR, or --undo MERGE_ID.")
            merge = merge_people(
                find_person(loser),
                find_person(survivor),
                take=[name for names in take for name in names.split(",") if name],
                publisher_decision=publisher_decision,
            )
        except MergeRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        self.stdout.write(
            f"Merge {merge.pk}: {merge.loser} (id {merge.loser_id}) into {merge.survivor} "
            f"(id {merge.survivor_id}); {len(merge.moved)} row(s) moved, "
            f"{len(merge.folded)} left with the merged record as copies or clashes."
        )
