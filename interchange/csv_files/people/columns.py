"""The people CSV's columns, each declared once, as data: label, meaning, and the cell in SQL
(`cells`). The statement that writes the file is built from these (`statement`), and the same
declarations document the columns on the public data page."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, CharField, Exists, F, OuterRef, When
from django.db.models.functions import Coalesce, Concat, Replace
from django.utils.translation import gettext_lazy as _

from interchange.csv_files.people.cells import (
    NUMBER,
    Cell,
    Field,
    First,
    Greatest,
    Joined,
    JoinedNonEmpty,
    OnlyInCustody,
)
from interchange.csv_files.people.expressions import (
    AT_PRECISION,
    DETENTION_ORDER,
    EXPECTED_END,
    OUTCOME_ORDER,
    STAY_ORDER,
    charge_label,
    disputed_stays_of,
    not_reported,
    open_stays,
    page_url,
    public_outcomes,
    running_custodial_detentions,
    spelling,
    standing_label,
    text,
    when_dated,
)
from interchange.csv_files.readers import (
    as_is,
    choice_label,
    coded_in_brackets,
    country_name,
    each,
    partial_date,
)
from ledger.partial_dates import DatePrecision, iso_at_precision_sql
from prisoners.models import (
    FREED,
    Charge,
    Detention,
    Gender,
    Person,
    PersonName,
    Recogniser,
    Recognition,
    ReleaseOutcome,
    Status,
    StatusPeriod,
    Stay,
    Verdict,
)


@dataclass(frozen=True)
class PersonColumn:
    label: str
    help_text: str
    cell: Cell
    #: The header of the spreadsheet download, in the reader's language.
    title: str = ""
    #: The cell as the spreadsheet shows it (`interchange.csv_files.readers`).
    reader: Callable[[Any], Any] = as_is


PERSON_COLUMNS = [
    PersonColumn(
        "slug",
        "Stable identifier; the person's page is /prisoners/<slug>/.",
        Field(F("slug")),
        title=_("Identifier"),
    ),
    PersonColumn(
        "name",
        "The name in its most used English spelling.",
        Field(F("display_name")),
        title=_("Name"),
    ),
    *(
        PersonColumn(
            f"name_{language}",
            f"The {language_name} spelling shown first on pages in {language_name} "
            f"({script}); empty when the record has none.",
            Field(F(f"name_{language}")),
            title=title,
        )
        for language, language_name, script, title in (
            ("be", "Belarusian", "Cyrillic", _("Name in Belarusian")),
            ("ru", "Russian", "Cyrillic", _("Name in Russian")),
            ("pl", "Polish", "Latin", _("Name in Polish")),
        )
    ),
    PersonColumn(
        "constructed_names",
        "The languages (be, ru, pl) whose name_be, name_ru or name_pl was built by "
        "transliteration rather than found in a source, separated by '; ': such a spelling is "
        "shown marked 'constructed spelling'.",
        Field(Replace(F("constructed_names"), text(" "), text("; "))),
        title=_("Constructed spellings"),
    ),
    PersonColumn(
        "other_names",
        "Every recorded spelling with its language and script, separated by '; '. A spelling "
        "built by transliteration rather than found in a source is marked 'constructed'.",
        Joined(PersonName.private_objects.all, spelling(), ("language", "pk")),
        title=_("Other spellings"),
    ),
    PersonColumn(
        "patronymic",
        "The father's name, where recorded.",
        Field(F("patronymic")),
        title=_("Patronymic"),
    ),
    PersonColumn(
        "gender",
        "female, male or other; empty when not reported.",
        Field(F("gender")),
        title=_("Gender"),
        reader=choice_label(Gender),
    ),
    PersonColumn(
        "status",
        "Derived status: " + ", ".join(Status.values) + ".",
        Field(F("status")),
        title=_("Status"),
        reader=choice_label(Status),
    ),
    PersonColumn(
        "status_country",
        "For a deported person: the ISO code of the country they were sent to.",
        Field(F("status_country")),
        title=_("Sent to"),
        reader=country_name,
    ),
    PersonColumn(
        "status_since",
        "Date of the event that set the status (arrest, release...), " + AT_PRECISION,
        Field(iso_at_precision_sql("status_since", "status_since_precision")),
        title=_("Status since"),
        reader=partial_date,
    ),
    PersonColumn(
        "status_as_of",
        "The latest date the record confirms the status (for someone held: the latest verdict, "
        "report of where they are held, or release that left them behind), " + AT_PRECISION,
        Field(iso_at_precision_sql("status_as_of", "status_as_of_precision")),
        title=_("Status as of"),
        reader=partial_date,
    ),
    PersonColumn(
        "status_as_of_precision",
        "day, month or year.",
        Field(when_dated("status_as_of", "status_as_of_precision")),
        title=_("Precision of the status date"),
        reader=choice_label(DatePrecision),
    ),
    PersonColumn(
        "recognised_by",
        "Bodies whose recognition of the person as a political prisoner stands, separated by "
        "'; ' (" + ", ".join(Recogniser.values) + "). Empty: no recognition recorded.",
        Joined(
            lambda: Recognition.private_objects.filter(withdrawn_on__isnull=True),
            F("recogniser"),
            ("recogniser", "pk"),
        ),
        title=_("Recognised as a political prisoner by"),
        reader=each(choice_label(Recogniser)),
    ),
    PersonColumn(
        "held_at",
        "Slug of the facility where the record establishes the person is held now "
        "(/facilities/<slug>/); empty when reports of where they are differ (see "
        "held_at_reports).",
        # `Person.current_stay`: the latest open stay, when no open report is contested.
        OnlyInCustody(
            First(
                lambda: open_stays().filter(~Exists(disputed_stays_of(OuterRef("person")))),
                F("facility__slug"),
                (Coalesce("reported_on", "from_on").desc(nulls_last=True), "-pk"),
            )
        ),
        title=_("Held now at"),
    ),
    PersonColumn(
        "held_at_reports",
        "When reports of where the person is held now differ: each reported facility's slug "
        "with the date of its report, separated by '; '. The record does not say which is right.",
        # `Person.disputed_stays`.
        OnlyInCustody(
            Joined(
                lambda: disputed_stays_of(),
                Concat(
                    F("facility__slug"),
                    text(" (reported "),
                    iso_at_precision_sql(
                        Coalesce("reported_on", "from_on"),
                        Case(
                            When(reported_on__isnull=False, then=F("reported_on_precision")),
                            default=F("from_on_precision"),
                        ),
                    ),
                    text(")"),
                    output_field=CharField(),
                ),
                (Coalesce("reported_on", "from_on").asc(nulls_last=True), "pk"),
            )
        ),
        title=_("Reported places (reports differ)"),
    ),
    PersonColumn(
        "expected_release_computed",
        "Computed, not reported: arrest date plus the term the verdicts add up to; credit for "
        "pre-trial custody, pardons and further cases are not applied. Only for people held.",
        OnlyInCustody(
            First(
                running_custodial_detentions,
                iso_at_precision_sql(EXPECTED_END, "detained_on_precision"),
                (EXPECTED_END.desc(), "-pk"),
            )
        ),
        title=_("Term ends (computed)"),
        reader=partial_date,
    ),
    PersonColumn(
        "inferred_or_contested",
        "Values on this person's record that are inferred or contested, each with who inferred "
        "it and from what or how sources differ, separated by '; '. Empty: all reported.",
        JoinedNonEmpty(
            Joined(
                not_reported(Detention.private_objects.all),
                standing_label("detention"),
                DETENTION_ORDER,
            ),
            Joined(
                not_reported(Verdict.private_objects.all),
                standing_label("verdict"),
                (
                    "detention__detained_on",
                    "detention__pk",
                    F("decided_on").asc(nulls_last=True),
                    "pk",
                ),
                person="detention__person",
            ),
            Joined(
                not_reported(Stay.private_objects.all),
                standing_label("place of detention"),
                STAY_ORDER,
            ),
            Joined(
                not_reported(Recognition.private_objects.all),
                standing_label("recognition"),
                ("recogniser", "pk"),
            ),
            Joined(not_reported(public_outcomes), standing_label("release outcome"), OUTCOME_ORDER),
        ),
        title=_("Inferred or contested"),
    ),
    PersonColumn(
        "citizenships",
        "ISO 3166 codes of every reported citizenship, separated by '; '.",
        # Stored sorted and comma-separated ('BY,PL') by django-countries.
        Field(Replace(F("citizenships"), text(","), text("; "))),
        title=_("Citizenship"),
        reader=each(country_name),
    ),
    PersonColumn(
        "occupations",
        "Occupations or roles, separated by '; '.",
        Joined(
            Person.occupations.through.objects.all,
            F("occupation__name"),
            ("occupation__name", "occupation__pk"),
        ),
        title=_("Occupation"),
    ),
    PersonColumn("role", "Who the person is, in a phrase.", Field(F("role")), title=_("Who")),
    PersonColumn(
        "birth_date",
        "Date of birth, " + AT_PRECISION,
        Field(iso_at_precision_sql("birth_date", "birth_date_precision")),
        title=_("Born"),
        reader=partial_date,
    ),
    PersonColumn(
        "birth_date_precision",
        "day, month or year.",
        Field(when_dated("birth_date", "birth_date_precision")),
        title=_("Precision of the birth date"),
        reader=choice_label(DatePrecision),
    ),
    PersonColumn(
        "first_detained_on",
        "Date of the earliest recorded arrest, " + AT_PRECISION,
        First(
            Detention.private_objects.all,
            iso_at_precision_sql("detained_on", "detained_on_precision"),
            ("detained_on", "pk"),
        ),
        title=_("First detained"),
        reader=partial_date,
    ),
    PersonColumn(
        "longest_sentence_months",
        "The longest term over the person's detentions, in months, as the verdicts add up "
        "(an appeal sets the term, an added sentence lengthens it).",
        Greatest(Detention.private_objects.all, F("term_months"), kind=NUMBER),
        title=_("Longest sentence (months)"),
    ),
    PersonColumn(
        "charges",
        "Criminal-code articles charged, over all detentions, separated by '; '.",
        Joined(
            Charge.private_objects.all,
            charge_label(),
            ("detention__detained_on", "detention__pk", "pk"),
            person="detention__person",
            first_seen=True,
        ),
        title=_("Charges"),
    ),
    PersonColumn(
        "releases",
        "Releases that freed the person, each with its outcome, separated by '; '.",
        Joined(
            public_outcomes,
            Concat(
                F("release__slug"), text(" ("), F("outcome"), text(")"), output_field=CharField()
            ),
            OUTCOME_ORDER,
        ),
        title=_("Named in releases"),
        reader=coded_in_brackets(ReleaseOutcome),
    ),
    PersonColumn(
        "freed_on",
        "Each day the person's custody ended (freed, not merely named in a release: a pardon "
        "refused and followed by a return to custody is not a release), "
        + AT_PRECISION
        + " Separated by '; '.",
        Joined(
            lambda: StatusPeriod.objects.filter(status__in=FREED),
            iso_at_precision_sql("started_on", "started_on_precision"),
            ("started_on", "pk"),
        ),
        title=_("Freed on"),
        reader=each(partial_date),
    ),
    # The address reads the URLconf and the settings: `page_url` is called when a file is made.
    PersonColumn(
        "url", "Address of the person's page on this site.", Field(page_url), title=_("Page")
    ),
]
