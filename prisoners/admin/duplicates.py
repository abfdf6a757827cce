"""The duplicate check on the person add form: before the save, not after it.

A new person whose display name or any spelling typed in the names inline matches someone
already in the record (in any script, `Person.matching_any`) is not saved until the editor ticks
"This is a different person": namesakes exist, so the check asks rather than refuses.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from ..models import Person

#: Names typed in the spellings inline (`PersonNameInline`, prefix "names").
SPELLING_KEY = re.compile(r"^names-\d+-name$")
SHOWN = 10


class DuplicateCheckedForm(forms.ModelForm):
    not_a_duplicate = forms.BooleanField(
        required=False,
        label="This is a different person",
        help_text="Tick it when the possible duplicates listed here are other people with a "
        "similar name. Otherwise open the existing record instead of adding a new one.",
    )

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None or cleaned.get("not_a_duplicate"):
            return cleaned
        typed = [value for key, value in self.data.items() if SPELLING_KEY.match(key)]
        matches = Person.matching_any([cleaned.get("display_name", ""), *typed])
        if matches:
            links = format_html_join(
                ", ",
                '<a href="{}" target="_blank"><bdi>{}</bdi></a>',
                (
                    (reverse("admin:prisoners_person_change", args=[other.pk]), other)
                    for other in matches[:SHOWN]
                ),
            )
            more = f" and {len(matches) - SHOWN} more" if len(matches) > SHOWN else ""
            self.add_error(
                "not_a_duplicate",
                ValidationError(
                    format_html(
                        "Possible duplicate: the name matches {}{}. Nothing was saved. If this "
                        "is a different person, tick “This is a different person” and save "
                        "again.",
                        links,
                        more,
                    ),
                    code="possible_duplicate",
                ),
            )
        return cleaned


class DuplicateCheckMixin:
    """For PersonAdmin, before the other mixins: the add form carries the check."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is None:
            fieldsets.insert(1, ("Possible duplicates", {"fields": ["not_a_duplicate"]}))
        return fieldsets

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = type("PersonAddForm", (DuplicateCheckedForm, self.form), {})
        return super().get_form(request, obj, **kwargs)
