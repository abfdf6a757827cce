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

`Mentions.current()` is built once per version of the record (`ledger.caching.derived`): the
spellings are read when the record changes, not per response or per row; the compiled pattern is
kept per process. The one place every public surface passes through applies it
(`config.redaction` for every HTTP answer, the dataset bundle and the spreadsheets for the files
they write). `texts_naming` gives the publisher who withholds someone the texts that name them.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, gettext_lazy

from ledger.caching.derived import once_per_version
from ledger.publication import WITHHELD_PERSON
from prisoners.models import NameKey, Person, PersonName
from transliteration import name_keys

WITHHELD_NAME = gettext_lazy("[name withheld]")
#: `[[person:slug]]`: a reference to a person, by the slug of their record.
REFERENCE = re.compile(r"\[\[person:([-\w]+)\]\]")
#: Shorter spellings (initials, a two-letter surname) would catch ordinary words.
SHORTEST_SPELLING = 4
#: A surname this long or longer is also caught alone, declined: its last vowel may change and
#: up to three letters follow (Колесникова, Колесниковой, Kolesnikowej).
SHORTEST_DECLINED_SURNAME = 6
#: ...and its stem (the surname without its last vowels) at least this long: "Person" would
#: catch "persons" by the stem "Pers".
SHORTEST_STEM = 5
DECLENSION = r"\w{0,3}"
#: Between the words of a name: any spaces or line breaks, as typed, escaped in JSON ("\n") or
#: in HTML (&nbsp;).
# A line break in HTML (`linebreaksbr`: an address, a note) separates words as a space does.
SPACES = r"(?:\s|\\[nrt]|&nbsp;|&\#160;|<br\s*/?>)+"
APOSTROPHES = "(?:'|’|ʼ|&\\#x27;|&\\#39;)"
VOWELS = "aeiouyаеёиоуыэюяіўąęó"
WORD = re.compile(r"[\w'’ʼ-]+")
#: Where a name may stand: not inside a longer word (an apostrophe after it is English's
#: possessive: "Kalesnikava's"). A line break escaped in JSON ("\nKalesnikava") ends a word.
BEFORE, AFTER = r"(?:(?<=\\[nrt])|(?<![\w'’ʼ]))", r"(?!\w)"

_compiled = {}  # spelling patterns -> compiled pattern, per process


def spellings_of(person_fields, variants) -> set[str]:
    """Every way the record writes one person's name."""
    names = {
        person_fields["display_name"],
        person_fields["sort_name"],
        person_fields["name_be"],
        person_fields["name_ru"],
        person_fields["name_pl"],
        *variants,
    }
    return {" ".join(name.split()) for name in names if name and name.strip()}


@lru_cache(maxsize=1)
def site_words() -> frozenset:
    """Words the site itself writes as data or labels: the codes and labels of every closed
    vocabulary, every model's name ("person", "release"), the withheld labels. A surname that
    is one of them ("Person", "Status") is caught only with the given name: alone it would
    redact a CSV's codes."""
    texts = [WITHHELD_PERSON, str(WITHHELD_NAME)]
    for model in apps.get_models():
        texts += [model._meta.model_name, str(model._meta.verbose_name)]
        for model_field in model._meta.get_fields():
            for value, label in getattr(model_field, "flatchoices", None) or ():
                texts += [str(value), str(label)]
    return frozenset(word.casefold() for text in texts for word in WORD.findall(text))


def spelling_patterns(spelling: str) -> list[str]:
    """The whole spelling (any run of spaces between its words), and its surname alone,
    declined, when long enough to name someone."""
    words = WORD.findall(spelling)
    if not words or len(spelling) < SHORTEST_SPELLING:
        return []
    patterns = [SPACES.join(re.escape(part) for part in spelling.split())]
    # "Kalesnikava, Maria": the surname comes first.
    surname = words[0] if "," in spelling else words[-1]
    stem = surname.rstrip(VOWELS + VOWELS.upper())
    long_enough = len(surname) >= SHORTEST_DECLINED_SURNAME and len(stem) >= SHORTEST_STEM
    if len(words) > 1 and long_enough and surname.casefold() not in site_words():
        patterns.append(re.escape(stem) + DECLENSION)
    # An apostrophe (Мар'я) may reach a page escaped, or typed as another apostrophe.
    return [re.sub("['’ʼ]", lambda _: APOSTROPHES, pattern) for pattern in patterns]


def _people_spellings(condition):
    people = Person.private_objects.filter(condition).values(
        "pk", "display_name", "sort_name", "name_be", "name_ru", "name_pl"
    )
    people = {row["pk"]: row for row in people}
    variants = {}
    for person_id, name in PersonName.private_objects.filter(person__in=list(people)).values_list(
        "person", "name"
    ):
        variants.setdefault(person_id, []).append(name)
    return {pk: spellings_of(row, variants.get(pk, [])) for pk, row in people.items()}


def hidden_spelling_patterns() -> list[str]:
    """The patterns of every spelling of every person the public may not name, minus those that
    also match a nameable person's spelling; longest first, so a whole name is caught before its
    surname."""
    hidden = _people_spellings(~Person.nameable_condition())
    patterns = {p for spellings in hidden.values() for s in spellings for p in spelling_patterns(s)}
    if not patterns:
        return []
    # Only nameable people who share a search key with a hidden spelling can clash.
    keys = set().union(*(name_keys(s) for spellings in hidden.values() for s in spellings))
    sharing = NameKey.objects.filter(key__in=keys).values("person")
    public = _people_spellings(Person.nameable_condition() & Q(pk__in=sharing))
    public_spellings = [s for spellings in public.values() for s in spellings]
    clashing = set()
    for pattern in patterns:
        matcher = re.compile(BEFORE + pattern + AFTER, re.IGNORECASE)
        for spelling in public_spellings:
            if any(matcher.fullmatch(word) for word in [spelling, *spelling.split()]):
                clashing.add(pattern)
                break
    return sorted(patterns - clashing, key=lambda pattern: (-len(pattern), pattern))


@dataclass
class Mentions:
    """The references and the hidden spellings of the record at one version."""

    patterns: tuple = ()
    _people: dict = field(default_factory=dict)

    @classmethod
    def current(cls):
        return cls(tuple(once_per_version("hidden-spellings", hidden_spelling_patterns)))

    @property
    def spellings(self):
        if not self.patterns:
            return None
        if self.patterns not in _compiled:
            alternatives = "|".join(f"(?:{pattern})" for pattern in self.patterns)
            _compiled.clear()  # one version at a time
            _compiled[self.patterns] = re.compile(
                f"{BEFORE}(?:{alternatives}){AFTER}", re.IGNORECASE
            )
        return _compiled[self.patterns]

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
        pattern = self.spellings
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
    own = _people_spellings(Q(pk=person.pk)).get(person.pk, set())
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
