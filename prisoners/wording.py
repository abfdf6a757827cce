"""The words pages, exports, feeds, the API and the admin use about people and their records:
kept out of the models, written once, so that every surface says the same thing.

Template filters in `pages.templatetags.ledger` call these.
"""

import functools

from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext, pgettext_lazy

from ledger.partial_dates import format_partial_date
from ledger.publication import public_name
from ledger.translated_text import text_in_language
from prisoners.models import (
    IN_CUSTODY,
    Charge,
    Claim,
    Detention,
    Facility,
    Occupation,
    Person,
    Recognition,
    Source,
    Status,
    Stay,
    ValueQualifier,
    Verdict,
    VerdictKind,
)
from prisoners.vocabularies import Gender, Standing

# Words said of a person agree with the person's recorded gender in Belarusian, Russian and
# Polish ("Вызвалена", "Задержана", "Uwolniona"). The plain msgid carries the masculine form
# (the form used when no gender is recorded); the feminine one is the same msgid in the context
# below. They are declared here so that makemessages finds them: `said_of` looks them up.
SAID_OF_A_WOMAN = "said of a woman"
FEMININE_FORMS = (
    pgettext_lazy(SAID_OF_A_WOMAN, "Released inside the country"),
    pgettext_lazy(SAID_OF_A_WOMAN, "Released and deported or transferred abroad"),
    pgettext_lazy(SAID_OF_A_WOMAN, "Refused deportation, returned to custody"),
    pgettext_lazy(SAID_OF_A_WOMAN, "Released; where to was not reported"),
    pgettext_lazy(SAID_OF_A_WOMAN, "Deceased"),
    pgettext_lazy(SAID_OF_A_WOMAN, "Released and sent to %(country)s"),
    pgettext_lazy(SAID_OF_A_WOMAN, "Born"),
    pgettext_lazy(SAID_OF_A_WOMAN, "Detained"),
    pgettext_lazy(SAID_OF_A_WOMAN, "Detained in %(place)s"),
    pgettext_lazy(SAID_OF_A_WOMAN, "Released"),
    pgettext_lazy(SAID_OF_A_WOMAN, "Pardoned"),
    pgettext_lazy(SAID_OF_A_WOMAN, "Acquitted or case closed"),
    pgettext_lazy(SAID_OF_A_WOMAN, "Died in custody"),
    pgettext_lazy(SAID_OF_A_WOMAN, "Deported or transferred abroad"),
    pgettext_lazy(SAID_OF_A_WOMAN, "Refused to leave, taken back into custody"),
    pgettext_lazy(SAID_OF_A_WOMAN, "Released inside the country, barred from leaving it"),
    pgettext_lazy(SAID_OF_A_WOMAN, "Offered exile, stayed in the country by choice"),
    pgettext_lazy(SAID_OF_A_WOMAN, "Not among those freed in %(release)s"),
    pgettext_lazy(SAID_OF_A_WOMAN, "%(person)s: detained %(date)s"),
)


def said_of(person, message) -> str:
    """`message` (an English msgid, or a lazy choice label) translated as said of `person`: the
    feminine form when the person is recorded as a woman and the catalogue has one."""
    if not isinstance(message, str):
        with translation.override(None):  # a lazy label's own English text, its msgid
            message = str(message)
    if getattr(person, "gender", "") == Gender.FEMALE:
        feminine = pgettext(SAID_OF_A_WOMAN, message)
        if feminine != message:
            return feminine
    return _(message)


def plural(count: int, unit: str) -> str:
    if unit == "year":
        return ngettext("%(count)d year", "%(count)d years", count) % {"count": count}
    if unit == "month":
        return ngettext("%(count)d month", "%(count)d months", count) % {"count": count}
    raise ValueError(f"No plural forms for {unit!r}: add an ngettext entry.")


def partial_date(record, field: str) -> str:
    """A record's date no more precisely than known ('June 2025'), or '' when there is none."""
    value = getattr(record, field)
    if value is None:
        return ""
    return format_partial_date(value, getattr(record, f"{field}_precision", None))


def sentence_text(months) -> str:
    """'8 years', '1 year 6 months', '0 months'; '' for no sentence."""
    if months is None:
        return ""
    years, rest = divmod(months, 12)
    parts = [plural(years, "year")] if years else []
    if rest:
        parts.append(plural(rest, "month"))
    return " ".join(parts) or plural(0, "month")


def figure_text(claim) -> str:
    """A claimed figure with its hedge: 'more than 1,100'."""
    if claim.value is None:
        return ""
    # Grouped as the reader's language groups digits: "1,100", "1 100" (be, ru, pl).
    figure = number_format(claim.value, force_grouping=True)
    if claim.value_qualifier == ValueQualifier.EXACTLY:
        return figure
    return f"{claim.get_value_qualifier_display()} {figure}"


def status_text(person) -> str:
    if person.status == Status.DEPORTED and person.status_country:
        return said_of(person, "Released and sent to %(country)s") % {
            "country": person.status_country.name
        }
    return said_of(person, status_msgid(person.status))


@functools.cache
def status_msgid(status) -> str:
    """A status's label as its English msgid, read once (`said_of` would switch the language
    off and on for every row of a list to find it)."""
    with translation.override(None):
        return str(Status(status).label)


def status_date_text(person) -> str:
    """When the status was last known true: 'as of November 2025' for someone held (the latest
    confirming report), 'since 11 September 2025' otherwise (the event that set it)."""
    if person.status in IN_CUSTODY and person.status_as_of:
        as_of = format_partial_date(person.status_as_of, person.status_as_of_precision)
        return _("as of %(date)s") % {"date": as_of}
    if person.status_since:
        since = format_partial_date(person.status_since, person.status_since_precision, True)
        return _("since %(date)s") % {"date": since}
    return ""


def status_with_date(person) -> str:
    """'Held, as of November 2025': the status as every page and export states it."""
    when = status_date_text(person)
    return f"{status_text(person)}, {when}" if when else status_text(person)


def expected_release_text(person) -> str:
    """'March 2040 (computed: arrest date plus the term; not a source's figure)' or ''."""
    expected = person.expected_release()
    if expected is None:
        return ""
    date, precision = expected
    return f"{format_partial_date(date, precision)} ({COMPUTED_NOTE})"


COMPUTED_NOTE = gettext_lazy(
    "computed from the arrest date and the term; credit for pre-trial custody, pardons and "
    "further cases are not applied"
)


def standing_word(standing) -> str:
    """'contested' or 'inferred' beside a value whose standing it is; '' for a reported one
    (the list's `row_term_standing`, prisoners.list_rows)."""
    if standing == Standing.CONTESTED:
        return _("contested")
    if standing == Standing.INFERRED:
        return _("inferred")
    return ""


def verdict_text(verdict) -> str:
    """'Appeal ruling: 18 years, penal colony, reinforced regime, Homel Regional Court'."""
    term = ""
    if verdict.sentence_months is not None:
        term = sentence_text(verdict.sentence_months)
        if verdict.kind == VerdictKind.ADDED:
            term = _("%(term)s added") % {"term": term}
    detail = ", ".join(
        part
        for part in [
            term,
            verdict.get_sentence_kind_display() if verdict.sentence_kind else "",
            verdict.get_regime_display() if verdict.regime else "",
            in_reader_language(verdict, "court"),
        ]
        if part
    )
    title = verdict.get_kind_display()
    return f"{title}: {detail}" if detail else title


def public_label(record) -> str:
    """A record's name in public lists. A claim is named by its topic: its `str()` names the
    claimant, who may be withheld."""
    if isinstance(record, Claim):
        return in_reader_language(record, "topic")
    if isinstance(record, Person):
        return public_name(record)  # in the reader's script (prisoners.local_names)
    if isinstance(record, Detention):
        return said_of(record.person, "%(person)s: detained %(date)s") % {
            "person": public_name(record.person),
            "date": partial_date(record, "detained_on"),
        }
    if isinstance(record, Verdict):
        return f"{public_name(record.detention.person)}: {verdict_text(record)}"
    if isinstance(record, Charge):
        return charge_text(record)
    if isinstance(record, Facility):
        return facility_text(record)
    if isinstance(record, Stay):
        return f"{public_name(record.person)}: {facility_text(record.facility)}"
    if isinstance(record, Recognition):
        return f"{public_name(record.person)}: {record.get_recogniser_display()}"
    if isinstance(record, Source | Occupation):
        return in_reader_language(record, "name")
    return label_by_fields(record)


def label_by_fields(record) -> str:
    """The other apps' records (prisoners knows none of them), named by the fields they have: a
    title or a label in the reader's language, a concession by its kind and beneficiary, a
    person's part in something by the person's public name and that thing's title."""
    for field_name in ("title", "label"):
        if hasattr(record, f"{field_name}_be"):
            return in_reader_language(record, field_name)
    if hasattr(record, "beneficiary_be"):
        what = (
            in_reader_language(record, "beneficiary")
            or in_reader_language(record, "description")[:40]
        )
        return f"{record.get_kind_display()}: {what}"
    person = getattr(record, "person", None)
    if isinstance(person, Person):
        of = getattr(record, "release", None)
        return f"{public_name(person)}: {label_by_fields(of)}" if of else public_name(person)
    return str(record)


def in_reader_language(record, field_name: str) -> str:
    """A text written per language as plain text (a label inside a longer line): the reader's
    language, or the first language that has it."""
    return text_in_language(record, field_name).text


def facility_text(facility) -> str:
    """'Папраўчая калонія № 1, Наваполацк': the name and town in the reader's language."""
    name = in_reader_language(facility, "name")
    town = in_reader_language(facility, "town")
    return f"{name}, {town}" if town else name


def charge_text(charge) -> str:
    """'Art. 342 part 1: organising actions that grossly violate public order'."""
    return f"{charge.label}: {in_reader_language(charge, 'description')}"
