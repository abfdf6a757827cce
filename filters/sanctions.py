"""The sanctions acts' FilterSet, serving the /sanctions/ page, its CSV, its spreadsheet and the
API alike."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from filters.people import DataChoiceFilter
from ledger.translated_text import text_in_language
from releases.models import SanctionsAct, SanctionsActKind, SanctionsAuthority, SanctionsEntity


def entity_choices():
    """Each public entity by its name in the reader's language (English where none is known)."""
    entities = SanctionsEntity.public_objects.order_by("name")
    return [(entity.slug, text_in_language(entity, "name").text) for entity in entities]


class SanctionsActFilter(django_filters.FilterSet):
    authority = django_filters.ChoiceFilter(
        field_name="authority",
        lookup_expr="exact",
        choices=SanctionsAuthority.choices,
        label=_("Authority"),
    )
    kind = django_filters.ChoiceFilter(
        field_name="kind", lookup_expr="exact", choices=SanctionsActKind.choices, label=_("Kind")
    )
    entity = DataChoiceFilter(method="filter_entity", choices=entity_choices, label=_("Entity"))
    issued_from = django_filters.DateFilter(
        field_name="issued_on",
        lookup_expr="gte",
        label=_("Issued from"),
        help_text=_("Acts issued on or after that day (YYYY-MM-DD)."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    issued_to = django_filters.DateFilter(
        field_name="issued_on",
        lookup_expr="lte",
        label=_("Issued until"),
        help_text=_("Acts issued on or before that day (YYYY-MM-DD)."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = SanctionsAct
        fields = []

    def filter_entity(self, queryset, name, value: str):
        return queryset.concerning(SanctionsEntity.public_objects.filter(slug=value))
