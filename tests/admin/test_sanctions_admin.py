"""Sanctions acts and entities in the admin: publishing is a publisher's decision, every change is
in the history, a bad date is a form error."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from ledger.roles import PUBLISHERS
from releases.models import SanctionsAct, SanctionsEntity
from tests import factories as f
from tests.admin.test_editing import change_form

pytestmark = pytest.mark.django_db


def admin_url(model, view, *args):
    return reverse(f"admin:releases_{model._meta.model_name}_{view}", args=args)


def test_publishers_may_publish_acts_and_entities():
    codenames = set(
        Group.objects.get(name=PUBLISHERS).permissions.values_list("codename", flat=True)
    )
    assert {"publish_sanctionsact", "publish_sanctionsentity"} <= codenames


@pytest.mark.parametrize(
    "model, factory, field",
    [
        (SanctionsAct, f.SanctionsActFactory, "title"),
        (SanctionsEntity, f.SanctionsEntityFactory, "name"),
    ],
)
def test_a_forged_tick_does_not_publish_and_the_change_is_recorded(
    editor_client, model, factory, field
):
    record = factory(is_published=False)
    url = admin_url(model, "change", record.pk)
    assert editor_client.get(url).context["adminform"].form.fields["is_published"].disabled
    data = {**change_form(editor_client, url), "is_published": "on", field: "Zqretitled"}
    assert editor_client.post(url, data).status_code == 302
    record.refresh_from_db()
    assert (record.is_published, getattr(record, field)) == (False, "Zqretitled")
    assert getattr(record.history.first(), field) == "Zqretitled"


def test_an_act_effective_before_it_was_issued_is_a_form_error(editor_client):
    act = f.SanctionsActFactory()
    url = admin_url(SanctionsAct, "change", act.pk)
    data = {**change_form(editor_client, url), "effective_on": "2025-01-01"}
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "cannot take effect before it was issued" in response.content.decode()
    act.refresh_from_db()
    assert act.effective_on is None
