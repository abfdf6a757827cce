from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class PagePagination(PageNumberPagination):
    """`?page=N`, 50 records a page as on the site; `?page_size=` from 1 to 500. A page past the
    last is a 404 and a page size out of range a 400 (the HTML lists land on the last page
    instead: a program should see its mistake). For the whole record at once, the dataset bundle
    is quicker than paging."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_number(self, request, paginator):
        once(request, self.page_query_param)
        return super().get_page_number(request, paginator)

    def get_page_size(self, request):
        once(request, self.page_size_query_param)
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError(
                {self.page_size_query_param: [f"A whole number from 1 to {self.max_page_size}."]}
            )
        return int(raw)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
        return parameters


def once(request, name):
    """A page number or size given twice is refused: the schema says one integer, and taking
    the last of several would answer a request it does not describe."""
    if len(request.query_params.getlist(name)) > 1:
        raise ValidationError({name: ["Give it once."]})
