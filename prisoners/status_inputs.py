"""Records a person's status derives from (detentions, verdicts, stays, release outcomes...).

Their bulk writes send no model signals, so these querysets announce the people they touched with
`status_inputs_changed`; the status writer (`prisoners.status`) listens, connected in
`prisoners.signals`. The models stay beneath the writer: they say what changed, it derives.
"""

from django.db import models, transaction
from django.dispatch import Signal

from ledger.publication import PublicationQuerySet

#: Sent with `person_ids` after a bulk write to a model whose rows feed people's statuses.
status_inputs_changed = Signal()


def people_changed(model, person_ids):
    status_inputs_changed.send(sender=model, person_ids=person_ids)


class StatusInputQuerySet(PublicationQuerySet):
    """Bulk writes to records a status derives from refresh the people they touch.

    `people_lookup` leads from the model to the people whose status it feeds ("person" for a
    detention, "freed__person" for a release, "pk" for a person).
    """

    people_lookup = "person"

    def people_ids(self):
        lookup = self.people_lookup
        return set(self.exclude(**{f"{lookup}__isnull": True}).values_list(lookup, flat=True))

    def update(self, **kwargs):
        with transaction.atomic(using=self.db):
            pks = list(self.values_list("pk", flat=True))
            touched = self.model._default_manager.filter(pk__in=pks)
            before = touched.people_ids()
            rows = super().update(**kwargs)
            if set(kwargs) - {"status", "status_country"}:
                people_changed(self.model, before | touched.people_ids())
        return rows

    def bulk_create(self, objs, *args, **kwargs):
        with transaction.atomic(using=self.db):
            created = super().bulk_create(objs, *args, **kwargs)
            pks = [obj.pk for obj in created if obj.pk is not None]
            people_changed(self.model, self.model._default_manager.filter(pk__in=pks).people_ids())
        return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        with transaction.atomic(using=self.db):
            touched = self.model._default_manager.filter(pk__in=[obj.pk for obj in objs])
            before = touched.people_ids()
            rows = super().bulk_update(objs, fields, *args, **kwargs)
            people_changed(self.model, before | touched.people_ids())
        return rows


class RemembersPerson(models.Model):
    """Remembers the person a row was loaded for, so that moving it refreshes both people."""

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance.person_id_as_loaded = instance.__dict__.get("person_id")
        return instance

    def people_to_refresh(self):
        return {self.person_id, getattr(self, "person_id_as_loaded", None)}
