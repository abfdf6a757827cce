"""Withheld people in the admin: seen by those who need to, named in no one else's screen.

A withheld person is withheld at the family's request; human-rights groups keep such records to
the few who need them. An account without `prisoners.see_withheld_person` (publishers and
administrators hold it; editors do not: docs/roles.md) sees that a withheld record exists, not
who: a "withheld record #…" row in the list, sorted after the others (a place in an alphabetical
list would hint at the name), and nothing else. Its change page, history and each of its
versions answer 403; a search (the list's, an autocomplete's) never finds it, so no count or
typed name tells who it is; the export (interchange.admin) leaves it out.

The codename does not start with `view_`: the roles migration gives editors every `view_`
permission of the domain (releases/migrations/0007_roles.py), and re-runs of it would too.

Whoever may see withheld people also sees, on the person's page, every public text of another
record that names them (`prisoners.mentions.texts_naming`): withholding someone makes those
texts read "[name withheld]" on every public surface, and the publisher should know where.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import InlineModelAdmin
from django.db.models import Case, Value, When
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join

from prisoners.mentions import texts_naming
from prisoners.vocabularies import Visibility

SEE_WITHHELD = "prisoners.see_withheld_person"


def may_see_withheld(user) -> bool:
    return user.has_perm(SEE_WITHHELD)


def is_withheld(person) -> bool:
    return person is not None and person.visibility == Visibility.WITHHELD


def placeholder(person) -> str:
    return f"withheld record #{person.pk}"


def withheld_hidden_from(request, queryset):
    """`queryset` without the withheld people, unless the user may see them."""
    if may_see_withheld(request.user):
        return queryset
    return queryset.exclude(visibility=Visibility.WITHHELD)


def admin_link(record) -> str:
    meta = record._meta
    try:
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.pk])
    except NoReverseMatch:
        return format_html("{} #{}", meta.verbose_name, record.pk)
    return format_html('<a href="{}">{} #{}: {}</a>', url, meta.verbose_name, record.pk, record)


def searched_without_withheld(request, results, search_term):
    """A search's results (the list's, an autocomplete's, even empty) without the withheld
    people, unless the user may see them: the last step of the people admin's search."""
    autocomplete = getattr(request.resolver_match, "url_name", "") == "autocomplete"
    if search_term.strip() or autocomplete:
        return withheld_hidden_from(request, results)
    return results


class SeenOnlyIfMaySee:
    """Viewing, changing and deleting a record also need `may_see(request, obj)`."""

    def may_see(self, request, obj) -> bool:
        raise NotImplementedError

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self.may_see(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.may_see(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.may_see(request, obj)


class WithheldPeopleAdminMixin(SeenOnlyIfMaySee):
    """For the people's admin: put it before `ModelAdmin` in the bases."""

    def may_see(self, request, obj) -> bool:
        return not is_withheld(obj) or may_see_withheld(request.user)

    def get_list_display(self, request):
        columns = list(super().get_list_display(request))
        if may_see_withheld(request.user):
            return columns
        return ["listed_name" if column == "display_name" else column for column in columns]

    def get_ordering(self, request):
        ordering = list(super().get_ordering(request) or self.model._meta.ordering)
        if may_see_withheld(request.user):
            return ordering
        withheld_last = Case(When(visibility=Visibility.WITHHELD, then=Value(1)), default=Value(0))
        return [withheld_last.asc(), *ordering]

    def get_sortable_by(self, request):
        sortable = super().get_sortable_by(request)
        columns = self.get_list_display(request)
        return [column for column in (sortable or columns) if column != "listed_name"]

    def action_checkbox(self, obj):
        # Django labels each row's checkbox with the record's name ("Select this object for an
        # action - <name>"): a withheld row is labelled by its placeholder, for everyone.
        if not is_withheld(obj):
            return super().action_checkbox(obj)
        attrs = {"class": "action-select", "aria-label": f"Select record {obj.pk} for an action"}
        checkbox = forms.CheckboxInput(attrs, lambda value: False)
        return checkbox.render(helpers.ACTION_CHECKBOX_NAME, str(obj.pk))

    @admin.display(description="display name")
    def listed_name(self, obj):
        return placeholder(obj) if is_withheld(obj) else obj.display_name

    @admin.display(description="Public texts that name this person")
    def named_in(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        found = texts_naming(obj)
        if not found:
            return "None: no public text of another record names this person."
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "", "<li>{} ({})</li>", ((admin_link(r), field) for r, field, _ in found)
            ),
        )

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "named_in"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        description = (
            "Summaries, notes, quotes, claims and titles of other public records that name "
            "this person, by a reference ([[person:slug]]) or by a spelling. While the person "
            "is withheld, a draft or withdrawn, each reads '[name withheld]' on every public "
            "surface; nothing written is changed."
        )
        return [*fieldsets, ("Named in", {"fields": ["named_in"], "description": description})]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if is_withheld(obj):
            found = texts_naming(obj)
            if found:
                messages.warning(
                    request,
                    format_html(
                        "{} is withheld. {} public text(s) of other records name them and now "
                        "read “[name withheld]” on every public surface: {}",
                        obj.display_name,
                        len(found),
                        format_html_join(
                            ", ", "{} ({})", ((admin_link(r), f) for r, f, _ in found)
                        ),
                    ),
                )


def person_relations(model):
    """The names of `model`'s fields that point at a person (a foreign key or many)."""
    return [
        field.name
        for field in model._meta.get_fields()
        if field.concrete
        and (field.many_to_one or field.many_to_many)
        and getattr(field.related_model, "_meta", None) is not None
        and field.related_model._meta.label == "prisoners.Person"
    ]


def foreign_keys(obj):
    return {field.name for field in obj._meta.concrete_fields if field.many_to_one}


def masked_label(person) -> str:
    return placeholder(person) if is_withheld(person) else str(person)


def masked_person_column(name):
    def column(obj):
        return masked_label(getattr(obj, name))

    column.short_description = name.replace("_", " ")
    column.admin_order_field = None
    return column


class WithheldPeopleInRelationsMixin(SeenOnlyIfMaySee):
    """For the admins (and inlines) of records that point at people: to an account without
    `see_withheld_person`, a withheld person in a choice (a select, an autocomplete's chosen
    value, a raw id's label) and in a list column is "withheld record #…", and a search never
    finds a record by a withheld person's name. Put it before `ModelAdmin` in the bases."""

    def may_see(self, request, obj) -> bool:
        """A record pointing at a withheld person (their detention, their freeing, a claim they
        made) names them in its title ("Political prisoners held: <name>"): its own pages
        answer 403 like theirs. An inline's `obj` is its parent record."""
        if obj is None or isinstance(self, InlineModelAdmin) or may_see_withheld(request.user):
            return True
        relations = [name for name in person_relations(self.model) if name in foreign_keys(obj)]
        return not any(is_withheld(getattr(obj, name)) for name in relations)

    def masked_field(self, field, db_field, request):
        if field is None or may_see_withheld(request.user):
            return field
        if db_field.name in person_relations(self.model):
            field.label_from_instance = masked_label
        return field

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return self.masked_field(field, db_field, request)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        return self.masked_field(field, db_field, request)

    def get_list_display(self, request):
        columns = list(super().get_list_display(request))
        if may_see_withheld(request.user):
            return columns
        relations = set(person_relations(self.model))
        return [
            masked_person_column(column) if column in relations else column for column in columns
        ]

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.strip() and not may_see_withheld(request.user):
            searched = {name.lstrip("^=@").split("__")[0] for name in self.search_fields}
            for relation in set(person_relations(self.model)) & searched:
                results = results.exclude(**{f"{relation}__visibility": Visibility.WITHHELD})
        return results, may_have_duplicates
