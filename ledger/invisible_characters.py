"""Characters that cannot be seen but change what is seen: direction controls and invisible ones.

A right-to-left override (U+202E) in a name reverses the text after it, across the rest of the
line, so `Ivan<RLO>vokitep` shows as a different name, and can carry the words beside it along.
Pages show every name and free text in bidi isolation (`<bdi>`, `dir="auto"` in the templates;
`isolated()` where no markup is possible: the page title, attributes), so such a character
cannot reach past its own value. The admin also warns when a name holds one of these characters
(`InvisibleCharactersWarningMixin`): saving is not blocked, since a source may really spell a
name with a zero-width joiner, but an editor looks again.
"""

import unicodedata

from django.contrib import messages
from django.utils.html import format_html

# Direction marks, embeddings, overrides and isolates, and the invisible characters that make two
# names look alike (zero-width spaces and joiners, word joiner, soft hyphen, byte-order mark,
# fillers). Each one is shown to editors by its code point and Unicode name.
INVISIBLE = frozenset(
    [
        *map(chr, range(0x200B, 0x2010)),  # zero-width space ... right-to-left mark
        *map(chr, range(0x202A, 0x202F)),  # embeddings, pop, overrides
        *map(chr, range(0x2060, 0x2065)),  # word joiner, invisible operators
        *map(chr, range(0x2066, 0x206A)),  # isolates
        "\u00ad",  # soft hyphen
        "\u034f",  # combining grapheme joiner
        "\u061c",  # Arabic letter mark
        "\u115f",  # Hangul choseong filler
        "\u1160",  # Hangul jungseong filler
        "\u180e",  # Mongolian vowel separator
        "\u3164",  # Hangul filler
        "\ufeff",  # byte-order mark, zero-width no-break space
        "\uffa0",  # halfwidth Hangul filler
    ]
)
FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE = "\u2068", "\u2069"


def invisible_characters(text) -> list[str]:
    """'U+202E RIGHT-TO-LEFT OVERRIDE' for each distinct invisible character in `text`."""
    found = dict.fromkeys(char for char in str(text or "") if char in INVISIBLE)
    return [f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed')}" for char in found]


# Bidirectional classes that can turn text around it: right-to-left letters and explicit controls.
TURNING = frozenset(["R", "AL", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"])


def isolated(text) -> str:
    """`text` between first-strong isolate and pop isolate when it could turn the text around
    it (right-to-left letters, direction controls), for plain text where `<bdi>` cannot go: the
    page title, an attribute. Other text is returned as it is."""
    text = str(text or "")
    if any(unicodedata.bidirectional(char) in TURNING for char in text):
        return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"
    return text


def warn_about_invisible_characters(request, what, values):
    """A warning per value that holds such characters; `what` names the field ("display name")."""
    for value in values:
        found = invisible_characters(value)
        if found:
            messages.warning(
                request,
                format_html(
                    "The {} “<bdi>{}</bdi>” holds invisible or direction-changing characters "
                    "({}). They can make a name look like another, or turn the text around it: "
                    "retype it unless a source really spells it so.",
                    what,
                    value,
                    ", ".join(found),
                ),
            )


class InvisibleCharactersWarningMixin:
    """For a ModelAdmin: warns after a save when one of `name_fields` holds such characters."""

    name_fields = ()

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        for name in self.name_fields:
            label = obj._meta.get_field(name).verbose_name
            warn_about_invisible_characters(request, label, [getattr(obj, name)])
