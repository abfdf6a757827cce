"""What a row of the people list shows of a person's detentions: the charges and whether the
longest term is contested or inferred, for a page of people from plain values.

Building each person's detentions, charges and verdicts as model objects (a prefetch) was the
largest part of a cold list page at 100,000 people (docs/performance.md); these three queries
read only the columns a row shows, for the page's people only.
"""

from prisoners.models.detentions import Charge, Detention, Verdict
from prisoners.vocabularies import Standing


def attach_list_rows(people) -> None:
    """Set `row_charges` (distinct labels, first arrest first) and `row_term_standing`
    (Standing of the longest term when not reported, else "") on each of `people`: what
    `Person.charge_articles()` gives, and the longest term's verdicts say, from objects."""
    people = list(people)
    ids = [person.pk for person in people]
    longest = {}  # person -> (months, detention): the first detention of the longest term
    rows = Detention._default_manager.filter(person__in=ids, term_months__isnull=False)
    for pk, person_id, months in rows.order_by("person", "detained_on", "pk").values_list(
        "pk", "person_id", "term_months"
    ):
        if person_id not in longest or months > longest[person_id][0]:
            longest[person_id] = (months, pk)
    labels = {}
    charges = Charge._default_manager.filter(detention__person__in=ids).order_by(
        "detention__person", "detention__detained_on", "detention", "pk"
    )
    for person_id, *values in charges.values_list(
        "detention__person_id", "article", "part", "qualifier", "qualifier_article"
    ):
        label = Charge.label_of(*values)
        if label not in labels.setdefault(person_id, []):
            labels[person_id].append(label)
    standings = {}
    verdicts = Verdict._default_manager.filter(
        detention__in=[pk for _months, pk in longest.values()], sentence_months__isnull=False
    )
    for detention_id, standing in verdicts.values_list("detention_id", "standing"):
        standings.setdefault(detention_id, set()).add(standing)
    for person in people:
        person.row_charges = labels.get(person.pk, [])
        found = standings.get(longest.get(person.pk, (None, None))[1], set())
        person.row_term_standing = next(
            (s for s in (Standing.CONTESTED, Standing.INFERRED) if s in found), ""
        )
