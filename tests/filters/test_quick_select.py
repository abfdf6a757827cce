"""`QuickSelect` (filters.widgets) writes what Django's select templates write: every select of
the people and release filters, chosen and not, with the errors' attributes, in every language."""

import pytest
from django import forms
from django.conf import settings
from django.http import QueryDict
from django.utils import translation

from filters.people import PersonFilter
from filters.releases import ReleaseFilter
from filters.widgets import QuickSelect
from prisoners.models import Person
from releases.models import Release
from tests.factories import load_article

pytestmark = pytest.mark.django_db

QUERIES = ["", "status=held&citizenship=BY&sort=-sentence", "status=nonsense&released_in=1900"]


def rendered_both_ways(bound_field):
    quick = str(bound_field)
    widget = bound_field.field.widget
    django_select = forms.Select(attrs=widget.attrs, choices=widget.choices)
    bound_field.field.widget = django_select
    try:
        return quick, str(bound_field)
    finally:
        bound_field.field.widget = widget


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_every_quick_select_writes_what_django_writes(language):
    load_article()
    compared = 0
    with translation.override(language):
        for filterset_class, model in ((PersonFilter, Person), (ReleaseFilter, Release)):
            for query in QUERIES:
                filterset = filterset_class(QueryDict(query), queryset=model.public_objects.all())
                filterset.is_valid()
                for bound_field in filterset.form:
                    if type(bound_field.field.widget) is not QuickSelect:
                        continue
                    quick, django = rendered_both_ways(bound_field)
                    assert quick == django, bound_field.name
                    compared += 1
    assert compared >= 3 * 7  # status, citizenship, occupation, freed in, recognised by, sort...


def test_a_label_is_escaped():
    widget = QuickSelect(choices=[("a", "<b>&"), ("b", "plain")])
    assert widget.render("x", "b") == forms.Select(choices=widget.choices).render("x", "b")
    assert "&lt;b&gt;&amp;" in widget.render("x", "b")
