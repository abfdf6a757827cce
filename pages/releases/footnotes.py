"""Notes on the freed table written once: a note that 40 rows share (the same "inferred: ..."
label, the same "named among the 123 freed") is numbered and printed below the table, and each
row points to it."""

from dataclasses import dataclass, field

from django.utils.text import capfirst

from ledger.translated_text import TextInLanguage, text_in_language


@dataclass(frozen=True)
class Footnote:
    number: int
    text: TextInLanguage
    is_standing: bool  # why a value is inferred or contested, rather than a detail


@dataclass
class FootnotedRow:
    freed: object  # a ReleasedPerson
    notes: list = field(default_factory=list)


def freed_with_notes(freed_people):
    """(rows, notes): a row per freed person with the notes it points to, and each distinct note
    once, numbered in order of first use."""
    notes = {}
    rows = []
    for freed in freed_people:
        row = FootnotedRow(freed)
        texts = []
        if freed.standing_label:
            label = capfirst(str(freed.standing_label))
            texts.append((TextInLanguage(label, "", is_fallback=False), True))
        note = text_in_language(freed, "note")
        if note:
            texts.append((note, False))
        for text, is_standing in texts:
            key = (text.text, text.language if text.is_fallback else "", is_standing)
            if key not in notes:
                notes[key] = Footnote(len(notes) + 1, text, is_standing)
            row.notes.append(notes[key])
        rows.append(row)
    return rows, list(notes.values())
