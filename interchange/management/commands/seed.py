"""Load the article's records into an empty database, and never over an editor's work.

`make run` calls this on every start. Loading a fixture writes its rows by primary key, so
`loaddata` over a database that editors have used would silently put the seeded records back as
they were. This command loads only into a database that holds no record of either app, in one
transaction, applies the texts per language (fixtures/translations.yaml), then derives every
status and gives each seeded record its first history entry.
"""

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from interchange.seed_translations import TranslationsDoNotFit, apply_translations
from prisoners.status import refresh_all_statuses

DOMAIN_APPS = ("prisoners", "releases")
# The article's records, then the sanctions acts and entities that point at its deals.
SEED_FIXTURES = ("article", "sanctions")


def domain_models():
    for app_label in DOMAIN_APPS:
        for model in apps.get_app_config(app_label).get_models():
            if hasattr(model, "private_objects"):
                yield model


def holds_records() -> bool:
    return any(model.private_objects.exists() for model in domain_models())


class Command(BaseCommand):
    help = (
        "Load the seed fixtures (fixtures/article.yaml, fixtures/sanctions.yaml) into an empty "
        "database only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fixture",
            action="append",
            help="A fixture to load (repeat for several); the seed's fixtures by default.",
        )

    def handle(self, *args, fixture, **options):
        if holds_records():
            self.stdout.write(
                "The database already holds records: the seed was not loaded, so no editor's "
                "work is overwritten."
            )
            return
        with transaction.atomic():
            fixtures = fixture or SEED_FIXTURES
            call_command("loaddata", *fixtures, verbosity=0)
            if "article" in fixtures:
                try:
                    apply_translations()  # fixtures/translations.yaml: the texts per language
                except TranslationsDoNotFit as error:
                    raise CommandError(f"The seed was not loaded: {error}") from error
            refresh_all_statuses()
            # loaddata writes no history; give each seeded record its first entry.
            call_command("populate_history", auto=True, verbosity=0)
        count = sum(model.private_objects.count() for model in domain_models())
        self.stdout.write(f"Loaded the seed: {count} records.")
