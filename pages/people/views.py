from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from filters.people import PersonFilter
from interchange.csv_files.people import PERSON_COLUMNS, people_statement, with_sort_keys
from interchange.curation.redirects import public_survivor
from ledger.invisible_characters import isolated
from ledger.translated_text import text_in_language
from pages.citing import with_revision
from pages.lists import (
    FilteredCSVView,
    FilteredListView,
    FilteredSpreadsheetView,
    PageMetaMixin,
)
from pages.people.person_page import load_page_details, with_presence_flags
from pages.people.timeline import person_timeline
from prisoners.list_rows import attach_list_rows
from prisoners.models import Citation, Person, Source
from prisoners.wording import public_label, status_with_date
from releases.models import ReleasedPerson


def public_people():
    """The base of every public view of people: published prisoners only."""
    return Person.public_objects.all()


class PersonListView(FilteredListView):
    template_name = "prisoners/person_list.html"
    csv_url_name = "prisoners:person-csv"
    item_name, item_name_plural = "person", "people"
    page_title = _("People")
    page_description = _(
        "Political prisoners of Belarus: who is held, who was freed, when and on whose word. "
        "Filter by name in any spelling, status, citizenship, charge or sentence."
    )
    filterset_class = PersonFilter

    def get_queryset(self):
        return public_people().with_list_rows().order_by("sort_key", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        attach_list_rows(context["object_list"])
        return context


class PeopleDownload:
    filterset_class = PersonFilter
    columns = PERSON_COLUMNS
    statement = staticmethod(people_statement)  # one statement; PostgreSQL writes the CSV
    basename = "people"
    sheet_title = _("People")

    def get_queryset(self):
        # Every column is SQL (interchange.csv_files.people): no prefetches, and the two sort
        # keys as
        # subqueries rather than a grouped join.
        return with_sort_keys(public_people()).order_by("sort_key", "pk")


class PersonCSVView(PeopleDownload, FilteredCSVView):
    pass


class PersonSpreadsheetView(PeopleDownload, FilteredSpreadsheetView):
    pass


class PersonDetailView(PageMetaMixin, DetailView):
    template_name = "prisoners/person_detail.html"
    context_object_name = "person"
    og_type = "profile"

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # A merged record's address answers 301 to the survivor's, when that is public.
            survivor = public_survivor(kwargs["slug"])
            if survivor is None:
                raise
            target = reverse("prisoners:person-detail", kwargs={"slug": survivor.slug})
            return HttpResponsePermanentRedirect(target)

    def get_page_meta(self):
        person = self.object
        parts = [isolated(text_in_language(person, "role").text), status_with_date(person)]
        return {
            "page_title": person.shown_name,
            "page_description": f"{isolated(person.shown_name)}: "
            + "; ".join(p for p in parts if p)
            + ". "
            + _("Detentions, sentences and releases, each with its source."),
        }

    def get_queryset(self):
        return with_revision(with_presence_flags(public_people()))

    def get_object(self, queryset=None):
        return load_page_details(super().get_object(queryset))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.object
        timeline = person_timeline(person)
        claims = list(person.claims.all())
        records = [
            person,
            *(event.record for event in timeline),
            *claims,
            *person.stays.all(),
            *person.recognitions.all(),
            *person.detentions.all(),
            *ReleasedPerson.public_outcomes_of(person),
        ]
        Citation.public_objects.attach_to(list({(type(r), r.pk): r for r in records}.values()))
        # The status line cites the record of the event that set it (an arrest, a release
        # outcome), with its label when inferred or contested: not the person's general sources.
        status_record = person.derive_custody().since_record
        context.update(timeline=timeline, claims=claims, status_record=status_record)
        return context


class SourceListView(PageMetaMixin, ListView):
    template_name = "prisoners/source_list.html"
    context_object_name = "sources"
    page_title = _("Sources")
    page_description = _(
        "Every outlet and organisation cited, its kind and country, and what it is cited for."
    )

    def get_queryset(self):
        return Source.public_objects.with_public_counts().order_by("name")


class SourceDetailView(PageMetaMixin, DetailView):
    template_name = "prisoners/source_detail.html"
    context_object_name = "source"
    queryset = with_revision(Source.public_objects.all())

    def get_page_meta(self):
        source = self.object
        return {
            "page_title": public_label(source),
            "page_description": _("%(source)s (%(kind)s): what Release Ledger cites it for.")
            % {"source": isolated(public_label(source)), "kind": source.get_kind_display()},
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        citations = self.object.citations.published().with_records()
        # Each claim links to its subject's page: fetch the subjects in one query per kind.
        claims = (
            self.object.claims.published().select_related("claimed_by").prefetch_related("subject")
        )
        context.update(citations=citations, claims=claims)
        return context
