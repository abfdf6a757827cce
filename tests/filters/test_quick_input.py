"""`QuickInput` (filters.widgets) writes what Django's input template writes: every input of
the people filters, empty, filled, refused (with the errors' attributes) and hostile, in every
language."""

import pytest
from django import forms
from django.conf import settings
from django.forms.widgets import Input
from django.http import QueryDict
from django.utils import translation

from filters.people import PersonFilter
from filters.widgets import QuickInput, QuickTextInput
from prisoners.models import Person
from tests.factories import load_article

pytestmark = pytest.mark.django_db

QUERIES = [
    "",
    "q=Pachobut&article=130&freed_from=2025-01-01&held_on=2025-09-11&sentence_min=2.5",
    "q=%22%3E%3Cscript%3Ex%3C/script%3E&article=%26amp;&freed_to=not-a-date&sentence_max=-4",
    "release=belavia-2025&facility=%3Cb%3E&detained_from=2020-02-30",
]


def django_widget(widget):
    """The same widget as Django writes it: the class after QuickInput in its bases."""
    django_class = next(
        base
        for base in type(widget).__mro__[1:]
        if issubclass(base, Input) and not issubclass(base, QuickInput)
    )
    copy = django_class(attrs=widget.attrs)
    copy.input_type = widget.input_type
    return copy


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_every_quick_input_writes_what_django_writes(language):
    load_article()
    compared = set()
    with translation.override(language):
        for query in QUERIES:
            filterset = PersonFilter(QueryDict(query), queryset=Person.public_objects.all())
            filterset.is_valid()
            for bound_field in filterset.form:
                widget = bound_field.field.widget
                if not isinstance(widget, QuickInput):
                    continue
                quick = str(bound_field)
                bound_field.field.widget = django_widget(widget)
                try:
                    assert quick == str(bound_field), (bound_field.name, query)
                finally:
                    bound_field.field.widget = widget
                compared.add(bound_field.name)
    assert len(compared) == 11  # q, article, release, facility, five dates, two sentences


def test_a_value_and_an_attribute_are_escaped():
    widget = QuickTextInput(attrs={"placeholder": '"<x>', "required": True, "hidden": False})
    quick = widget.render("q", "<b>&")
    assert quick == forms.TextInput(attrs=widget.attrs).render("q", "<b>&")
    assert 'value="&lt;b&gt;&amp;"' in quick and " required" in quick and "hidden" not in quick
