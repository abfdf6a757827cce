"""Sources, and the claims and citations that tie every figure to them."""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType

from interchange.dataset.columns import (
    Column,
    dated,
    derived_column,
    field_column,
    fields,
    id_column,
    ref_column,
)
from interchange.dataset.tables.table import Table, named_person_columns, page_column
from ledger.site_urls import absolute_url
from prisoners.models import (
    Citation,
    Claim,
    Source,
)
from prisoners.models.on_person_page import OnPersonPage
from releases.models import SanctionsAct, SanctionsEntity

# Records with no table in the bundle: the sanctions acts and entities are published as the
# FollowTheMoney export and /api/sanctions-acts/ (docs/open-data.md), so their citations, which
# would point at no row, stay out of citations.csv.
NOT_BUNDLED = (SanctionsAct, SanctionsEntity)


def bundled_citations():
    not_bundled = ContentType.objects.get_for_models(*NOT_BUNDLED).values()
    return Citation.public_objects.exclude(content_type__in=list(not_bundled))


def attach_records(citations):
    """Set `record` on each citation: one query per kind of record, with what its URL reads."""
    ids = defaultdict(set)
    for citation in citations:
        ids[citation.content_type].add(citation.object_id)
    records = {}
    for content_type, pks in ids.items():
        model = content_type.model_class()
        related = set(getattr(model, "public_related", ()))
        if issubclass(model, OnPersonPage):
            related.add(model.person_path)
        rows = model.private_objects.filter(pk__in=pks).select_related(*related)
        if model is Claim:
            rows = rows.prefetch_related("subject")
        records.update({(content_type.pk, row.pk): row for row in rows})
    for citation in citations:
        citation.record = records[(citation.content_type_id, citation.object_id)]


def subject_slug(claim):
    return claim.subject.slug if claim.subject_content_type_id else None


SOURCE_TABLES = [
    Table(
        "sources",
        Source,
        "Every outlet and organisation cited or making a claim.",
        [
            id_column("source"),
            *fields(Source, "slug", "name", "other_names", "kind", "country"),
            field_column(Source, "home_page", "url"),
            field_column(Source, "description"),
            *page_column("api:source-detail"),
        ],
        lambda: Source.public_objects.order_by("pk"),
    ),
    Table(
        "claims",
        Claim,
        "Statements attributed to a source or a person, kept beside the ones that disagree. "
        "A claim with no subject is a headline figure.",
        [
            id_column("claim"),
            *fields(Claim, "topic", "statement"),
            Column(
                "subject_type",
                "string",
                "The kind of record the claim is about (person, release, deal); empty for a "
                "headline figure.",
                lambda claim: (
                    claim.subject_content_type.model if claim.subject_content_type_id else None
                ),
                "subject",
                "subject_content_type_id",
                str,
                enum=("person", "release", "deal"),
            ),
            Column(
                "subject",
                "string",
                "The slug of that record in people.csv, releases.csv or deals.csv.",
                subject_slug,
                "subject",
                "subject_object_id",
                str,
            ),
            derived_column(
                "subject_url",
                "string",
                "The page that shows the claim (absolute URL).",
                lambda claim: absolute_url(claim.get_absolute_url()),
            ),
            *fields(Claim, "value", "value_qualifier"),
            *dated(Claim, "as_of"),
            ref_column(Claim, "claimed_by", "sources"),
            *named_person_columns(
                "claimed_by_person",
                "Slug of the person making the claim (people.csv); empty when the claimant is "
                "a source or a person whose name is withheld.",
                "The person making the claim, as the site names them ('a person whose name is "
                "withheld' for one who may not be named); empty when a source made it alone.",
            ),
            *fields(Claim, "assessment", "assessment_note"),
        ],
        lambda: (
            Claim.public_objects.select_related(
                "subject_content_type", "claimed_by", "claimed_by_person"
            )
            .prefetch_related("subject")
            .order_by("pk")
        ),
    ),
    Table(
        "citations",
        Citation,
        "Where each fact comes from: the source, the cited page and the passage quoted, and "
        "the row it supports (`record_type` names the table, `record_id` its `id`).",
        [
            id_column("citation"),
            ref_column(Citation, "source", "sources"),
            Column(
                "record_type",
                "string",
                "The kind of record supported: the table (person: people.csv, releasedperson: "
                "released_people.csv, notableomission: omissions.csv, reportedbreakdown: "
                "breakdowns.csv; the others by their plural).",
                lambda citation: citation.content_type.model,
                "record",
                "content_type_id",
                str,
            ),
            Column(
                "record_id",
                "integer",
                "The `id` of the supported row in that table.",
                lambda citation: citation.object_id,
                "record",
                "object_id",
                int,
            ),
            derived_column(
                "record_url",
                "string",
                "The page that shows the supported record (absolute URL).",
                lambda citation: absolute_url(citation.record.get_absolute_url()),
            ),
            *fields(Citation, "url", "title"),
            *dated(Citation, "published_on"),
            *fields(Citation, "quote", "note"),
        ],
        lambda: bundled_citations().select_related("source", "content_type").order_by("pk"),
        prepare=attach_records,
    ),
]
