"""Who may publish: the admin's side of the three roles (docs/roles.md).

Editors add and change records; publishing is a decision of its own. A person's `visibility`
and a release's or deal's `is_published` and `withdrawn_at` change only for a user holding the
model's `publish_<model>` permission (Publishers and Administrators, groups made by
releases/migrations/0007_roles.py). For everyone else the admin offers only the stored value (a
new record is a draft) and refuses, in words, any form that would change it: a forged POST, or a
revert to a version of the record that was published or withdrawn. `save_model` checks again,
so no other path through the admin gets round it.
"""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError

#: The role groups, made by releases/migrations/0007_roles.py.
EDITORS, PUBLISHERS, ADMINISTRATORS = "Editors", "Publishers", "Administrators"


def publish_permission(model) -> str:
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


def may_publish(user, model) -> bool:
    return user.has_perm(publish_permission(model))


def stored_publication(obj, field_name):
    """(publication value, withdrawn?) as saved now; a new record's are its defaults."""
    model = type(obj)
    stored = (
        model._base_manager.filter(pk=obj.pk).values_list(field_name, "withdrawn_at").first()
        if obj.pk is not None
        else None
    )
    if stored is None:  # a new record, or a deleted one brought back by a revert
        return model._meta.get_field(field_name).get_default(), False
    return stored[0], stored[1] is not None


def publication_changed(obj, field_name) -> bool:
    now = (getattr(obj, field_name), obj.withdrawn_at is not None)
    return now != stored_publication(obj, field_name)


def refusal(model, value, field_name) -> str:
    field = model._meta.get_field(field_name)
    if field.choices:
        shown = dict(field.flatchoices).get(value, value)
    else:
        shown = "published" if value else "not published"
    return (
        f"Only a publisher can publish, withhold, withdraw or restore "
        f"{model._meta.verbose_name_plural}. Nothing was saved: this {model._meta.verbose_name} "
        f"stays as it is ({shown}). Save your other changes without that one, and ask a "
        "publisher."
    )


class PublicationLockedForm:
    """Mixed into the admin form of a user who may not publish (see the module docstring)."""

    publication_field = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model = self._meta.model
        self.stored_publication = stored_publication(self.instance, self.publication_field)
        field = self.fields.get(self.publication_field)
        if field is None:
            return
        value = self.stored_publication[0]
        message = refusal(model, value, self.publication_field)
        if isinstance(field, forms.BooleanField):
            field.disabled = True  # an unticked box is not posted: a choice cannot be refused
        else:
            field.choices = [choice for choice in field.choices if choice[0] == value]
            field.error_messages = {**field.error_messages, "invalid_choice": message}
        field.help_text = f"{field.help_text} Only a publisher can change it."

    def clean(self):
        cleaned = super().clean()
        name = self.publication_field
        if self.has_error(name):
            return cleaned  # an invalid choice: already refused, in the same words
        # Not yet copied to the instance: a revert's instance holds the old version's values.
        value = cleaned[name] if name in cleaned else getattr(self.instance, name)
        withdrawn = self.instance.withdrawn_at is not None  # changed only by a revert
        if (value, withdrawn) != self.stored_publication:
            raise ValidationError(
                refusal(self._meta.model, self.stored_publication[0], name), code="publish"
            )
        return cleaned


class PublicationAdminMixin:
    """For the admins of people, releases and deals: put it before `ModelAdmin` in the bases."""

    publication_field = ""

    def has_publish_permission(self, request, obj=None):
        return may_publish(request.user, self.model)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if self.has_publish_permission(request):
            return form
        attrs = {"publication_field": self.publication_field, "__module__": __name__}
        return type(form.__name__, (PublicationLockedForm, form), attrs)

    def save_model(self, request, obj, form, change):
        if not self.has_publish_permission(request) and publication_changed(
            obj, self.publication_field
        ):
            stored, _ = stored_publication(obj, self.publication_field)
            raise PermissionDenied(refusal(self.model, stored, self.publication_field))
        super().save_model(request, obj, form, change)


def give_administrators_every_permission(using="default", apps=None, **kwargs):
    """post_migrate (connected in `releases.apps`): the Administrators group holds every
    permission, those of apps and models added after the roles migration included."""
    if apps is None:
        return
    try:
        group_model, permission_model = (
            apps.get_model("auth", "Group"),
            apps.get_model("auth", "Permission"),
        )
    except LookupError:
        return
    group = group_model.objects.using(using).filter(name=ADMINISTRATORS).first()
    if group is not None:  # None before releases' 0007_roles has run
        group.permissions.add(*permission_model.objects.using(using).exclude(group=group))
