"""The words pages, exports, feeds, the API and the admin use about people and their records:
kept out of the models, written once, so that every surface says the same thing.

Template filters in `pages.templatetags.ledger` call these.
"""

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ledger.partial_dates import format_partial_date
from ledger.publication import public_name
from prisoners.models import IN_CUSTODY, Claim, Person, Status, ValueQualifier, VerdictKind


def plural(count: int, unit: str) -> str:
    if unit == "year":
        return ngettext("%(count)d year", "%(count)d years", count) % {"count": count}
    if unit == "month":
        return ngettext("%(count)d month", "%(count)d months", count) % {"count": count}
    return f"{count} {unit}{'' if count == 1 else 's'}"


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
        return _("Released and sent to %(country)s") % {"country": person.status_country.name}
    return person.get_status_display()


def status_date_text(person) -> str:
    """When the status was last known true: 'as of November 2025' for someone held (the latest
    confirming report), 'since 11 September 2025' otherwise (the event that set it)."""
    if person.status in IN_CUSTODY and person.status_as_of:
        as_of = format_partial_date(person.status_as_of, person.status_as_of_precision)
        return _("as of %(date)s") % {"date": as_of}
    if person.status_since:
        since = format_partial_date(person.status_since, person.status_since_precision)
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


def term_standing(person) -> str:
    """'contested', 'inferred' or 'no source recorded' for the longest term a list shows, when a
    verdict that makes it up is not a plain reported and cited value (prefetch
    `detentions__verdicts`; citations attached as `cited` where a page has them); '' else."""
    longest = max(
        (d for d in person.detentions.all() if d.term_months is not None),
        key=lambda d: d.term_months,
        default=None,
    )
    if longest is None:
        return ""
    verdicts = [v for v in longest.verdicts.all() if v.sentence_months is not None]
    if any(v.is_contested for v in verdicts):
        return _("contested")
    if any(v.is_inferred for v in verdicts):
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
            verdict.court,
        ]
        if part
    )
    title = verdict.get_kind_display()
    return f"{title}: {detail}" if detail else title


def public_label(record) -> str:
    """A record's name in public lists. A claim is named by its topic: its `str()` names the
    claimant, who may be withheld."""
    if isinstance(record, Claim):
        return record.topic
    if isinstance(record, Person):
        return public_name(record)  # in the reader's script (prisoners.local_names)
    return str(record)
