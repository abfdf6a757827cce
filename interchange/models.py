"""The editors' decisions about people (interchange.curation.models): the import's app holds them
because it sits above both record apps."""

from interchange.curation.models import Correction, CorrectionStatus, DismissedPair, PersonMerge

__all__ = ["Correction", "CorrectionStatus", "DismissedPair", "PersonMerge"]
