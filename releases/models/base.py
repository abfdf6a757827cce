"""What the release models share: who may be chosen where, and the claims relation."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db.models import Q

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
