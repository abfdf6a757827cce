"""The editors' admin for people, detentions, facilities, sources.

One module per part of the record; importing this package registers them all. The inlines live
in `inlines` because several admins share them (`releases.admin` uses the citation and claim
inlines too). Every admin and inline puts `VersionedAdminMixin` first in its bases (optimistic
locking, `ledger.versioning`); people carry withdraw-instead-of-delete (`ledger.withdrawal`).
"""

from prisoners.admin import detentions, facilities, people, recognition, sources  # noqa: F401
from prisoners.admin.detentions import ChargeAdmin, DetentionAdmin, VerdictAdmin
from prisoners.admin.facilities import FacilityAdmin, StayAdmin
from prisoners.admin.inlines import (
    ChargeInline,
    CitationInline,
    ClaimInline,
    DetentionInline,
    ExternalIdentifierInline,
    PersonNameInline,
    RecognitionInline,
    StayInline,
    VerdictInline,
)
from prisoners.admin.people import CitizenshipFilter, OccupationAdmin, PersonAdmin, PersonNameAdmin
from prisoners.admin.recognition import ExternalIdentifierAdmin, RecognitionAdmin
from prisoners.admin.sources import CitationAdmin, ClaimAdmin, SourceAdmin

__all__ = [
    "ChargeAdmin",
    "ChargeInline",
    "CitationAdmin",
    "CitationInline",
    "CitizenshipFilter",
    "ClaimAdmin",
    "ClaimInline",
    "DetentionAdmin",
    "DetentionInline",
    "ExternalIdentifierAdmin",
    "ExternalIdentifierInline",
    "FacilityAdmin",
    "OccupationAdmin",
    "PersonAdmin",
    "PersonNameAdmin",
    "PersonNameInline",
    "RecognitionAdmin",
    "RecognitionInline",
    "SourceAdmin",
    "StayAdmin",
    "StayInline",
    "VerdictAdmin",
    "VerdictInline",
]
