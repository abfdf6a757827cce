"""How much of a page is left in a foreign script (issue 25, docs/languages.md).

A Belarusian or Russian page should be Cyrillic: a Latin-script word on it is a word the reader
was not given in their language, unless it is marked with its own `lang` (a quote, a source's own
English title), a person's name, an address, or an acronym. A Polish page is Latin-script too, so
there the foreign words are the English ones: words of the English interface and of the records'
English texts that Polish does not use itself.

`crawl()` walks the URL conf (every named public address, and every record page a detail route
can take), so a page added later is measured without a change here; `manage.py latin_share`
prints the table and the test in tests/pages/test_latin_share.py holds the limits.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import polib
from django.apps import apps
from django.conf import settings
from django.test import Client, RequestFactory
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from prisoners.models import Person, PersonName

# The limits of issue 25: over all pages of a language, and on any single page.
OVERALL_LIMIT = 0.05
PAGE_LIMIT = 0.10

WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-][^\W\d_])*")
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
ADDRESS = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+|\b[\w-]+(?:\.[\w-]+)+(?:/\S*)?")
PUBLIC_NAMESPACES = {"pages", "prisoners", "releases"}


class PageWords(HTMLParser):
    """The words of a page's body a reader sees, without the parts marked with their own
    language (`lang` on any element inside the body) and without scripts and styles."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "col", "area", "base"}
    HIDDEN = {"script", "style", "head", "title", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.chunks = [], []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        marked = tag != "html" and any(name == "lang" for name, _value in attrs)
        self.stack.append((tag, marked or tag in self.HIDDEN))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if not any(skipped for _tag, skipped in self.stack):
            self.chunks.append(data)

    @classmethod
    def text_of(cls, html: str) -> str:
        parser = cls()
        parser.feed(html)
        parser.close()
        return " ".join(parser.chunks)


def is_acronym(word: str) -> bool:
    return sum(character.isupper() for character in word) >= 2


@dataclass
class PageShare:
    path: str
    words: int
    foreign: int
    examples: tuple = ()

    @property
    def share(self) -> float:
        return self.foreign / self.words if self.words else 0.0


class Counter:
    """Counts a page's words and the foreign ones among them, for one language."""

    def __init__(self, language: str, names: set[str], english: set[str] = frozenset()):
        self.language, self.names, self.english = language, names, english

    def is_foreign(self, word: str) -> bool:
        if word.lower() in self.names or is_acronym(word):
            return False
        if self.language == "pl":
            return word.lower() in self.english
        return bool(LATIN.search(word))

    def measure(self, path: str, html: str) -> PageShare:
        text = ADDRESS.sub(" ", PageWords.text_of(html))
        words = WORD.findall(text)
        foreign = [word for word in words if self.is_foreign(word)]
        return PageShare(path, len(words), len(foreign), tuple(dict.fromkeys(foreign))[:12])


def name_words() -> set[str]:
    """Every word of every person's recorded names, lower-cased: a name is a name in any
    script, and the site's own name."""
    words = {"release", "ledger"}
    for text in [
        *PersonName.private_objects.values_list("name", flat=True),
        *Person.private_objects.values_list("display_name", flat=True),
    ]:
        words.update(word.lower() for word in WORD.findall(text or ""))
    return words


def english_words(polish_texts) -> set[str]:
    """Words of the English interface (the catalogue's msgids) that the Polish catalogue and the
    Polish texts given do not use: on a Polish page, these are English."""
    catalogue = polib.pofile(str(settings.BASE_DIR / "locale" / "pl" / "LC_MESSAGES" / "django.po"))
    english, polish = set(), set()
    for entry in catalogue:
        english.update(
            word.lower() for word in WORD.findall(entry.msgid + " " + entry.msgid_plural)
        )
        texts = [entry.msgstr, *entry.msgstr_plural.values()]
        polish.update(word.lower() for text in texts for word in WORD.findall(text))
    for text in polish_texts:
        polish.update(word.lower() for word in WORD.findall(text))
    # Words spelt the same in both (a, to, i, w...) are not evidence of English.
    return {word for word in english - polish if len(word) > 2}


def polish_record_texts():
    """The Polish columns of every translated text, so that a Polish word is not taken for an
    English one."""
    for model in apps.get_models():
        fields = [field.name for field in model._meta.fields if field.name.endswith("_pl")]
        if fields:
            for row in model._default_manager.values_list(*fields).iterator():
                yield from (value for value in row if value)


def record_paths(view_class, keys) -> list[tuple]:
    """(keyword, value) of each record a detail route shows: the view's own queryset, asked as
    a request would ask it, by the field its one keyword names."""
    if view_class is None or len(keys) != 1 or not hasattr(view_class, "get_queryset"):
        return []
    view = view_class()
    view.setup(RequestFactory().get("/"))
    try:
        queryset = view.get_queryset()
    except Exception:  # a view that needs more than a plain request is not a record page
        return []
    key = keys[0]
    attribute = "pk" if key in ("pk", "id") else getattr(view, "slug_field", key)
    return [(key, value) for value in queryset.values_list(attribute, flat=True)]


def public_paths() -> list[str]:
    """Every named public page (HTML, not a download), and every record page a route of the
    public site can show."""
    found = []

    def walk(resolver, namespace=""):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}{pattern.name}"
                if name.split(":")[0] not in PUBLIC_NAMESPACES:
                    continue
                keys = list(pattern.pattern.regex.groupindex)
                if not keys:
                    found.append(reverse(name))
                    continue
                view = getattr(pattern.callback, "view_class", None)
                for key, value in record_paths(view, keys):
                    try:
                        found.append(reverse(name, kwargs={key: value}))
                    except NoReverseMatch:
                        continue

    with translation.override(settings.LANGUAGE_CODE):
        walk(get_resolver())
    return list(dict.fromkeys(found))


def crawl(language: str, paths=None) -> list[PageShare]:
    """Each public HTML page in `language`, measured."""
    client = Client()
    english = english_words(polish_record_texts()) if language == "pl" else frozenset()
    counter = Counter(language, name_words(), english)
    shares = []
    for path in paths if paths is not None else public_paths():
        response = client.get(f"/{language}{path}")
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        shares.append(counter.measure(path, response.content.decode()))
    return shares


def overall(shares: list[PageShare]) -> float:
    words = sum(share.words for share in shares)
    return sum(share.foreign for share in shares) / words if words else 0.0
