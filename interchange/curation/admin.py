"""The editors' side of one person, one record: the duplicates page, the merge with its
side-by-side preview, the merges (undone by a publisher) and the readers' corrections queue.

Editors (who may change people) find, dismiss and merge; a merge touching a withheld person and
an undo are a publisher's (`ledger.roles`). Registered from `interchange.admin`.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html

from interchange.curation import corrections
from interchange.curation.duplicates import find_duplicates
from interchange.curation.merging import (
    MergeRefused,
    differing_fields,
    merge_people,
    needs_publisher,
    undo_merge,
)
from interchange.curation.models import Correction, CorrectionStatus, DismissedPair, PersonMerge
from ledger.caching.derived import once_per_version
from ledger.roles import may_publish
from prisoners.models import Person

#: The duplicates page shows the best pairs; the command lists them all.
SHOWN_PAIRS = 200


def may_edit_people(request):
    return request.user.is_active and request.user.has_perm("prisoners.change_person")


def person_or_404(value):
    """The person with that id; a 404, never a 500, for anything else in the address."""
    if not str(value or "").isdigit():
        raise Http404("No such person.")
    return get_object_or_404(Person.private_objects, pk=int(value))


def person_link(person):
    url = reverse("admin:prisoners_person_change", args=[person.pk])
    return format_html('<a href="{}"><bdi>{}</bdi></a> ({})', url, person, person.pk)


@admin.action(description="Merge the two selected people…")
def merge_selected_people(modeladmin, request, queryset):
    """For the people list: opens the side-by-side preview (the newer record merged into the
    older one; the preview swaps them)."""
    ids = sorted(queryset.values_list("pk", flat=True))
    if len(ids) != 2:
        modeladmin.message_user(request, "Select exactly two people to merge.", messages.ERROR)
        return None
    url = reverse("admin:interchange_personmerge_preview")
    return redirect(f"{url}?loser={ids[1]}&survivor={ids[0]}")


@admin.action(description="Undo the selected merges", permissions=["undo"])
def undo_selected_merges(modeladmin, request, queryset):
    for merge in queryset.filter(undone_at__isnull=True):
        try:
            undo_merge(merge, user=request.user)
        except MergeRefused as refusal:
            modeladmin.message_user(request, str(refusal), messages.ERROR)
        else:
            modeladmin.message_user(request, f"Merge {merge.pk} undone.", messages.SUCCESS)


@admin.register(PersonMerge)
class PersonMergeAdmin(admin.ModelAdmin):
    list_display = ["pk", "loser_link", "survivor_link", "merged_by", "merged_at", "undone_at"]
    list_filter = ["undone_at"]
    actions = [undo_selected_merges]
    readonly_fields = [field.name for field in PersonMerge._meta.fields]

    @admin.display(description="merged away")
    def loser_link(self, merge):
        return person_link(merge.loser)

    @admin.display(description="kept")
    def survivor_link(self, merge):
        return person_link(merge.survivor)

    def has_module_permission(self, request):
        return may_edit_people(request)

    def has_view_permission(self, request, obj=None):
        return may_edit_people(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_undo_permission(self, request):
        return may_publish(request.user, Person)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "duplicates/", view(self.duplicates_view), name="interchange_personmerge_duplicates"
            ),
            path("preview/", view(self.preview_view), name="interchange_personmerge_preview"),
            *super().get_urls(),
        ]

    def duplicates_view(self, request):
        """Likely pairs with their evidence; "Not the same person" dismisses a pair for good."""
        if not may_edit_people(request):
            raise PermissionDenied
        if request.method == "POST":
            one = person_or_404(request.POST.get("first"))
            other = person_or_404(request.POST.get("second"))
            if one.pk == other.pk:
                raise PermissionDenied
            DismissedPair.dismiss(one, other, request.user, request.POST.get("reason", "")[:300])
            self.message_user(request, f"“{one}” and “{other}” will not be listed again.")
            return redirect("admin:interchange_personmerge_duplicates")
        pairs, total = listed_pairs()
        context = {
            **self.admin_site.each_context(request),
            "title": "Possible duplicate people",
            "pairs": pairs,
            "total": total,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/curation/duplicates.html", context)

    def preview_view(self, request):
        """Both records side by side; the editor picks each differing field's value."""
        if not may_edit_people(request):
            raise PermissionDenied
        data = request.POST if request.method == "POST" else request.GET
        loser = person_or_404(data.get("loser"))
        survivor = person_or_404(data.get("survivor"))
        if request.method == "POST":
            take = [name for name in request.POST if request.POST[name] == "loser"]
            take = [name.removeprefix("field-") for name in take if name.startswith("field-")]
            try:
                merge = merge_people(
                    loser,
                    survivor,
                    take=take,
                    user=request.user,
                    publisher_decision=request.POST.get("publisher_decision") == "yes",
                )
            except MergeRefused as refusal:
                self.message_user(request, str(refusal), messages.ERROR)
            else:
                self.message_user(
                    request,
                    f"“{loser}” was merged into “{survivor}” (merge {merge.pk}): "
                    f"{len(merge.moved)} row(s) moved. A publisher can undo it from Merges.",
                    messages.SUCCESS,
                )
                return redirect("admin:prisoners_person_change", survivor.pk)
        rows = [
            {"name": field.name, "label": field.verbose_name, "loser": theirs, "survivor": ours}
            for field, theirs, ours in differing_fields(loser, survivor)
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge two records of one person",
            "loser": loser,
            "survivor": survivor,
            "rows": rows,
            "needs_publisher": needs_publisher(loser, survivor),
            "may_publish": may_publish(request.user, Person),
            "swap_url": reverse("admin:interchange_personmerge_preview")
            + f"?loser={survivor.pk}&survivor={loser.pk}",
            "counts": _row_counts(loser),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/curation/merge_preview.html", context)


def listed_pairs():
    """(The first SHOWN_PAIRS pairs as dicts, how many in all) for the page. The finder runs
    once per version of the record (seconds at 10,000 people: not on every visit); pairs
    dismissed since are left out here."""
    found = once_per_version(
        "duplicate-pairs",
        lambda: [(p.first.pk, p.second.pk, p.score, p.evidence) for p in find_duplicates()],
    )
    dismissed = set(DismissedPair.objects.values_list("first", "second"))
    found = [row for row in found if (row[0], row[1]) not in dismissed]
    shown = found[:SHOWN_PAIRS]
    people = Person.private_objects.in_bulk({pk for row in shown for pk in row[:2]})
    pairs = [
        {"first": people[a], "second": people[b], "score": score, "evidence": evidence}
        for a, b, score, evidence in shown
        if a in people and b in people
    ]
    return pairs, len(found)


def _row_counts(person):
    """What would move, as (what, how many), for the preview."""
    counted = []
    for relation in Person._meta.related_objects:
        accessor = relation.get_accessor_name()
        if not accessor or relation.related_model._meta.model_name in ("namekey", "statusperiod"):
            continue
        count = getattr(person, accessor).count()
        if count:
            counted.append((relation.related_model._meta.verbose_name_plural, count))
    for accessor in ("citations", "claims"):
        count = getattr(person, accessor).count()
        if count:
            counted.append((accessor, count))
    return counted


class CorrectionDecisionForm(forms.ModelForm):
    decision = forms.ChoiceField(
        choices=[("", "Keep it open"), ("accept", "Accept"), ("dismiss", "Dismiss")],
        required=False,
        help_text="Accept once the record is edited (its history then names this suggestion); "
        "dismiss with the reason. Either way the reader's contact is erased.",
    )

    class Meta:
        model = Correction
        fields = ["decision_note"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "dismiss" and not cleaned.get("decision_note", "").strip():
            self.add_error("decision_note", "Say why the suggestion is dismissed.")
        return cleaned


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    """The private queue: open suggestions first, each beside a link to its record."""

    form = CorrectionDecisionForm
    list_display = ["pk", "record_link", "short_text", "status", "received_at"]
    list_filter = ["status", "record_type"]
    readonly_fields = [
        "record_link",
        "what_is_wrong",
        "source",
        "contact",
        "status",
        "received_at",
        "closed_at",
        "closed_by",
    ]
    fields = [*readonly_fields, "decision", "decision_note"]

    def get_queryset(self, request):
        return super().get_queryset(request).order_by("-status", "-received_at")

    @admin.display(description="record")
    def record_link(self, correction):
        record = correction.record
        if record is None:
            return "(the record is gone)"
        try:
            url = reverse(
                f"admin:{record._meta.app_label}_{record._meta.model_name}_change", args=[record.pk]
            )
        except NoReverseMatch:
            return str(record)
        return format_html(
            '<a href="{}" target="_blank"><bdi>{}</bdi></a> · <a href="{}" target="_blank">'
            "public page</a>",
            url,
            record,
            record.get_absolute_url(),
        )

    @admin.display(description="suggestion")
    def short_text(self, correction):
        return correction.what_is_wrong[:80]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != CorrectionStatus.OPEN:
            return [*self.readonly_fields, "decision_note"]
        return self.readonly_fields

    def get_fields(self, request, obj=None):
        if obj is not None and obj.status != CorrectionStatus.OPEN:
            return [*self.readonly_fields, "decision_note"]
        return self.fields

    def has_module_permission(self, request):
        return may_edit_people(request)

    def has_view_permission(self, request, obj=None):
        return may_edit_people(request)

    def has_change_permission(self, request, obj=None):
        return may_edit_people(request)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        decision = form.cleaned_data.get("decision")
        note = form.cleaned_data.get("decision_note", "")
        try:
            if decision == "accept":
                corrections.accept(obj, request.user, note)
            elif decision == "dismiss":
                corrections.dismiss(obj, request.user, note)
            else:
                obj.save(update_fields=["decision_note"])
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
