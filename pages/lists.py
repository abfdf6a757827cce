"""Filterable lists: the HTML page, its CSV and its spreadsheet share one FilterSet and one base
queryset."""

from functools import partial

from django.conf import settings
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse, QueryDict
from django.urls import reverse
from django.utils import translation
from django.views import View
from django_filters import OrderingFilter
from django_filters.constants import EMPTY_VALUES
from django_filters.views import FilterView

from filters.canonical import canonical_query
from filters.file_names import file_stem
from interchange.csv_files.writer import column_titles, spreadsheet_rows, streaming_csv_response
from interchange.spreadsheets import CONTENT_TYPE as SPREADSHEET_TYPE
from interchange.spreadsheets import write_workbook
from ledger.caching.exports import cached_export


class PageMetaMixin:
    """Title, description and Open Graph type for a page (links are shared on social media)."""

    page_title = ""
    page_description = ""
    og_type = "website"

    def get_page_meta(self):
        return {"page_title": self.page_title, "page_description": self.page_description}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["og_type"] = self.og_type
        context.update(self.get_page_meta())
        return context


def link_filters(form, query):
    """The filters a link sets rather than the form (its hidden fields: one release, one place of
    detention), each as {label, value (the record, or None when the slug matches none), the
    query without it}, so the form can show them and offer to remove each."""
    found = []
    for field in form.hidden_fields():
        if not query.get(field.name):
            continue
        rest = QueryDict(mutable=True)  # the other filters, without the form's empty fields
        for key, values in query.lists():
            if key != field.name and any(values):
                rest.setlist(key, [value for value in values if value])
        value = getattr(form, "cleaned_data", {}).get(field.name)
        found.append({"label": field.label, "value": value, "remove_query": rest.urlencode()})
    return found


class FilteredListView(PageMetaMixin, FilterView):
    """A FilterView whose bad page numbers land on a real page instead of a 404.

    An invalid filter value leaves the form unbound-valid: django-filter's strict mode shows no
    rows and the template shows the form's errors; nothing raises.
    """

    paginate_by = 50
    csv_url_name = None  # the CSV of this list: it takes the same filters
    item_name = "item"
    item_name_plural = "items"

    @classmethod
    def canonical_query(cls, data):
        """The query this page answers (filters.canonical): the page cache's key."""
        return canonical_query(cls.filterset_class, data, paged=True)

    @staticmethod
    def rate_limit_scope(query):
        """A name search is limited for anonymous clients (ledger.limits); browsing is not."""
        return "search" if query.get("q", "").strip() else None

    def paginate_queryset(self, queryset, page_size):
        paginator = Paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["filter_query"] = query.urlencode()
        context["result_count"] = context["paginator"].count if context.get("paginator") else 0
        context["filters_active"] = any(value for key, value in query.items())
        # The number the folded filters' button shows (on a phone): the sort order is no filter.
        filters = context["filter"].filters
        context["filters_count"] = sum(
            1
            for key in query
            if any(query.getlist(key)) and not isinstance(filters.get(key), OrderingFilter)
        )
        context["link_filters"] = link_filters(context["filter"].form, query)
        context.update(
            csv_url=reverse(self.csv_url_name),
            spreadsheet_url=reverse(self.csv_url_name.removesuffix("-csv") + "-xlsx"),
            item_name=self.item_name,
            item_name_plural=self.item_name_plural,
        )
        return context


class FilteredDownload(View):
    """Every row matching the list page's filters (all pages), as a file named for what it holds
    (`filters.file_names`). A filter the form refuses gives a 400 in words, never a file."""

    filterset_class = None
    columns = None
    # A function (queryset, connection, everyone) -> (sql, params, kinds): the one statement
    # that gives the file's rows (interchange.csv_files.writer); `everyone`: no filter narrows
    # the list. None: the columns' Python values.
    statement = None
    basename = None
    kind = "CSV"

    def get_queryset(self):
        raise NotImplementedError

    @classmethod
    def canonical_query(cls, data):
        """The query this file answers (filters.canonical): the key of its cache and file."""
        return canonical_query(cls.filterset_class, data)

    @staticmethod
    def rate_limit_scope(query):
        """Every file is limited for anonymous clients (ledger.limits)."""
        return "downloads"

    def get(self, request, *args, **kwargs):
        filterset = self.filterset_class(request.GET, queryset=self.get_queryset(), request=request)
        if not filterset.is_valid():
            problems = "\n".join(
                f"{field}: {' '.join(errors)}" for field, errors in filterset.errors.items()
            )
            return HttpResponse(
                f"The filters are not valid, so no {self.kind} file was made.\n{problems}\n",
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        statement = self.statement
        if statement is not None:
            statement = partial(statement, everyone=not narrows(filterset))
        return self.file_response(filterset.qs, file_stem(self.basename, filterset), statement)


class FilteredCSVView(FilteredDownload):
    """The CSV: stable codes for programs, the same at every address."""

    def get(self, request, *args, **kwargs):
        # The file is data, the same at every address (/be/prisoners/export.csv too): its cells
        # are written in English, as PostgreSQL's COPY writes them. Activated, not overridden,
        # because the rows stream after this method returns (docs/languages.md).
        translation.activate(settings.LANGUAGE_CODE)
        return super().get(request, *args, **kwargs)

    def file_response(self, queryset, stem, statement):
        return cached_export(
            self.request,
            partial(streaming_csv_response, self.columns, queryset, stem, statement),
            self.canonical_query(self.request.GET),
        )


class FilteredSpreadsheetView(FilteredDownload):
    """The .xlsx: the words the reader sees, in the language of the page it came from."""

    kind = "spreadsheet"
    sheet_title = ""

    def file_response(self, queryset, stem, statement):
        rows = spreadsheet_rows(self.columns, queryset, statement)
        handle = write_workbook(
            self.sheet_title or self.basename, column_titles(self.columns), rows
        )
        return FileResponse(
            handle, as_attachment=True, filename=f"{stem}.xlsx", content_type=SPREADSHEET_TYPE
        )


def narrows(filterset) -> bool:
    """Whether any filter (the sort order aside) leaves rows out."""
    return any(
        filterset.form.cleaned_data.get(name) not in EMPTY_VALUES
        for name, filter_ in filterset.filters.items()
        if not isinstance(filter_, OrderingFilter)
    )
