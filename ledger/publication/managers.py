"""Two managers per model and no `objects`, so that every query has to choose (DemocracyClub
EveryElection's public/private managers):

- `public_objects`: only what the public may see. Public views, exports and filter choices start
  here, so a forgotten relation cannot leak a draft or withheld record by default.
- `private_objects`: everything, for the admin, commands, imports and tests. It is the default
  manager, so Django's own machinery (admin, loaddata, related managers) sees every row.
"""

from django.db import models


class PublicationQuerySet(models.QuerySet):
    """`published()` for every model: one definition, each model's own `public_condition`."""

    def published(self):
        return self.filter(self.model.public_condition())

    def update(self, **kwargs):
        # A bulk change is a save too: it makes forms opened before it stale (ledger.versioning).
        if "version" not in kwargs and any(f.name == "version" for f in self.model._meta.fields):
            kwargs["version"] = models.F("version") + 1
        return super().update(**kwargs)


class PublicManager(models.Manager):
    """Only the rows the public may see (`Model.public_condition`)."""

    def get_queryset(self):
        return super().get_queryset().filter(self.model.public_condition())


class PublicGenericManager(PublicManager):
    """`public_objects` of a model that may point at any kind of record (Citation, Claim)."""

    def of_kinds(self, *kinds):
        """The public rows that point at records of these kinds (models), tested row by row: for
        a query narrowed to a few records (`ledger.publication.generic`, `kinds`)."""
        kinds = {model._meta.concrete_model for model in kinds}
        unfiltered = super(PublicManager, self).get_queryset()
        return unfiltered.filter(self.model.public_condition(kinds=kinds))


def public_manager(queryset_class, manager_class=PublicManager):
    return manager_class.from_queryset(queryset_class)()


def private_manager(queryset_class):
    return models.Manager.from_queryset(queryset_class)()
