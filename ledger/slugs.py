"""URL slugs for names in any script, made on the server; public ids for records without a name.

The admin's JavaScript slug (`prepopulated_fields`) drops every letter its table lacks, so
"Ўладзіслаў Пробны" became `ladzisla-probny`; `anyascii` transliterates every script
("uladzislau-probny"), and a taken slug gets the first free number (`-2`, `-3`).
"""

import secrets

from anyascii import anyascii
from django.db.models import Q
from django.utils.text import slugify

#: Room kept at the end of a long slug for its number.
NUMBER_ROOM = 6

#: Letters and digits of a public id: lower case, without 0/o and 1/l/i, which are misread.
PUBLIC_ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
PUBLIC_ID_LENGTH = 12


def new_public_id() -> str:
    """A random, stable identifier for a record that is shown by number (a citation, a claim).

    Not the database key: sequential keys tell how many records there are and, by their gaps,
    that some are hidden (docs/security.md, "Public identifiers"). 31^12 (about 10^18) values:
    a collision is refused by the unique constraint, never silently merged.
    """
    return "".join(secrets.choice(PUBLIC_ID_ALPHABET) for _ in range(PUBLIC_ID_LENGTH))


def slug_for(name: str) -> str:
    """An ASCII slug for a name in any script: 'Андрэй Пачобут' -> 'andrei-pachobut'."""
    return slugify(anyascii(name or ""))


def unique_slug(model, name: str, exclude_pk=None) -> str:
    """The slug of `name` not yet used by another `model` record (withdrawn ones included)."""
    max_length = model._meta.get_field("slug").max_length
    base = slug_for(name)[: max_length - NUMBER_ROOM].strip("-") or model._meta.model_name
    taken = set(
        model._base_manager.filter(Q(slug=base) | Q(slug__startswith=f"{base}-"))
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    number, slug = 1, base
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug
