"""The spellings of people the public may not name, and a fast way to find them in a text.

`hidden_spelling_forms()` lists a pattern for every spelling the record holds of a person who
may not be named (display name, surname-first name, each variant in every script, the names shown
in each language: whole, any run of spaces between the words, case-insensitive), and for each
long surname alone with a few letters of declension (Колесникова, Колесниковой). A spelling that
is also a nameable person's (two people of one name, a shared surname) is left out: it names the
public person as much as the hidden one, and redacting it would hide the public one.

A caseload holds thousands of such people, so neither step may compare every pattern with every
spelling or every text with every pattern (one regular expression of 100,000 alternatives takes
minutes over a page):

- the clashes with nameable people's spellings are set lookups of the spellings' folded forms;
- `SpellingIndex` files each pattern under the word a match must begin with (its first word, or
  the surname's stem). A text's words pick the few patterns it could hold, and only those are
  compiled and run. Candidates are a superset of what can match (a word's every folding and
  every shorter stem are looked up), so the result is the one the whole alternation gives
  (tests/ledger/test_hidden_spellings.py compares them).
"""

import re
from collections import OrderedDict
from functools import lru_cache
from operator import itemgetter

from django.apps import apps
from django.utils.translation import gettext_lazy

from ledger.publication import WITHHELD_PERSON
from prisoners.models import NameKey, Person, PersonName
from transliteration import name_keys

WITHHELD_NAME = gettext_lazy("[name withheld]")
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
#: The letters a match can begin with, as the index files them: ʼ is a letter to `\w`, and an
#: apostrophe in a pattern (Мар'я) ends the word it is filed under.
LEAD = re.compile(r"[^\Wʼ]+")
# The separators that hold letters (&nbsp;, <br>, "\\n", &#x27;): spaces and apostrophes
# themselves already stand between words.
SEPARATORS = re.compile(r"\\[nrt]|&nbsp;|&\#160;|<br\s*/?>|&\#x27;|&\#39;")
APOSTROPHE_FOLD = str.maketrans("’ʼ", "''")
#: Patterns compiled for the sets of candidates texts asked for, per process.
COMPILED_SETS = 512


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


def folded(text: str) -> str:
    """A spelling as the clash check compares it: case and apostrophes folded, spaces single."""
    return " ".join(text.translate(APOSTROPHE_FOLD).casefold().split())


def spelling_forms(spelling: str) -> list[tuple[str, str, bool]]:
    """(pattern, its folded literal, whether it is a declined surname) for the whole spelling
    (any run of spaces between its words), and its surname alone, declined, when long enough to
    name someone."""
    words = WORD.findall(spelling)
    if not words or len(spelling) < SHORTEST_SPELLING:
        return []
    forms = [(SPACES.join(re.escape(part) for part in spelling.split()), folded(spelling), False)]
    # "Kalesnikava, Maria": the surname comes first.
    surname = words[0] if "," in spelling else words[-1]
    stem = surname.rstrip(VOWELS + VOWELS.upper())
    long_enough = len(surname) >= SHORTEST_DECLINED_SURNAME and len(stem) >= SHORTEST_STEM
    if len(words) > 1 and long_enough and surname.casefold() not in site_words():
        forms.append((re.escape(stem) + DECLENSION, folded(stem), True))
    # An apostrophe (Мар'я) may reach a page escaped, or typed as another apostrophe.
    return [
        (re.sub("['’ʼ]", lambda _: APOSTROPHES, pattern), literal, declined)
        for pattern, literal, declined in forms
    ]


def spelling_patterns(spelling: str) -> list[str]:
    return [pattern for pattern, _literal, _declined in spelling_forms(spelling)]


def people_spellings(condition):
    people = Person.private_objects.filter(condition).values(
        "pk", "display_name", "sort_name", "name_be", "name_ru", "name_pl"
    )
    people = {row["pk"]: row for row in people}
    variants = {}
    names = PersonName.private_objects.filter(person__in=Person.private_objects.filter(condition))
    for person_id, name in names.values_list("person", "name"):
        variants.setdefault(person_id, []).append(name)
    return {pk: spellings_of(row, variants.get(pk, [])) for pk, row in people.items()}


#: Up to this many hidden spellings, the people who share their search keys are found by the
#: keys themselves; past it, by the hidden people's stored keys in one subquery (a caseload).
KEYS_BY_VALUE = 200


def public_forms(hidden_spellings):
    """The folded spellings and words of the nameable people who share a search key with a
    hidden spelling (no one else can clash), and every stem those words could decline from."""
    if len(hidden_spellings) <= KEYS_BY_VALUE:
        keys = set().union(*(name_keys(s) for s in hidden_spellings))
    else:
        hidden_people = Person.private_objects.filter(~Person.nameable_condition())
        keys = NameKey.objects.filter(person__in=hidden_people).values("key")
    sharing = Person.private_objects.filter(
        Person.nameable_condition(), pk__in=NameKey.objects.filter(key__in=keys).values("person")
    )
    spellings = set()
    fields = ("display_name", "sort_name", "name_be", "name_ru", "name_pl")
    for row in sharing.values_list(*fields):
        spellings.update(row)
    names = PersonName.private_objects.filter(person__in=sharing)
    spellings.update(names.values_list("name", flat=True))
    whole, stems = set(), set()
    for spelling in spellings:
        if not spelling:
            continue
        spelling = folded(spelling)
        whole.add(spelling)
        for word in spelling.split():
            whole.add(word)
            stems.add(word)
            # stem + \w{0,3}: the word with up to three of its last letters taken off.
            for cut in range(1, 4):
                if cut >= len(word) or not word_letters(word[-cut:]):
                    break
                stems.add(word[:-cut])
    return whole, stems


def word_letters(text: str) -> bool:
    """Whether every character of `text` is one `\\w` matches."""
    return text.replace("_", "a").isalnum()


def hidden_spelling_forms() -> list[tuple[str, str, bool]]:
    """(pattern, folded literal, declined) of every spelling of every person the public may not
    name, minus those that also match a nameable person's spelling; longest first, so a whole
    name is caught before its surname."""
    hidden = people_spellings(~Person.nameable_condition())
    spellings = {s for person_spellings in hidden.values() for s in person_spellings}
    forms = {form for s in spellings for form in spelling_forms(s)}
    if not forms:
        return []
    whole, stems = public_forms(spellings)
    kept = {form for form in forms if form[1] not in (stems if form[2] else whole)}
    return sorted(kept, key=lambda form: (-len(form[0]), form))


class SpellingIndex:
    """The patterns filed under the words a match must begin with: a text's words find the few
    it could hold (the module's docstring). A whole name of two words is filed under both, of
    three or more under its first three (a given name alone, or a given name and patronymic,
    would pick every hidden namesake); a declined surname under its stem, which a word of the
    text begins with, up to three letters before its end. The text's words, and its runs of two
    and three words, are read by regular expressions and compared as sets: no Python loop runs
    per word of a long text (a CSV of every person)."""

    def __init__(self, forms):
        self.forms = tuple(forms)
        self.patterns = tuple(pattern for pattern, _literal, _declined in self.forms)
        self.single, self.runs, self.declined, self.anywhere = {}, {}, {}, []
        for position, (_pattern, literal, declined) in enumerate(self.forms):
            words = LEAD.findall(literal)
            if not words:
                self.anywhere.append(position)
            elif declined and len(words) == 1:
                self.declined.setdefault(words[0], []).append(position)
            elif len(words) == 1 or declined:  # a declined stem of two words: its first
                self.single.setdefault(words[0], []).append(position)
            else:
                self.runs.setdefault(tuple(words[:3]), []).append(position)
        self.run_lengths = sorted({len(run) for run in self.runs})
        self.first_words = {run[0] for run in self.runs}
        # Whether any stem stands in a text at all, searched in C before its words are tried.
        self._declined_probe = re.compile("|".join(map(re.escape, sorted(self.declined))))
        self._compiled = OrderedDict()

    def candidates(self, text: str) -> tuple[int, ...]:
        found = set(self.anywhere)
        # The text's words as a match sees them: whatever the patterns take for a space or an
        # apostrophe (an escaped line break, &nbsp;, <br>, &#x27;) separates them. A word may
        # also begin at the letter of an escape ("\\navumchyk": after a backslash), so a text
        # with backslashes is read both ways.
        readings = [SEPARATORS.sub(" ", text)]
        if "\\" in text:
            readings.append(SEPARATORS.sub(" ", text.replace("\\", " ")))
        for reading in readings:
            self._add_candidates(reading.casefold(), found)
        return tuple(sorted(found))

    def _add_candidates(self, reading, found):
        words = LEAD.findall(reading)
        distinct = set(words)
        for word in distinct & self.single.keys():
            found.update(self.single[word])
        if self.declined and self._declined_probe.search(reading):
            # Each word with 0-3 of its last letters off, sliced in C (`map` of a slice) and
            # compared as sets: 0.35 ms for a 256 KB block of the people CSV (1,400 distinct
            # words), where a Python loop over the words took 1.2 ms. A word no longer than
            # the cut gives "", which is no stem.
            for cut in range(4):
                cuts = distinct if not cut else set(map(itemgetter(slice(None, -cut)), distinct))
                for stem in cuts & self.declined.keys():
                    found.update(self.declined[stem])
        if distinct & self.first_words:
            # Consecutive words, whatever stands between them: a superset of the runs a
            # pattern can match (built in C by zip and set, not word by word).
            for length in self.run_lengths:
                runs = set(zip(*(words[start:] for start in range(length)), strict=False))
                for run in runs & self.runs.keys():
                    found.update(self.runs[run])

    def matcher(self, text: str):
        """One compiled pattern of the spellings `text` could hold, or None."""
        chosen = self.candidates(text)
        if not chosen:
            return None
        compiled = self._compiled.get(chosen)
        if compiled is None:
            alternatives = "|".join(f"(?:{self.patterns[position]})" for position in chosen)
            compiled = re.compile(f"{BEFORE}(?:{alternatives}){AFTER}", re.IGNORECASE)
            self._compiled[chosen] = compiled
            if len(self._compiled) > COMPILED_SETS:
                self._compiled.popitem(last=False)
        else:
            self._compiled.move_to_end(chosen)
        return compiled
