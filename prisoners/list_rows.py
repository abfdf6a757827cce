"""What a row of the people list shows of a person's detentions: the charges and whether the
longest term is contested or inferred, for a page of people from plain values.

Building each person's detentions, charges and verdicts as model objects (a prefetch) was the
largest part of a cold list page at 100,000 people (docs/performance.md). One statement reads
only the columns a row shows, for the page's people only: each detention with its charges, and
whether a verdict on its term is contested or inferred. It is written as SQL rather than
through the ORM because the three querysets it replaced cost more to build than to run (about
a third of a cold page's queries, docs/performance.md).
"""

from django.db import connections

from prisoners.models.detentions import Charge, Detention, Verdict
from prisoners.vocabularies import Standing


def _statement(connection, count: int) -> str:
    quote = connection.ops.quote_name
    detention, charge, verdict = (
        quote(model._meta.db_table) for model in (Detention, Charge, Verdict)
    )

    def term_verdict(standing: Standing) -> str:
        return (
            f"EXISTS (SELECT 1 FROM {verdict} v WHERE v.detention_id = d.id "
            f"AND v.sentence_months IS NOT NULL AND v.standing = '{standing.value}')"
        )

    # The order of the querysets it replaced: a person's detentions by arrest (then id), each
    # one's charges by id. NULL arrest dates sort as each database sorts them, as they did.
    return (
        "SELECT d.person_id, d.id, d.term_months, "
        f"{term_verdict(Standing.CONTESTED)}, {term_verdict(Standing.INFERRED)}, "
        "c.id, c.article, c.part, c.qualifier, c.qualifier_article "
        f"FROM {detention} d LEFT JOIN {charge} c ON c.detention_id = d.id "
        f"WHERE d.person_id IN ({', '.join(['%s'] * count)}) "
        "ORDER BY d.person_id, d.detained_on, d.id, c.id"
    )


def attach_list_rows(people) -> None:
    """Set `row_charges` (distinct labels, first arrest first) and `row_term_standing`
    (Standing of the longest term when not reported, else "") on each of `people`: what
    `Person.charge_articles()` gives, and the longest term's verdicts say, from objects."""
    people = list(people)
    if not people:
        return
    ids = [person.pk for person in people]
    connection = connections[Detention.private_objects.db]
    with connection.cursor() as cursor:
        cursor.execute(_statement(connection, len(ids)), ids)
        rows = cursor.fetchall()
    # person -> (months, contested, inferred): the first detention of the longest term
    longest, labels, seen = {}, {}, set()
    written = {}  # a page's charges repeat (342 part 1...): each label translated once
    for person_id, detention_id, months, contested, inferred, charge_id, *charge in rows:
        if months is not None and detention_id not in seen:
            if person_id not in longest or months > longest[person_id][0]:
                longest[person_id] = (months, bool(contested), bool(inferred))
        seen.add(detention_id)
        if charge_id is not None:
            key = tuple(charge)
            label = written.get(key) or written.setdefault(key, Charge.label_of(*charge))
            if label not in labels.setdefault(person_id, []):
                labels[person_id].append(label)
    for person in people:
        person.row_charges = labels.get(person.pk, [])
        _months, contested, inferred = longest.get(person.pk, (None, False, False))
        person.row_term_standing = (
            Standing.CONTESTED if contested else Standing.INFERRED if inferred else ""
        )
