"""Records shown on their person's page: public exactly when the person is."""

from django.db import models

from ledger.publication import HasPublicationRule, Via
from ledger.publication.lookups import follow


class OnPersonPage(HasPublicationRule, models.Model):
    """A record shown on its person's page (a spelling, a detention, a stay, a recognition...):
    public exactly when the person is, and linked to their page. `person_path` is the relation
    that leads to the person ("detention__person" for a verdict), and the rule follows it."""

    person_path = "person"

    class Meta:
        abstract = True

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.publication_rule = Via(cls.person_path)

    def get_absolute_url(self):
        return self.owner.get_absolute_url()

    @property
    def owner(self):
        return follow(self, self.person_path)
