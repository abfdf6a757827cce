"""The admin action 'Publish this release and everyone in it' (docs/editing.md).

A publisher's decision for the release and for each person in it, so it needs both publish
permissions (docs/roles.md). The first step only shows what would happen, records with no
source first; the confirmation does it all in one transaction (`releases.services`).
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.urls import reverse

from ledger.roles import may_publish
from prisoners.models import Person
from releases.services import plan_release_publication, publish_release_with_people


class PublishWithPeopleMixin:
    """For ReleaseAdmin: the action and the permission it asks for."""

    def has_publish_with_people_permission(self, request):
        return may_publish(request.user, self.model) and may_publish(request.user, Person)


@admin.action(
    description="Publish the selected releases and everyone in them",
    permissions=["publish_with_people"],
)
def publish_with_people(modeladmin, request, queryset):
    releases = list(queryset.filter(withdrawn_at__isnull=True))
    if len(releases) < queryset.count():
        messages.warning(request, "Withdrawn releases were left out: restore them first.")
    if request.POST.get("post") == "yes":
        published = 0
        for release in releases:
            published += len(publish_release_with_people(release).to_publish)
        modeladmin.message_user(
            request,
            f"{len(releases)} release(s) published, with {published} person(s) in them. "
            "Withheld people stay withheld.",
            messages.SUCCESS,
        )
        return None
    plans = [plan_release_publication(release) for release in releases]
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": "Publish releases and everyone in them?",
        "opts": modeladmin.model._meta,
        "plans": plans,
        "unsourced": [
            (record._meta.verbose_name, record, admin_change_url(record))
            for plan in plans
            for record in plan.unsourced
        ],
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/releases/publish_with_people.html", context)


def admin_change_url(record):
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
