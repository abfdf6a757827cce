"""Withdrawal: the admin's delete for people, releases and deals.

A withdrawn record leaves every public surface (`withdrawn_at` is part of each model's
`public_condition`) and the admin's default lists, but its row stays, with everything attached
to it: names, citizenships, occupations, detentions, charges, citations and claims. Restoring it
clears `withdrawn_at` and all of that is back, exactly as it was. Both are saves, so both are in
the record's history, with who did it.

Chosen over django-reversion's recover views (docs/data-model.md, "Deletion and restore"): a
restore that re-creates rows from serialised versions depends on every related model being
registered with the right `follow`, and loses what was not; a row that never left loses nothing.
Rows deleted one by one (a spelling, a citation) are kept by django-simple-history, and the
admin's "Deleted records" page lists them with a link to revert each one.

Withdrawing and restoring are publishing decisions: only a user who may publish the model
(`ledger.roles`, docs/roles.md) sees the delete button, the bulk withdraw and the restore
action. No role hard-deletes a person, release or deal through the admin, administrators
included.
"""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html

from ledger.roles import PublicationAdminMixin


def withdraw(record):
    if record.withdrawn_at is None:
        record.withdrawn_at = timezone.now()
        record.save()


def restore(record):
    if record.withdrawn_at is not None:
        record.withdrawn_at = None
        record.save()


class WithdrawnFilter(admin.SimpleListFilter):
    """Withdrawn records are hidden from the list unless asked for."""

    title = "withdrawn"
    parameter_name = "withdrawn"

    def lookups(self, request, model_admin):
        return [("yes", "Withdrawn only"), ("all", "Current and withdrawn")]

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": "Current only",
        }
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(withdrawn_at__isnull=False)
        if self.value() == "all":
            return queryset
        return queryset.filter(withdrawn_at__isnull=True)


@admin.action(description="Restore the selected withdrawn records", permissions=["publish"])
def restore_selected(modeladmin, request, queryset):
    restored = 0
    for record in queryset.filter(withdrawn_at__isnull=False):
        restore(record)
        restored += 1
    modeladmin.message_user(request, f"{restored} record(s) restored, with everything attached.")


class WithdrawInsteadOfDeleteMixin(PublicationAdminMixin):
    """The admin's delete withdraws the record instead (see the module docstring). Set
    `publication_field` ("visibility", "is_published") for `PublicationAdminMixin`."""

    delete_confirmation_template = "admin/withdraw_confirmation.html"
    delete_selected_confirmation_template = "admin/withdraw_selected_confirmation.html"
    actions = [restore_selected]

    def get_list_filter(self, request):
        return [WithdrawnFilter, *super().get_list_filter(request)]

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.has_publish_permission(request)

    def get_deleted_objects(self, objs, request):
        # Nothing is deleted, so nothing attached is at stake and no protection applies.
        return [str(obj) for obj in objs], {}, set(), []

    def delete_model(self, request, obj):
        withdraw(obj)

    def delete_queryset(self, request, queryset):
        for record in queryset:
            withdraw(record)

    def response_delete(self, request, obj_display, obj_id):
        response = super().response_delete(request, obj_display, obj_id)
        # Replace Django's "deleted successfully" with what happened.
        list(messages.get_messages(request))
        messages.success(
            request,
            format_html(
                "“<bdi>{}</bdi>” was withdrawn: it is off the public site and out of this list. "
                "Find it under “withdrawn” in the filters and restore it with everything "
                "attached.",
                obj_display,
            ),
        )
        return response

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.withdrawn_at is not None:
            messages.warning(
                request,
                f"This record was withdrawn on {obj.withdrawn_at:%Y-%m-%d %H:%M} UTC. Restore it "
                "from the list (filter “withdrawn”, action “Restore”) to publish it again.",
            )
        return super().render_change_form(request, context, add, change, form_url, obj)
