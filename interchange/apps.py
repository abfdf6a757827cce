from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    """The record in and out: CSV exports, the open-data bundle, the seed and the imports."""

    name = "interchange"
    verbose_name = "Imports and exports"

    def ready(self):
        from django.db.backends.signals import connection_created

        from interchange.csv_files.people.months import register_add_months

        connection_created.connect(register_add_months)
