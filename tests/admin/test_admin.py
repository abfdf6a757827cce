"""The admin is the editors' workplace: every page renders for an editor, bad input is a form
error, every change is recorded and can be reverted."""

import datetime

import pytest
from django.contrib import admin
from django.urls import reverse

from prisoners.models import Detention, Person, Verdict
from tests import factories as f

pytestmark = pytest.mark.django_db

# One instance of every registered model, built the way editors' data looks.
BUILDERS = {
    "source": f.SourceFactory,
    "citation": f.CitationFactory,
    "claim": f.ClaimFactory,
    "occupation": f.OccupationFactory,
    "person": f.PersonFactory,
    "personname": f.PersonNameFactory,
    "detention": f.DetentionFactory,
    "verdict": f.VerdictFactory,
    "charge": f.ChargeFactory,
    "facility": f.FacilityFactory,
    "stay": f.StayFactory,
    "recognition": f.RecognitionFactory,
    "externalidentifier": f.ExternalIdentifierFactory,
    "release": f.ReleaseFactory,
    "releasedperson": f.ReleasedPersonFactory,
    "reportedbreakdown": f.ReportedBreakdownFactory,
    "notableomission": f.NotableOmissionFactory,
    "deal": f.DealFactory,
    "concession": f.ConcessionFactory,
    "sanctionsact": f.SanctionsActFactory,
    "sanctionsentity": f.SanctionsEntityFactory,
}
REGISTERED = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model in admin.site._registry
    if model._meta.app_label in {"prisoners", "releases"}
)


def test_every_domain_model_is_registered():
    assert {name for _, name in REGISTERED} == set(BUILDERS)


@pytest.mark.parametrize(("app_label", "model_name"), REGISTERED)
def test_changelist_add_change_and_history_pages_render_for_an_editor(
    editor_client, app_label, model_name
):
    obj = BUILDERS[model_name]()
    for view, args in [
        ("changelist", []),
        ("add", []),
        ("change", [obj.pk]),
        ("history", [obj.pk]),
    ]:
        url = reverse(f"admin:{app_label}_{model_name}_{view}", args=args)
        response = editor_client.get(url)
        assert response.status_code == 200, url
    search = editor_client.get(reverse(f"admin:{app_label}_{model_name}_changelist"), {"q": "a"})
    assert search.status_code == 200


def test_person_search_finds_other_spellings(editor_client):
    person = f.PersonFactory(display_name="Andrzej Poczobut")
    f.PersonNameFactory(person=person, name="Андрэй Пачобут", language="be", script="Cyrl")
    response = editor_client.get(reverse("admin:prisoners_person_changelist"), {"q": "Пачобут"})
    assert "Andrzej Poczobut" in response.content.decode()


def test_constraint_violation_is_a_form_error_not_a_500(editor_client):
    """A verdict dated before the arrest, entered with its detention: the row says why."""
    person = f.PersonFactory()
    response = editor_client.post(
        reverse("admin:prisoners_detention_add"),
        {
            "person": person.pk,
            "detained_on": "2021-03-25",
            "detained_on_precision": "day",
            "country": "BY",
            "standing": "reported",
            "ended_on_precision": "day",
            "verdicts-TOTAL_FORMS": "1",
            "verdicts-INITIAL_FORMS": "0",
            "verdicts-0-kind": "first_instance",
            "verdicts-0-decided_on": "2020-01-01",
            "verdicts-0-decided_on_precision": "day",
            "verdicts-0-sentence_months": "96",
            "verdicts-0-standing": "reported",
            **f.empty_inline_management_data(
                "charges", "prisoners-citation-content_type-object_id"
            ),
        },
    )
    assert response.status_code == 200
    assert "A decision cannot come before the arrest." in response.content.decode()
    assert not Detention.private_objects.exists()
    assert not Verdict.private_objects.exists()


def test_changes_are_recorded_with_who_and_can_be_reverted(editor_client, editor):
    person = f.PersonFactory(role="journalist")
    person.role = "journalist and activist"
    person._change_reason = "test edit"
    url = reverse("admin:prisoners_person_change", args=[person.pk])
    form = editor_client.get(url).context["adminform"].form
    data = {
        key: value
        for key, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    data.update(
        {
            "display_name": person.display_name,
            "slug": person.slug,
            "kind": person.kind,
            "visibility": person.visibility,
            "role": "journalist and activist",
            "citizenships": ["BY"],
            "birth_date_precision": "day",
            "died_on_precision": "day",
        }
    )
    inlines = editor_client.get(url).context["inline_admin_formsets"]
    data.update(f.empty_inline_management_data(*(inline.formset.prefix for inline in inlines)))
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    person.refresh_from_db()
    assert person.role == "journalist and activist"
    latest = person.history.first()
    assert latest.history_user == editor
    assert person.history.count() == 2

    original = person.history.last()
    revert_url = reverse(
        "admin:prisoners_person_simple_history", args=[person.pk, original.history_id]
    )
    assert editor_client.get(revert_url).status_code == 200


def test_editors_group_cannot_manage_users(editor_client):
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_deleting_a_person_keeps_their_history():
    person = f.PersonFactory()
    person_id = person.pk
    person.delete()
    assert not Person.private_objects.filter(pk=person_id).exists()
    assert Person.history.filter(id=person_id, history_type="-").exists()


def test_history_records_detention_and_verdict_changes():
    detention = f.DetentionFactory(sentence_months=None)
    detention.place = "Minsk"
    detention.save()
    verdict = f.VerdictFactory(detention=detention, decided_on=None)
    verdict.decided_on = datetime.date(2023, 2, 8)
    verdict.save()
    assert detention.history.count() == 2
    assert verdict.history.count() == 2
    assert verdict.history.first().decided_on == datetime.date(2023, 2, 8)
