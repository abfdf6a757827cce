"""The admin as an editor enters the deeper record: verdicts on a detention, stays, recognitions
and identifiers on a person, facilities. Derived values follow what is saved; a rule the database
keeps (an inferred value needs its note) is a form error in words, never a 500."""

import datetime
import html

import pytest
from django.contrib import admin
from django.db.models import ManyToManyField
from django.urls import reverse

from prisoners.models import (
    DatePrecision,
    Detention,
    ExternalIdentifier,
    Facility,
    Recognition,
    Standing,
    Status,
    Stay,
    Verdict,
)
from releases.models import Release
from tests import factories as f

pytestmark = pytest.mark.django_db

NOTE_NEEDED = "Say who inferred this and from what, or how the sources disagree."


def posted_values(form):
    """What a browser posts back for a form left as it is."""
    data = {}
    for name in form.fields:
        bound = form[name]
        value = bound.value()
        if value is None:
            continue
        if isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(getattr(item, "pk", item)) for item in value]
        else:
            data[bound.html_name] = str(getattr(value, "pk", value))
    return data


def change_form_data(client, url):
    """The admin page at `url` as a browser would post it back unchanged, inlines included."""
    response = client.get(url)
    assert response.status_code == 200
    data = posted_values(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        data.update(posted_values(inline.formset.management_form))
        for form in inline.formset.forms:
            data.update(posted_values(form))
    return data


def add_inline_row(data, prefix, values):
    """Add one filled row to the inline `prefix`, as the admin's "Add another" does."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    data.update({f"{prefix}-{index}-{name}": value for name, value in values.items()})
    return data


def person_url(person):
    return reverse("admin:prisoners_person_change", args=[person.pk])


def detention_url(detention):
    return reverse("admin:prisoners_detention_change", args=[detention.pk])


# Verdicts on a detention's page


def test_an_added_sentence_entered_on_the_detention_lengthens_its_term(editor_client):
    detention = f.DetentionFactory(sentence_months=96)
    assert detention.term_months == 96
    data = change_form_data(editor_client, detention_url(detention))
    add_inline_row(
        data,
        "verdicts",
        {
            "kind": "added",
            "court": "Navapolatsk District Court",
            "decided_on": "2023-06-01",
            "decided_on_precision": "month",
            "sentence_months": "12",
            "sentence_kind": "penal_colony",
            "standing": "reported",
        },
    )
    response = editor_client.post(detention_url(detention), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    detention.refresh_from_db()
    assert detention.term_months == 108
    added = detention.verdicts.get(kind="added")
    assert (added.decided_on, added.decided_on_precision) == (
        datetime.date(2023, 6, 1),
        DatePrecision.MONTH,
    )
    listed = editor_client.get(reverse("admin:prisoners_detention_changelist"))
    assert '<td class="field-term_months">108</td>' in listed.content.decode()


def test_an_appeal_entered_on_the_detention_sets_the_term(editor_client):
    detention = f.DetentionFactory(sentence_months=96)
    data = change_form_data(editor_client, detention_url(detention))
    add_inline_row(
        data,
        "verdicts",
        {
            "kind": "appeal",
            "decided_on": "2022-02-08",
            "decided_on_precision": "day",
            "sentence_months": "84",
            "standing": "reported",
        },
    )
    assert editor_client.post(detention_url(detention), data).status_code == 302
    detention.refresh_from_db()
    assert detention.term_months == 84


def test_the_detention_page_has_verdict_and_charge_rows_with_the_new_fields(editor_client):
    detention = f.DetentionFactory(sentence_months=None)
    response = editor_client.get(detention_url(detention))
    formsets = {i.formset.prefix: i.formset for i in response.context["inline_admin_formsets"]}
    verdicts, charges = formsets["verdicts"], formsets["charges"]
    assert set(verdicts.form.base_fields) >= {
        "kind",
        "court",
        "decided_on",
        "decided_on_precision",
        "sentence_months",
        "sentence_kind",
        "regime",
        "standing",
        "standing_note",
        "notes",
    }
    assert set(charges.form.base_fields) >= {
        "code",
        "article",
        "part",
        "qualifier",
        "qualifier_article",
        "stage",
        "description",
    }
    assert len(verdicts.forms) == 1, "a blank row is ready for the first verdict"
    assert verdicts.forms[0]["kind"].value() == "first_instance"
    assert "term_months" not in response.context["adminform"].form.fields, "derived, not typed"


# Stays, recognitions and identifiers on a person's page


def test_a_stay_entered_on_the_person_dates_their_status(editor_client):
    detention = f.DetentionFactory(sentence_months=96)
    person = detention.person
    person.refresh_from_db()
    assert (person.status, person.status_as_of) == (Status.HELD, datetime.date(2021, 3, 25))
    facility = f.FacilityFactory(name="Penal colony No. 1", town="Navapolatsk")
    data = change_form_data(editor_client, person_url(person))
    add_inline_row(
        data,
        "stays",
        {
            "facility": str(facility.pk),
            "from_on_precision": "day",
            "until_on_precision": "day",
            "reported_on": "2025-11-01",
            "reported_on_precision": "month",
            "standing": "reported",
        },
    )
    response = editor_client.post(person_url(person), data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.status_as_of, person.status_as_of_precision) == (
        datetime.date(2025, 11, 1),
        DatePrecision.MONTH,
    )
    assert person.stays.get().facility == facility
    page = editor_client.get(person_url(person)).content.decode()
    assert "Nov. 1, 2025" in page, "the derived date is shown"
    assert 'name="status_as_of"' not in page, "and cannot be typed"


def test_a_new_stay_is_reported_unless_the_editor_says_otherwise(editor_client):
    person = f.PersonFactory()
    response = editor_client.get(person_url(person))
    formsets = {i.formset.prefix: i.formset for i in response.context["inline_admin_formsets"]}
    assert formsets["stays"].empty_form["standing"].value() == Standing.REPORTED


def test_recognitions_and_identifiers_are_entered_on_the_person(editor_client):
    person = f.PersonFactory()
    data = change_form_data(editor_client, person_url(person))
    add_inline_row(
        data,
        "recognitions",
        {
            "recogniser": "viasna",
            "recognised_on": "2021-04-01",
            "recognised_on_precision": "month",
            "withdrawn_on_precision": "day",
            "standing": "reported",
        },
    )
    add_inline_row(data, "external_ids", {"scheme": "viasna", "identifier": "1234"})
    assert editor_client.post(person_url(person), data).status_code == 302
    recognition = Recognition.private_objects.get(person=person)
    assert (recognition.recogniser, recognition.recognised_on_precision) == ("viasna", "month")
    assert ExternalIdentifier.private_objects.get(person=person).identifier == "1234"


def test_an_identifier_of_another_person_is_a_form_error(editor_client):
    f.ExternalIdentifierFactory(scheme="viasna", identifier="1234")
    person = f.PersonFactory()
    data = change_form_data(editor_client, person_url(person))
    add_inline_row(data, "external_ids", {"scheme": "viasna", "identifier": "1234"})
    response = editor_client.post(person_url(person), data)
    assert response.status_code == 200
    assert "Another person already has this identifier in this database" in (
        response.content.decode()
    )
    assert not person.external_ids.exists()


def test_the_person_page_has_identity_and_derived_fields(editor_client):
    person = f.PersonFactory(patronymic="Viktaravich", gender="male")
    response = editor_client.get(person_url(person))
    identity = next(
        fieldset for fieldset in response.context["adminform"] if fieldset.name == "Identity"
    )
    fields = [field.field.name for line in identity for field in line]
    assert fields[:2] == ["patronymic", "gender"]
    page = response.content.decode()
    assert 'value="Viktaravich"' in page
    for derived in ["status", "status_country", "status_since", "status_as_of"]:
        assert f'name="{derived}"' not in page
        assert f"field-{derived}" in page


# An inferred or contested value without its note


def stay_row(data, standing, note):
    facility = f.FacilityFactory()
    return add_inline_row(
        data,
        "stays",
        {
            "facility": str(facility.pk),
            "from_on_precision": "day",
            "until_on_precision": "day",
            "reported_on": "2025-03-27",
            "reported_on_precision": "day",
            "standing": standing,
            "standing_note": note,
        },
    )


@pytest.mark.parametrize("standing", [Standing.INFERRED, Standing.CONTESTED])
def test_an_inferred_stay_without_a_note_is_a_form_error(editor_client, standing):
    person = f.PersonFactory()
    data = stay_row(change_form_data(editor_client, person_url(person)), standing, "")
    response = editor_client.post(person_url(person), data)
    assert response.status_code == 200
    assert NOTE_NEEDED in response.content.decode()
    assert not Stay.private_objects.exists()


def test_an_inferred_stay_with_its_note_saves(editor_client):
    person = f.PersonFactory()
    data = stay_row(
        change_form_data(editor_client, person_url(person)),
        Standing.INFERRED,
        "Editors: the colony named in his letters of March 2025.",
    )
    assert editor_client.post(person_url(person), data).status_code == 302
    assert Stay.private_objects.get(person=person).standing == Standing.INFERRED


def test_an_inferred_detention_without_a_note_is_a_form_error(editor_client):
    detention = f.DetentionFactory()
    data = change_form_data(editor_client, detention_url(detention))
    data["standing"] = Standing.INFERRED
    response = editor_client.post(detention_url(detention), data)
    assert response.status_code == 200
    assert NOTE_NEEDED in response.content.decode()
    detention.refresh_from_db()
    assert detention.standing == Standing.REPORTED


def test_an_inferred_verdict_without_a_note_is_a_form_error(editor_client):
    detention = f.DetentionFactory(sentence_months=96)
    data = change_form_data(editor_client, detention_url(detention))
    add_inline_row(
        data,
        "verdicts",
        {
            "kind": "added",
            "decided_on_precision": "day",
            "sentence_months": "12",
            "standing": "inferred",
        },
    )
    response = editor_client.post(detention_url(detention), data)
    assert response.status_code == 200
    assert NOTE_NEEDED in response.content.decode()
    assert Verdict.private_objects.count() == 1
    detention.refresh_from_db()
    assert detention.term_months == 96


def test_an_inferred_release_date_without_a_note_is_a_form_error(editor_client):
    url = reverse("admin:releases_release_add")
    data = change_form_data(editor_client, url)
    data.update(
        {
            "title": "Release of 250 prisoners, March 2026",
            "slug": "release-march-2026",
            "released_on": "2026-03-19",
            "released_on_precision": "day",
            "kind": "pardon",
            "releasing_state": "BY",
            "standing": "inferred",
            "standing_note": "",
        }
    )
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert NOTE_NEEDED in response.content.decode()
    assert not Release.private_objects.exists()

    data["standing_note"] = "Editors: the day the pardon decree was reported."
    assert editor_client.post(url, data).status_code == 302
    release = Release.private_objects.get()
    assert (release.kind, release.standing) == ("pardon", Standing.INFERRED)


def test_a_freed_persons_row_shows_its_standing(editor_client):
    release = f.ReleaseFactory()
    response = editor_client.get(reverse("admin:releases_release_change", args=[release.pk]))
    formsets = {i.formset.prefix: i.formset for i in response.context["inline_admin_formsets"]}
    assert {"standing", "standing_note"} <= set(formsets["freed"].form.base_fields)
    assert {"kind", "standing", "standing_note"} <= set(response.context["adminform"].form.fields)


# Facilities and the other new admins


def test_a_facility_is_added_and_changed_in_the_admin(editor_client):
    add_url = reverse("admin:prisoners_facility_add")
    data = change_form_data(editor_client, add_url)
    data.update(
        {
            "name": "Penal colony No. 1",
            "slug": "penal-colony-no-1-navapolatsk",
            "kind": "penal_colony",
            "town": "Navapolatsk",
            "country": "BY",
            "postal_address": "211440, г. Новополоцк, ИК-1",
        }
    )
    assert editor_client.post(add_url, data).status_code == 302
    facility = Facility.private_objects.get()
    change = editor_client.get(reverse("admin:prisoners_facility_change", args=[facility.pk]))
    assert change.status_code == 200
    assert "211440, г. Новополоцк, ИК-1" in change.content.decode()
    listed = editor_client.get(reverse("admin:prisoners_facility_changelist"), {"q": "Navapol"})
    assert "Penal colony No. 1" in listed.content.decode()


def test_a_second_recognition_by_the_same_body_is_a_form_error(editor_client):
    existing = f.RecognitionFactory(recogniser="viasna")
    url = reverse("admin:prisoners_recognition_add")
    data = change_form_data(editor_client, url)
    data.update(
        {
            "person": str(existing.person.pk),
            "recogniser": "viasna",
            "recognised_on_precision": "day",
            "withdrawn_on_precision": "day",
            "standing": "reported",
        }
    )
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "This body's recognition of this person is already recorded" in html.unescape(
        response.content.decode()
    )
    assert Recognition.private_objects.count() == 1


@pytest.mark.parametrize(
    "model_name", ["verdict", "facility", "stay", "recognition", "externalidentifier"]
)
def test_the_new_admins_search_their_lists(editor_client, model_name):
    url = reverse(f"admin:prisoners_{model_name}_changelist")
    assert editor_client.get(url, {"q": "colony"}).status_code == 200


def test_every_editable_field_is_on_its_admin_form(editor_client):
    """A field left out of a fieldset cannot be entered at all: each one is on the form."""
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in {"prisoners", "releases"}:
            continue
        request = editor_client.get(reverse("admin:index")).wsgi_request
        form_fields = set(model_admin.get_form(request).base_fields)
        editable = {
            field.name
            for field in model._meta.get_fields()
            if getattr(field, "editable", False)
            and (field.concrete or isinstance(field, ManyToManyField))
            and not field.auto_created
        }
        missing = editable - form_fields
        assert not missing, f"{model._meta.label}: {sorted(missing)} not on the admin form"


def test_verdicts_inline_refuses_a_stale_row(editor_client):
    """Optimistic locking holds for the new inlines too."""
    detention = f.DetentionFactory(sentence_months=96)
    stale = change_form_data(editor_client, detention_url(detention))
    verdict = detention.verdicts.get()
    verdict.court = "Hrodna Regional Court"
    verdict.save()
    assert stale["verdicts-0-id"] == str(verdict.pk)
    stale["verdicts-0-court"] = "Minsk City Court"
    response = editor_client.post(detention_url(detention), stale)
    assert response.status_code == 200
    assert "Someone else saved this record" in response.content.decode()
    verdict.refresh_from_db()
    assert verdict.court == "Hrodna Regional Court"
    assert Detention.private_objects.get().term_months == 96


def test_a_stay_that_ends_before_it_began_is_a_form_error(editor_client):
    person, facility = f.PersonFactory(), f.FacilityFactory()
    url = reverse("admin:prisoners_stay_add")
    data = change_form_data(editor_client, url)
    data.update(
        {
            "person": str(person.pk),
            "facility": str(facility.pk),
            "from_on": "2025-05-01",
            "from_on_precision": "day",
            "until_on": "2025-01-01",
            "until_on_precision": "day",
            "reported_on_precision": "day",
            "standing": "reported",
        }
    )
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "A stay cannot end before it began." in response.content.decode()
    assert not Stay.private_objects.exists()
