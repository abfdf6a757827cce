"""How firmly a value stands: reported by a source, inferred by the editors, or contested.

A record whose facts were not stated by a source but worked out ("the 250 were freed on 19 March:
the day the pardon decree was reported"), or on which sources disagree, says so in `standing`,
and `standing_note` says who inferred it and from what, or how the sources differ. Pages label
such values and the CSVs carry a `standing` column; contested records show their claims.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _

from ledger.translated_text import text_in_language, translations_of
from prisoners.vocabularies import Standing


class HasStanding(models.Model):
    standing = models.CharField(
        max_length=10,
        choices=Standing.choices,
        default=Standing.REPORTED,
        help_text="Reported by a cited source (the usual case), inferred by the editors, or "
        "contested between sources.",
    )
    standing_note = models.CharField(
        max_length=500,
        blank=True,
        help_text="For an inferred value: who inferred it and from what. For a contested one: "
        "how the sources disagree. Shown on the public page.",
    )
    standing_note_be, standing_note_ru, standing_note_pl = translations_of(
        standing_note, "standing note"
    )

    class Meta:
        abstract = True

    @property
    def is_inferred(self):
        return self.standing == Standing.INFERRED

    @property
    def is_contested(self):
        return self.standing == Standing.CONTESTED

    @property
    def standing_label(self) -> str:
        """'' for a reported value; 'inferred: <note>' or 'contested: <note>' otherwise."""
        if self.standing == Standing.REPORTED:
            return ""
        word = _("inferred") if self.is_inferred else _("contested")
        note = text_in_language(self, "standing_note").text
        return f"{word}: {note}" if note else word


def standing_explained(model_name: str):
    """An inferred or contested value must say why, or the label would promise more than it has."""
    return models.CheckConstraint(
        condition=Q(standing=Standing.REPORTED) | ~Q(standing_note=""),
        name=f"{model_name}_standing_explained",
        violation_error_message="Say who inferred this and from what, or how the sources disagree.",
    )
