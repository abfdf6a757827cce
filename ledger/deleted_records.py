"""The admin's "Deleted records" page: what was deleted, by whom, and the way back.

People, releases and deals are withdrawn rather than deleted (ledger.withdrawal). Anything
else an editor deletes (a spelling, a detention, a citation...) keeps its last version in
django-simple-history; this page lists those deletions, newest first, each linked to the
record's history page, where "Revert" brings it back as it was.
"""

from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import reverse

PER_MODEL = 50
SHOWN = 200


def deleted_rows(request):
    rows = []
    for model, model_admin in admin.site._registry.items():
        manager_name = getattr(model._meta, "simple_history_manager_attribute", None)
        if manager_name is None or not model_admin.has_view_permission(request):
            continue
        pk_name = model._meta.pk.attname
        deletions = getattr(model, manager_name).filter(history_type="-")
        deletions = list(deletions.select_related("history_user").order_by("-history_date"))
        deletions = deletions[:PER_MODEL]
        ids = [getattr(record, pk_name) for record in deletions]
        back = set(model._default_manager.filter(pk__in=ids).values_list("pk", flat=True))
        for record in deletions:
            object_id = getattr(record, pk_name)
            if object_id in back:
                continue  # restored since
            rows.append(
                {
                    "kind": model._meta.verbose_name,
                    "label": str(record.instance),
                    "deleted_at": record.history_date,
                    "deleted_by": record.history_user,
                    "url": reverse(
                        f"admin:{model._meta.app_label}_{model._meta.model_name}_history",
                        args=[object_id],
                    ),
                }
            )
    rows.sort(key=lambda row: row["deleted_at"], reverse=True)
    return rows[:SHOWN]


def deleted_records_view(request):
    context = {
        **admin.site.each_context(request),
        "title": "Deleted records",
        "rows": deleted_rows(request),
    }
    return TemplateResponse(request, "admin/deleted_records.html", context)
