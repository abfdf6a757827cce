"""Optimistic locking: a save from a stale form is refused, never silently applied.

Every record an editor can change carries a `version`. A save is an
`UPDATE ... SET version = version + 1 WHERE pk = ? AND version = ?`: when another editor has
saved the row since this copy was read, no row matches and `StaleRecordError` is raised, so
nothing is overwritten. In the admin, every form and every inline row carries its version in a
hidden field; a stale one is refused before anything is written, with each field that differs
shown as "saved now" and "in your form", so neither editor's work is lost.

Hand-written rather than django-concurrency (compared in docs/editing.md): the library's admin
reports a lost update as a success on rows with version 0 and under a race, shows only "Record
Modified", returns a 500 for a stale inline, and breaks django-simple-history's revert.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.http import HttpResponseRedirect


class StaleRecordError(Exception):
    """Another editor saved this record after this copy of it was read."""


class Versioned(models.Model):
    version = models.PositiveIntegerField(
        default=0,
        help_text="Counts saves. A save from a form opened before the last save is refused "
        "(optimistic locking), so no editor silently undoes another's work.",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._state.adding or self.pk is None:
            return super().save(*args, **kwargs)
        rows = type(self)._base_manager.filter(pk=self.pk)
        with transaction.atomic(using=kwargs.get("using")):
            claimed = rows.filter(version=self.version).update(version=F("version") + 1)
            if not claimed and not rows.exists():
                return super().save(*args, **kwargs)  # a deleted record brought back (revert)
            if not claimed:
                raise StaleRecordError(
                    f"{self._meta.verbose_name.capitalize()} “{self}” was changed by someone "
                    "else while you were editing it. Nothing was saved: open it again and "
                    "redo your change."
                )
            self.version += 1
            return super().save(*args, **kwargs)


def shown(value) -> str:
    if value in (None, "", [], ()):
        return "(empty)"
    if isinstance(value, models.QuerySet | list | tuple):
        return ", ".join(str(item) for item in value) or "(empty)"
    return str(value)


class VersionedForm(forms.ModelForm):
    """Carries the version it was opened at, and refuses a save from a stale copy."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "version" in self.fields:
            self.fields["version"].widget = forms.HiddenInput()
            self.fields["version"].required = False

    def clean(self):
        cleaned = super().clean()
        stored = self.instance  # on a POST the admin reads the record afresh: what is saved now
        submitted = cleaned.get("version")
        if stored.pk is None or "version" not in self.fields or submitted == stored.version:
            return cleaned
        differences = [
            f"{self.fields[name].label}: saved now “{shown(self.initial.get(name))}”, "
            f"in your form “{shown(cleaned.get(name))}”"
            for name in self.changed_data
            if name != "version" and name in self.fields
        ]
        raise ValidationError(
            "Someone else saved this record after you opened it, so your form was not saved. "
            "Compare, copy what you need, reload the page and save again. %(differences)s",
            params={"differences": "; ".join(differences) or "No field differs."},
            code="stale",
        )


class VersionedAdminMixin:
    """For every ModelAdmin and inline of a `Versioned` model: put it first in the bases."""

    form = VersionedForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        named = {
            field
            for _, options in fieldsets
            for line in options.get("fields", ())
            for field in (line if isinstance(line, list | tuple) else [line])
        }
        if "version" not in named and fieldsets:
            name, options = fieldsets[0]
            fieldsets[0] = (name, {**options, "fields": [*options["fields"], "version"]})
        return fieldsets

    def get_form(self, request, obj=None, **kwargs):
        # django-simple-history's revert builds the form from an old version of the record: give
        # it the current version, so that reverting is a save like any other.
        match = getattr(request, "resolver_match", None)
        if obj is not None and obj.pk and match and match.url_name.endswith("_simple_history"):
            current = type(obj)._base_manager.filter(pk=obj.pk).values_list("version", flat=True)
            obj.version = current.first() or 0  # 0: a deleted record, re-created by the revert
        return super().get_form(request, obj, **kwargs)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # A save that lost the race after its form was checked: roll back everything and say so.
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleRecordError as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(request.get_full_path())
