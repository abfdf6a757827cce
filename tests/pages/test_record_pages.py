"""The deeper record on the public pages and in the CSVs: status dates and history (`held_on`),
recognition (`recognised_by`), places of detention, verdicts and the computed end of term, and
values marked inferred or contested."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from prisoners import models as p
from prisoners.models.history import held_per_month
from releases.models import Release
from tests import factories as f

pytestmark = pytest.mark.django_db

ARREST = datetime.date(2021, 3, 25)
SEPTEMBER = datetime.date(2025, 9, 11)


def page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def csv_rows(client, **params):
    response = client.get(reverse("prisoners:person-csv"), params)
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    return {row["slug"]: row for row in csv.DictReader(io.StringIO(body))}


def listed(client, **params):
    response = client.get(reverse("prisoners:person-list"), params)
    assert response.status_code == 200
    return {person.slug for person in response.context["object_list"]}


def deported_in_september(person):
    release = f.ReleaseFactory(released_on=SEPTEMBER)
    f.ReleasedPersonFactory(
        release=release, person=person, outcome=p.ReleaseOutcome.DEPORTED, destination="LT"
    )
    return release


@pytest.fixture
def people():
    """Freed in September 2025; held since 2021; arrested only in 2025."""
    freed = f.DetentionFactory(person__slug="freed", detained_on=ARREST).person
    deported_in_september(freed)
    held = f.DetentionFactory(person__slug="held", detained_on=ARREST).person
    late = f.DetentionFactory(person__slug="late", detained_on=datetime.date(2025, 1, 10)).person
    return freed, held, late


class TestHeldOn:
    def test_the_list_and_the_csv_show_who_was_held_that_day(self, client, people):
        assert listed(client, held_on="2024-06-01") == {"freed", "held"}
        assert listed(client, held_on="2025-10-01") == {"held", "late"}
        assert listed(client, held_on="2021-03-24") == set()
        assert set(csv_rows(client, held_on="2024-06-01")) == {"freed", "held"}
        assert set(csv_rows(client, held_on="2025-10-01")) == {"held", "late"}

    def test_the_day_of_release_is_no_longer_held_and_the_day_of_arrest_is(self, client, people):
        assert "freed" not in listed(client, held_on=SEPTEMBER.isoformat())
        assert "freed" in listed(client, held_on=ARREST.isoformat())

    def test_someone_who_refused_deportation_is_still_held(self, client):
        person = f.DetentionFactory(person__slug="refused", detained_on=ARREST).person
        release = f.ReleaseFactory(released_on=SEPTEMBER)
        f.ReleasedPersonFactory(
            release=release, person=person, outcome=p.ReleaseOutcome.REFUSED_RETURNED
        )
        assert "refused" in listed(client, held_on="2025-10-01")

    def test_an_unpublished_release_frees_no_one_publicly(self, client, people):
        freed = people[0]
        Release.private_objects.filter(freed__person=freed).update(is_published=False)
        assert "freed" in listed(client, held_on="2025-10-01")

    def test_a_bad_date_is_a_form_error_on_the_page_and_a_400_for_the_csv(self, client, people):
        response = client.get(reverse("prisoners:person-list"), {"held_on": "2024-13-45"})
        assert response.status_code == 200
        assert "Enter a valid date" in response.content.decode()
        assert list(response.context["object_list"]) == []
        export = client.get(reverse("prisoners:person-csv"), {"held_on": "yesterday"})
        assert export.status_code == 400

    def test_status_history_has_one_period_per_event(self, people):
        freed = people[0]
        periods = list(freed.status_periods.values_list("status", "started_on", "ended_on"))
        assert periods == [
            (p.Status.HELD, ARREST, SEPTEMBER),
            (p.Status.DEPORTED, SEPTEMBER, None),
        ]

    def test_held_over_time_counts_the_ledger_month_by_month(self, people):
        series = {
            month: held for month, held, _ in held_per_month(until=datetime.date(2025, 10, 15))
        }
        assert series[datetime.date(2021, 3, 1)] == 2
        assert series[datetime.date(2025, 1, 1)] == 3
        assert series[datetime.date(2025, 9, 1)] == 2  # freed on 11 September
        assert series[datetime.date(2025, 10, 1)] == 2

    def test_the_timeline_draws_it_and_says_what_it_counts(self, client, people):
        body = page(client, reverse("releases:release-list"))
        assert "People in this ledger held at the end of each month" in body
        assert "not all political prisoners in Belarus" in body


class TestStatusDates:
    def test_a_held_persons_status_is_as_of_the_latest_report(self, client, people):
        held = people[1]
        f.StayFactory(
            person=held,
            reported_on=datetime.date(2025, 11, 1),
            reported_on_precision=p.DatePrecision.MONTH,
        )
        body = page(client, held.get_absolute_url())
        assert "(as of November 2025)" in body
        row = csv_rows(client)["held"]
        # Written no more precisely than known.
        assert (row["status_as_of"], row["status_as_of_precision"]) == ("2025-11", "month")

    def test_a_freed_persons_status_is_dated_by_the_release(self, client, people):
        body = page(client, people[0].get_absolute_url())
        assert "Released and sent to Lithuania" in body
        assert "(since 11 September 2025)" in body
        assert csv_rows(client)["freed"]["status_since"] == SEPTEMBER.isoformat()

    def test_being_left_behind_by_a_release_dates_a_held_status(self, client, people):
        held = people[1]
        release = f.ReleaseFactory(released_on=SEPTEMBER)
        f.NotableOmissionFactory(release=release, person=held)
        held.refresh_from_db()
        assert held.status_as_of == SEPTEMBER


class TestRecognition:
    def test_recognised_by_filters_the_list_and_the_csv(self, client, people):
        freed, held, late = people
        f.RecognitionFactory(person=freed, recogniser=p.Recogniser.VIASNA)
        f.RecognitionFactory(person=held, recogniser=p.Recogniser.AMNESTY)
        f.RecognitionFactory(
            person=late, recogniser=p.Recogniser.VIASNA, withdrawn_on=datetime.date(2025, 6, 1)
        )
        assert listed(client, recognised_by="viasna") == {"freed"}
        assert set(csv_rows(client, recognised_by="viasna")) == {"freed"}
        rows = csv_rows(client)
        assert (rows["freed"]["recognised_by"], rows["late"]["recognised_by"]) == ("viasna", "")

    def test_the_person_page_says_who_recognised_them_or_that_no_one_did(self, client, people):
        freed, held, _ = people
        f.RecognitionFactory(person=freed, recogniser=p.Recogniser.VIASNA)
        body = page(client, freed.get_absolute_url())
        assert "Recognised as a political prisoner by Viasna Human Rights Centre" in body
        other = page(client, held.get_absolute_url())
        # Not "no recognition": only that this ledger has not recorded one yet.
        assert "Recognition as a political prisoner: not yet recorded in this ledger." in other

    def test_the_release_page_does_not_call_everyone_freed_a_political_prisoner(
        self, client, people
    ):
        freed = people[0]
        release = freed.release_outcomes.get().release
        f.RecognitionFactory(person=freed, recogniser=p.Recogniser.VIASNA)
        unrecognised = f.PersonFactory(display_name="Unrecognised Person")
        f.ReleasedPersonFactory(release=release, person=unrecognised)
        body = page(client, release.get_absolute_url())
        assert "Not everyone freed in a release is a recognised political prisoner" in body
        assert "not yet recorded in this ledger" in body


class TestPlacesOfDetention:
    def test_the_person_page_says_where_they_are_held_and_how_to_write(self, client, people):
        held = people[1]
        prison = f.FacilityFactory(name="Penal colony No. 1", postal_address="211440, Navapolatsk")
        f.StayFactory(person=held, facility=prison)
        body = page(client, held.get_absolute_url())
        assert "Where held now" in body
        assert "211440, Navapolatsk" in body

    def test_conflicting_reports_are_both_shown_as_contested(self, client, people):
        held = people[1]
        reason = "Polish Radio and Rzeczpospolita name different colonies"
        for name, reported in [("Navapolatsk", (2025, 3, 27)), ("Hlybokaye", (2025, 11, 12))]:
            f.StayFactory(
                person=held,
                facility=f.FacilityFactory(name=f"Colony {name}", town=name),
                reported_on=datetime.date(*reported),
                standing=p.Standing.CONTESTED,
                standing_note=reason,
            )
        body = page(client, held.get_absolute_url())
        # Two reports side by side, and no place said to be where the person is.
        assert "Not established: the reports of where the person is held now differ" in body
        assert "Colony Navapolatsk" in body and "Colony Hlybokaye" in body
        assert reason in body
        row = csv_rows(client)["held"]
        assert row["held_at"] == ""
        assert row["held_at_reports"].count("(reported ") == 2

    def test_the_facility_page_names_only_the_public_and_counts_the_withheld(self, client, people):
        freed, held, _ = people
        prison = f.FacilityFactory(name="Penal colony No. 1")
        f.StayFactory(person=held, facility=prison)
        f.StayFactory(person=freed, facility=prison, until_on=SEPTEMBER)
        withheld = f.DetentionFactory(
            person__display_name="Zqsecret Person", person__visibility=p.Visibility.WITHHELD
        ).person
        f.StayFactory(person=withheld, facility=prison)
        body = page(client, prison.get_absolute_url())
        assert held.display_name in body
        assert freed.display_name in body.split("Reported held here earlier")[1]
        assert "Zqsecret" not in body
        assert "And 1 person whose name is withheld" in body
        listing = page(client, reverse("prisoners:facility-list"))
        assert "Zqsecret" not in listing

    def test_the_facility_filter_lists_who_is_held_there_now(self, client, people):
        freed, held, _ = people
        prison = f.FacilityFactory()
        f.StayFactory(person=held, facility=prison)
        f.StayFactory(person=freed, facility=prison)  # open stay, but freed since
        assert listed(client, facility=prison.slug) == {"held"}
        assert set(csv_rows(client, facility=prison.slug)) == {"held"}
        assert csv_rows(client)["held"]["held_at"] == prison.slug

    def test_an_unknown_facility_is_a_form_error(self, client, people):
        response = client.get(reverse("prisoners:person-csv"), {"facility": "no-such-place"})
        assert response.status_code == 400


class TestVerdictsAndTerm:
    def test_an_appeal_sets_the_term_and_an_added_sentence_lengthens_it(self, client):
        detention = f.DetentionFactory(person__slug="tsikhanouski", detained_on=ARREST)
        f.VerdictFactory(detention=detention, kind=p.VerdictKind.APPEAL, sentence_months=216)
        f.VerdictFactory(
            detention=detention, kind=p.VerdictKind.ADDED, sentence_months=18, decided_on=None
        )
        detention.refresh_from_db()
        assert detention.term_months == 234
        row = csv_rows(client)["tsikhanouski"]
        assert row["longest_sentence_months"] == "234"
        # 25 March 2021 + 19 years 6 months.
        assert row["expected_release_computed"] == "2040-09-25"
        body = page(client, detention.person.get_absolute_url())
        assert "25 September 2040 (computed from the arrest date and the term" in body
        assert "Added sentence (new conviction while serving): 1 year 6 months added" in body

    def test_deleting_a_verdict_recomputes_the_term(self):
        detention = f.DetentionFactory(detained_on=ARREST)
        added = f.VerdictFactory(detention=detention, kind=p.VerdictKind.ADDED, sentence_months=18)
        added.delete()
        detention.refresh_from_db()
        assert detention.term_months == 96

    def test_no_end_of_term_is_computed_for_someone_freed(self, client, people):
        assert csv_rows(client)["freed"]["expected_release_computed"] == ""
        assert "Term ends" not in page(client, people[0].get_absolute_url())

    def test_a_qualified_charge_says_so(self, client):
        detention = f.DetentionFactory(person__slug="viniarski")
        f.ChargeFactory(
            detention=detention,
            article="293",
            part="2",
            qualifier=p.ChargeQualifier.PREPARATION,
            description="participation in mass riots",
        )
        body = page(client, detention.person.get_absolute_url())
        assert "Art. 13 + Art. 293 part 2 (preparation)" in body
        assert "Art. 13 + Art. 293 part 2 (preparation)" in csv_rows(client)["viniarski"]["charges"]


class TestStanding:
    def test_an_inferred_release_date_is_labelled_on_its_pages_and_in_the_csv(self, client):
        release = f.ReleaseFactory(
            title="Release of 250",
            standing=p.Standing.INFERRED,
            standing_note="inferred from the date the pardon was reported",
        )
        body = page(client, release.get_absolute_url())
        assert "date inferred: inferred from the date the pardon was reported" in body
        assert "(date inferred)" in page(client, reverse("releases:release-list"))
        export = client.get(reverse("releases:release-csv"))
        rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode())))
        assert rows[0]["released_on_standing"].startswith("inferred: ")

    def test_an_inferred_outcome_is_labelled_on_the_person_and_in_the_csv(self, client, people):
        freed = people[0]
        freed.release_outcomes.update(
            standing=p.Standing.INFERRED, standing_note="the group was taken to Lithuania"
        )
        assert "Inferred: the group was taken to Lithuania" in page(
            client, freed.get_absolute_url()
        )
        assert csv_rows(client)["freed"]["inferred_or_contested"] == (
            "release outcome inferred: the group was taken to Lithuania"
        )

    def test_an_inferred_value_without_a_reason_is_refused(self):
        from django.core.exceptions import ValidationError

        stay = f.StayFactory.build(
            person=f.PersonFactory(), facility=f.FacilityFactory(), standing=p.Standing.INFERRED
        )
        with pytest.raises(ValidationError, match="Say who inferred this"):
            stay.full_clean()

    def test_a_constructed_spelling_is_flagged_in_the_csv(self, client, people):
        f.PersonNameFactory(
            person=people[1], name="Pachobut", language="be", script="Latn", is_attested=False
        )
        assert "Pachobut [be-Latn, constructed]" in csv_rows(client)["held"]["other_names"]


def test_identity_fields_and_links_out_are_shown(client, people):
    held = people[1]
    held.patronymic, held.gender = "Stanislavavich", p.Gender.MALE
    held.save()
    p.ExternalIdentifier.private_objects.create(
        person=held, scheme="viasna", identifier="1234", url="https://prisoners.spring96.org/x"
    )
    body = page(client, held.get_absolute_url())
    assert "Stanislavavich" in body
    assert 'href="https://prisoners.spring96.org/x"' in body
    row = csv_rows(client)["held"]
    assert (row["patronymic"], row["gender"]) == ("Stanislavavich", "male")
