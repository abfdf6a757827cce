"""People mentioned in free text: references an editor writes, and spellings nobody may read.

Summaries, notes, quotes, claims and titles are prose; prose names people. Two things keep a person
the public may not see (withheld, a draft, withdrawn: `Person.is_nameable` is false) out of it:

- **References.** An editor writes `[[person:maria-kalesnikava]]` rather than the name. Every public
  surface renders it as the person's name in the reader's script (a link to their page on HTML
  pages) while they may be named, and as `WITHHELD_NAME` ("[name withheld]") when not: withholding
  someone changes every text that refers to them, with nothing to edit.
- **The safety net.** A name typed as plain text is caught by its spellings: every spelling the
  record holds of a person who may not be named (display name, surname-first name, each variant in
  every script, the names shown in each language), whole and case-insensitive, and each surname
  alone with a few letters of declension (Колесникова, Колесниковой). A spelling that is also one
  of a nameable person's (two people of one name, a shared surname) is left out: it names the
  public person as much as the hidden one, and redacting it would hide the public one.

`Mentions.current()` holds the spellings of the record's current version
(`prisoners.hidden_spellings`): read when the record changes, not per response or per row, and
indexed by the word each begins with, so that a page is searched only for the few spellings its
words could hold. The one place every public surface passes through applies it
(`config.redaction` for every HTTP answer, the dataset bundle and the spreadsheets for the files
they write). `texts_naming` gives the publisher who withholds someone the texts that name them.
"""

import hashlib
import re
from dataclasses import dataclass, field
from html import escape

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext

from ledger.caching.derived import once_per_version
from prisoners.hidden_spellings import (
    AFTER,
    BEFORE,
    SHORTEST_DECLINED_SURNAME,
    WITHHELD_NAME,
    WORD,
    SpellingIndex,
    hidden_spelling_forms,
    people_spellings,
    spelling_patterns,
)
from prisoners.models import Person, PersonName

__all__ = ["WITHHELD_NAME", "Mentions", "public_text", "texts_naming"]

#: `[[person:slug]]`: a reference to a person, by the slug of their record.
REFERENCE = re.compile(r"\[\[person:([-\w]+)\]\]")
#: Indexes of the hidden spellings per process, by their digest: the latest few versions.
_indexes: dict[str, SpellingIndex] = {}


def current_index() -> SpellingIndex:
    """The hidden spellings at the record's current version: computed once per version by the
    first process that needs them, shared through the cache, indexed once per process. Each
    request reads only their digest (a few bytes), never the list itself."""
    cache = caches[settings.PAGE_CACHE_ALIAS]

    def compute():
        forms = hidden_spelling_forms()
        digest = hashlib.sha256(repr(forms).encode()).hexdigest()
        remember(digest, SpellingIndex(forms))
        cache.set(f"hidden-spellings:{digest}", forms, settings.PAGE_CACHE_TIMEOUT)
        return digest

    digest = once_per_version("hidden-spellings-digest", compute)
    index = _indexes.get(digest)
    if index is None:
        forms = cache.get(f"hidden-spellings:{digest}")
        if forms is None:  # culled from the cache since: computed again
            forms = hidden_spelling_forms()
        index = remember(digest, SpellingIndex(forms))
    return index


def remember(digest, index):
    if len(_indexes) >= 4:
        _indexes.clear()
    _indexes[digest] = index
    return index


@dataclass
class Mentions:
    """The references and the hidden spellings of the record at one version."""

    index: SpellingIndex = field(default_factory=lambda: SpellingIndex(()))
    _people: dict = field(default_factory=dict)

    @classmethod
    def current(cls):
        return cls(current_index())

    @property
    def patterns(self) -> tuple:
        return self.index.patterns

    def people(self, text):
        """The people `text` refers to, by slug (one query per text, none without references)."""
        slugs = set(REFERENCE.findall(text)) - set(self._people)
        if slugs:
            found = Person.private_objects.filter(slug__in=slugs)
            self._people.update({slug: None for slug in slugs})
            self._people.update({person.slug: person for person in found})
        return self._people

    def plain(self, text: str) -> str:
        """`text` with every reference written as a name (or withheld) and every hidden spelling
        withheld: for CSV, JSON, feeds, the dataset."""
        if not text:
            return text
        if "[[person:" in text:
            people = self.people(text)
            text = REFERENCE.sub(lambda m: self.name_of(people.get(m[1])), text)
        return self.redacted(text)

    def html(self, page: str) -> str:
        """An HTML page with its references as links to the people they name (as plain names
        inside a tag's attributes) and every hidden spelling withheld."""
        if "[[person:" in page:
            people = self.people(page)
            parts = re.split(r"(<[^>]*>)", page)
            for index, part in enumerate(parts):
                if "[[person:" not in part:
                    continue
                if part.startswith("<"):  # an attribute: the name, escaped
                    parts[index] = REFERENCE.sub(
                        lambda m: escape(self.name_of(people.get(m[1]))), part
                    )
                else:
                    parts[index] = REFERENCE.sub(lambda m: self.link_to(people.get(m[1])), part)
            page = "".join(parts)
        return self.redacted(page)

    def csv(self, text: str) -> str:
        """A CSV file: its header (column names, not data) as it is, the rows `plain`."""
        header, newline, rows = text.partition("\n")
        return header + newline + self.plain(rows)

    def redacted(self, text: str) -> str:
        if not self.patterns:
            return text
        pattern = self.index.matcher(text)
        if pattern is None:
            return text
        return pattern.sub(str(WITHHELD_NAME), text)

    def name_of(self, person) -> str:
        if person is None or not person.is_nameable:
            return gettext(str(WITHHELD_NAME))
        return person.shown_name

    def link_to(self, person) -> str:
        name = escape(self.name_of(person))
        if person is None or not person.is_public:  # an actor has no page
            return name
        return f'<a href="{person.get_absolute_url()}">{name}</a>'


def public_text(text: str) -> str:
    """One text as the public may read it (the dataset, spreadsheets, anything outside HTTP)."""
    return Mentions.current().plain(text)


def text_fields(model):
    return [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField) and not f.choices
    ]


def texts_naming(person):
    """Every public text of another record that names `person`, by reference or by a spelling:
    [(record, field name, text)]. For the publisher withholding them (the admin)."""
    own = people_spellings(Q(pk=person.pk)).get(person.pk, set())
    patterns = [p for s in own for p in spelling_patterns(s)]
    matcher = re.compile(
        BEFORE + "(?:" + "|".join(patterns or ["(?!)"]) + ")" + AFTER, re.IGNORECASE
    )
    reference = f"[[person:{person.slug}]]"
    found = []
    for model in apps.get_models():
        if not hasattr(model, "public_condition") or model is PersonName:
            continue
        names = text_fields(model)
        if not names:
            continue
        # A cheap first pass in the database (the surname or the reference), exact in Python.
        words = {WORD.findall(s)[-1] for s in own if WORD.findall(s)} | {reference}
        query = Q(pk__in=[])
        for name in names:
            for word in words:
                query |= Q(**{f"{name}__icontains": word[:SHORTEST_DECLINED_SURNAME]})
        records = model.public_objects.filter(query)
        if model is Person:  # their own texts are theirs, not mentions
            records = records.exclude(pk=person.pk)
        for record in records:
            for name in names:
                text = getattr(record, name) or ""
                if reference in text or matcher.search(text):
                    found.append((record, name, text))
    return found
