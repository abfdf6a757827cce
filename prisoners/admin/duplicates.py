"""The duplicate check on the person add form: as the name is typed, and again before the save.

A new person whose display name or any spelling typed in the names inline matches someone
already in the record (in any script, `Person.matching_any`) is not saved until the editor ticks
"This is a different person": namesakes exist, so the check asks rather than refuses. While the
editor types, static/js/admin-duplicates.js asks `possible_duplicates_view` and lists the
matches under the name, so the existing record can be opened before the form is filled in.
"""

import re

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from prisoners.models import Person

#: Names typed in the spellings inline (`PersonNameInline`, prefix "names").
SPELLING_KEY = re.compile(r"^names-\d+-name$")
SHOWN = 10
#: Fewer letters than this match half the record: nothing is said until the name is longer.
SHORTEST_NAME = 3


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

    @property
    def media(self):
        return super().media + forms.Media(js=["js/admin-duplicates.js"])

    def get_urls(self):
        typing = path(
            "possible-duplicates/",
            self.admin_site.admin_view(self.possible_duplicates_view),
            name="prisoners_person_possible_duplicates",
        )
        return [typing, *super().get_urls()]

    def possible_duplicates_view(self, request):
        """The people a name typed so far matches, as JSON: {"matches": [{"name", "url"}],
        "more": how many beyond those}. For editors who may add people."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        name = request.GET.get("name", "").strip()[:200]
        matches = Person.matching_any([name]) if len(name) >= SHORTEST_NAME else []
        shown = [
            {"name": str(other), "url": reverse("admin:prisoners_person_change", args=[other.pk])}
            for other in matches[:SHOWN]
        ]
        return JsonResponse({"matches": shown, "more": max(0, len(matches) - SHOWN)})

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = type("PersonAddForm", (DuplicateCheckedForm, self.form), {})
        return super().get_form(request, obj, **kwargs)
