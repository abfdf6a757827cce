"""What the release models share: who may be chosen where, the claims relation, and the rule
for a person named in a release."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q

from ledger.publication import HasPublicationRule, Via
from prisoners.models import Claim, PersonKind, Visibility

PRISONERS_ONLY = {"kind": PersonKind.PRISONER}
# An actor in a public role (envoy, announcer) is named on public pages: never a withheld one.
NAMEABLE_ACTORS = Q(kind=PersonKind.ACTOR) & ~Q(visibility=Visibility.WITHHELD)


def claims_relation():
    return GenericRelation(
        Claim,
        content_type_field="subject_content_type",
        object_id_field="subject_object_id",
        help_text="Claims about this record, including ones that disagree.",
    )


class PersonInRelease(HasPublicationRule, models.Model):
    """A person tied to a release (freed in it, or left behind): named in public only when both
    the release and the person are public; otherwise only counted."""

    public_related = ("release", "person")

    class Meta:
        abstract = True

    publication_rule = Via("release") & Via("person")
