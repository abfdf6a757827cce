"""The public record as FollowTheMoney entities, one JSON object a line (docs/open-data.md).

FollowTheMoney (FtM) is the data model of OpenSanctions and Aleph, so the sanctions community can
load the ledger as it is: a `Sanction` for each act and each entity it concerns, a `Company`,
`PublicBody` or `Organization` (`Airplane` for aircraft) for each entity, and a `Person` for every
public prisoner and actor. A withheld person is never in it: people come from the nameable ones
only, and nothing else in the file names a person.

The lines are written as plain JSON in FtM's format (`id`, `schema`, `properties`: lists of
strings); the suite reads them back with the `followthemoney` library, so the site itself does
not depend on it.
"""

import json
from collections import defaultdict

from django.utils import translation

from ledger.partial_dates import iso_at_precision
from ledger.site_urls import page_url
from prisoners.models import Person, PersonKind, PersonName
from releases.models import SanctionsAct, SanctionsActKind, SanctionsEntity

PREFIX = "release-ledger"
CONTENT_TYPE = "application/x-ndjson; charset=utf-8"
FILE_NAME = "release-ledger-followthemoney.jsonl"


def person_id(person) -> str:
    return f"{PREFIX}-person-{person.slug}"


def entity_id(entity) -> str:
    return f"{PREFIX}-entity-{entity.slug}"


def sanction_id(act, entity) -> str:
    return f"{PREFIX}-sanction-{act.slug}-{entity.slug}"


def ftm(identifier: str, schema: str, **properties) -> dict:
    """An FtM entity; empty values are left out, every value is a list of strings."""
    kept = {}
    for name, values in properties.items():
        values = values if isinstance(values, list | tuple) else [values]
        values = [str(value) for value in values if value not in (None, "")]
        if values:
            kept[name] = values
    return {"id": identifier, "schema": schema, "properties": kept}


def people():
    """Every person who may be named in public, prisoners and actors alike."""
    named = Person.private_objects.nameable().order_by("sort_name", "pk")
    aliases = defaultdict(list)
    # Only the spellings the public person page shows; a derived spelling is not attested.
    for person_pk, name in PersonName.public_objects.filter(
        person__in=named, is_attested=True
    ).values_list("person", "name"):
        aliases[person_pk].append(name)
    for person in named:
        yield ftm(
            person_id(person),
            "Person",
            name=person.display_name,
            alias=sorted(set(aliases[person.pk]) - {person.display_name}),
            gender=person.gender,
            birthDate=iso_at_precision(person.birth_date, person.birth_date_precision),
            deathDate=iso_at_precision(person.died_on, person.died_on_precision),
            citizenship=[country.code.lower() for country in person.citizenships],
            description=person.role,
            sourceUrl=page_url(person) if person.kind == PersonKind.PRISONER else "",
        )


def entities():
    for entity in SanctionsEntity.public_objects.order_by("name", "pk"):
        yield ftm(
            entity_id(entity),
            entity.ftm_schema,
            name=entity.name,
            alias=[name for name in (entity.name_be, entity.name_ru, entity.name_pl) if name],
            country=entity.country.code.lower() if entity.country else "",
            wikidataId=entity.wikidata_id,
            notes=entity.note,
            sourceUrl=page_url(entity),
        )


def sanctions():
    acts = SanctionsAct.public_objects.with_list_details().order_by("issued_on", "pk")
    for act in acts:
        issued = iso_at_precision(act.issued_on, act.issued_on_precision)
        for entity in act.public_entities:
            yield ftm(
                sanction_id(act, entity),
                "Sanction",
                entity=entity_id(entity),
                authority=act.get_authority_display(),
                provisions=[act.get_kind_display(), act.instrument],
                summary=act.summary,
                date=issued,
                endDate=issued if act.kind == SanctionsActKind.DELISTING else "",
                sourceUrl=act.official_url or page_url(act),
                recordId=act.reference,
            )


def ftm_lines():
    """The file's lines, in English (its words are data, like the CSVs')."""
    with translation.override("en"):
        for record in (*people(), *entities(), *sanctions()):
            yield json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"
