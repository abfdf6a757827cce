"""Read-only API views: each starts from `public_objects` and filters with its list's FilterSet."""

from csp.decorators import csp_update
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularRedocView
from rest_framework import serializers, viewsets

from api.common import ClaimSerializer
from api.people import PersonSerializer, cited_records, people_for_api
from api.records import CitationRecordSerializer, FacilitySerializer, SourceSerializer, with_records
from filters.people import CitationFilter, ClaimFilter, PersonFilter
from interchange.curation.redirects import public_survivor
from prisoners.models import Citation, Claim, Facility, Person, Source


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, in words.")


ERRORS = {
    404: OpenApiResponse(ErrorSerializer, description="No such public record, or no such page."),
    429: OpenApiResponse(
        ErrorSerializer,
        description="Too many requests from this address; the Retry-After header gives the "
        "seconds to wait.",
    ),
}
FILTER_ERROR = {
    400: OpenApiResponse(
        {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
        description="A filter or the page size is not valid: each field with what is wrong.",
    )
}


def documented(noun, serializer, filters=True):
    """The responses each read-only viewset can give, for the OpenAPI schema."""
    return extend_schema_view(
        list=extend_schema(
            description=f"Public {noun}, 50 a page (`page_size` up to 500)"
            + (", with the filters of the list on the site." if filters else "."),
            responses={200: serializer, **FILTER_ERROR, **ERRORS},
        ),
        retrieve=extend_schema(responses={200: serializer, **ERRORS}),
    )


class PublicViewSet(viewsets.ReadOnlyModelViewSet):
    """A read-only list and detail that attaches the public citations of what it shows, in one
    query for the whole page (`cite`)."""

    lookup_field = "slug"
    # A slug (SlugField: ASCII letters, digits, - and _); anything else, a NUL byte say, which
    # PostgreSQL refuses in a query, falls through to the JSON 404 of api.urls.
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    model = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular reading the view's model
            return self.model.private_objects.none()
        return self.public_queryset()

    def public_queryset(self):
        raise NotImplementedError

    def cite(self, records):
        """The records of a page as the serializer will read them; returns what to cite."""
        return records

    def get_serializer(self, *args, **kwargs):
        if args:
            records = list(args[0]) if kwargs.get("many") else [args[0]]
            Citation.public_objects.attach_to(self.cite(records))
            args = (records if kwargs.get("many") else records[0], *args[1:])
        return super().get_serializer(*args, **kwargs)


@documented("people (political prisoners)", PersonSerializer)
class PersonViewSet(PublicViewSet):
    serializer_class = PersonSerializer
    filterset_class = PersonFilter

    model = Person

    def retrieve(self, request, *args, **kwargs):
        try:
            return super().retrieve(request, *args, **kwargs)
        except Http404:
            # A merged record answers 301 to the survivor (interchange.curation.redirects).
            survivor = public_survivor(kwargs.get(self.lookup_field, ""))
            if survivor is None:
                raise
            target = reverse("api:person-detail", kwargs={"slug": survivor.slug})
            return HttpResponsePermanentRedirect(target)

    def public_queryset(self):
        return people_for_api(Person.public_objects.all()).order_by("sort_key", "pk")

    def cite(self, records):
        return cited_records(records)


@documented("sources", SourceSerializer, filters=False)
class SourceViewSet(PublicViewSet):
    serializer_class = SourceSerializer

    model = Source

    def public_queryset(self):
        return Source.public_objects.with_public_counts().order_by("name", "pk")


@documented("places of detention", FacilitySerializer, filters=False)
class FacilityViewSet(PublicViewSet):
    serializer_class = FacilitySerializer

    model = Facility

    def public_queryset(self):
        return Facility.public_objects.with_held_counts().order_by("name", "town", "pk")


@documented("claims", ClaimSerializer)
class ClaimViewSet(PublicViewSet):
    serializer_class = ClaimSerializer
    filterset_class = ClaimFilter
    # The random public id (ledger.slugs.new_public_id), never the database key.
    lookup_field = "public_id"
    lookup_value_regex = "[0-9a-z]+"

    model = Claim

    def public_queryset(self):
        return (
            Claim.public_objects.select_related("claimed_by", "claimed_by_person")
            .prefetch_related("subject")
            .order_by("pk")
        )


@documented("citations", CitationRecordSerializer)
class CitationViewSet(PublicViewSet):
    serializer_class = CitationRecordSerializer
    filterset_class = CitationFilter
    lookup_field = "public_id"
    lookup_value_regex = "[0-9a-z]+"

    model = Citation

    def public_queryset(self):
        return Citation.public_objects.select_related("source", "content_type").order_by("pk")

    def get_serializer(self, *args, **kwargs):
        if args:
            many = kwargs.get("many")
            records = with_records(args[0] if many else [args[0]])
            args = (records if many else records[0], *args[1:])
        # Citations cite nothing themselves: skip PublicViewSet's attaching.
        return super(PublicViewSet, self).get_serializer(*args, **kwargs)


class ApiDocsView(SpectacularRedocView):
    """Redoc from drf-spectacular-sidecar's vendored bundle, in a page that loads nothing else
    (the stock template asks Google for fonts)."""

    template_name = "api/redoc.html"
    title = "Release Ledger API"


# Redoc styles itself with <style> elements, draws icons as data: images and searches in a
# worker made from a blob: URL. Only this page gets those exceptions to the site's policy: it
# shows no record and takes no input but the schema, which comes from this site.
api_docs_view = csp_update(
    {"style-src": ["'unsafe-inline'"], "img-src": ["data:"], "worker-src": ["'self'", "blob:"]}
)(ApiDocsView.as_view(url_name="api:schema"))
