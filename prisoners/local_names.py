"""Which spelling each reader's language shows first, stored on the person and kept in step with
their names (`prisoners.models.reader_names` says how the choice is made and shown)."""

from ledger.row_updates import update_rows
from prisoners.models import Person, PersonName
from prisoners.models.reader_names import LOCAL_NAME_FIELDS, READER_SCRIPTS

BATCH_SIZE = 2_000


#: The languages (codes, space-separated) whose chosen spelling no source gives verbatim.
CONSTRUCTED_FIELD = "constructed_names"


def chosen_spellings(person_ids) -> dict[int, dict[str, str]]:
    """Person id -> {field name: spelling} for these people (every field, blank when none), and
    `constructed_names`: the languages whose chosen spelling was built by transliteration."""
    chosen = {
        pk: dict.fromkeys([*LOCAL_NAME_FIELDS.values(), CONSTRUCTED_FIELD], "") for pk in person_ids
    }
    constructed = {pk: [] for pk in person_ids}
    names = (
        PersonName.private_objects.filter(person_id__in=person_ids, language__in=READER_SCRIPTS)
        .order_by("person_id", "language", "-is_attested", "pk")
        .values_list("person_id", "language", "script", "name", "is_attested")
    )
    for person_id, language, script, name, is_attested in names:
        field = LOCAL_NAME_FIELDS[language]
        if script == READER_SCRIPTS[language] and not chosen[person_id][field]:
            chosen[person_id][field] = name
            if not is_attested:
                constructed[person_id].append(language)
    for pk, languages in constructed.items():
        chosen[pk][CONSTRUCTED_FIELD] = " ".join(sorted(languages))
    return chosen


def refresh_local_names(person_ids=None) -> int:
    """Store each person's chosen spellings; all people when `person_ids` is None. Returns how
    many people changed. Written as plain rows, like the derived status (prisoners.status): a
    derived value is no editor's save, so it leaves the record's version alone (an open form of
    the person stays valid) and its history too: the change is in the history of the name that
    caused it."""
    people = Person.private_objects.all()
    if person_ids is not None:
        people = people.filter(pk__in=list(person_ids))
    ids = list(people.order_by("pk").values_list("pk", flat=True))
    fields = [*LOCAL_NAME_FIELDS.values(), CONSTRUCTED_FIELD]
    changed = 0
    for start in range(0, len(ids), BATCH_SIZE):
        batch = ids[start : start + BATCH_SIZE]
        wanted = chosen_spellings(batch)
        stale = []
        for person in Person.private_objects.filter(pk__in=batch).only("pk", *fields):
            if any(getattr(person, field) != wanted[person.pk][field] for field in fields):
                for field in fields:
                    setattr(person, field, wanted[person.pk][field])
                stale.append(person)
        update_rows(Person, stale, fields)
        changed += len(stale)
    return changed
