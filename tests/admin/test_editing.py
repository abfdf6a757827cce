"""The promises under real editorial work: no silent overwrite, nothing lost, seeding never
reverts an editor's change, deleted records come back whole, accounts have history."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from prisoners.models import Person, PersonName, Visibility
from releases.models import Release
from tests import factories as f

pytestmark = pytest.mark.django_db


def posted_values(form):
    """What a browser would post back for an unchanged form (every bound field's value)."""
    data = {}
    for name in form.fields:
        bound = form[name]
        value = bound.value()
        if value is None:
            continue
        if hasattr(bound.field.widget, "widgets"):  # a split date and time
            for index, part in enumerate(bound.field.widget.decompress(value)):
                data[f"{bound.html_name}_{index}"] = "" if part is None else str(part)
            continue
        if isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
            continue
        if isinstance(value, list | tuple):
            data[bound.html_name] = [str(getattr(item, "pk", item)) for item in value]
            continue
        data[bound.html_name] = str(getattr(value, "pk", value))
    return data


def change_form(client, url):
    """The admin change form at `url` as a browser would post it back unchanged."""
    response = client.get(url)
    assert response.status_code == 200
    data = posted_values(response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        data.update(posted_values(formset.management_form))
        for form in formset.forms:
            data.update(posted_values(form))
    return data


def person_url(person):
    return reverse("admin:prisoners_person_change", args=[person.pk])


class TestNoSilentOverwrite:
    def test_a_stale_person_form_is_refused_and_shows_both_versions(self, editor_client):
        person = f.PersonFactory(role="journalist", summary="")
        first = change_form(editor_client, person_url(person))
        second = change_form(editor_client, person_url(person))

        first["role"] = "trade union leader"
        assert editor_client.post(person_url(person), first).status_code == 302

        second["summary"] = "Arrested in 2021."
        response = editor_client.post(person_url(person), second)

        assert response.status_code == 200
        page = response.content.decode()
        assert "Someone else saved this record after you opened it" in page
        assert "saved now “trade union leader”, in your form “journalist”" in page
        person.refresh_from_db()
        assert person.role == "trade union leader"
        assert person.summary == ""

    def test_a_stale_inline_name_is_refused(self, editor_client):
        person = f.PersonFactory()
        name = f.PersonNameFactory(person=person, name="Andrzej Poczobut")
        stale = change_form(editor_client, person_url(person))
        name.name = "Andrzej Poczobut (corrected)"
        name.save()

        prefix = next(key for key, value in stale.items() if value == "Andrzej Poczobut")
        stale[prefix] = "Andrzej Poczobut"
        stale["role"] = "journalist"
        response = editor_client.post(person_url(person), stale)

        assert response.status_code == 200
        assert "Someone else saved this record" in response.content.decode()
        assert PersonName.private_objects.get(pk=name.pk).name == "Andrzej Poczobut (corrected)"
        person.refresh_from_db()
        assert person.role != "journalist"

    def test_a_stale_inline_detention_is_refused(self, editor_client):
        detention = f.DetentionFactory(place="Navapolatsk")
        person = detention.person
        stale = change_form(editor_client, person_url(person))
        detention.place = "Hlybokaye"
        detention.save()

        response = editor_client.post(person_url(person), stale)

        assert response.status_code == 200
        assert "saved now “Hlybokaye”, in your form “Navapolatsk”" in response.content.decode()
        detention.refresh_from_db()
        assert detention.place == "Hlybokaye"

    def test_a_stale_inline_citation_is_refused(self, editor_client):
        person = f.PersonFactory()
        citation = f.CitationFactory(content_object=person, title="First title")
        stale = change_form(editor_client, person_url(person))
        citation.title = "Corrected title"
        citation.save()

        response = editor_client.post(person_url(person), stale)

        assert response.status_code == 200
        citation.refresh_from_db()
        assert citation.title == "Corrected title"

    def test_a_fresh_form_saves(self, editor_client):
        person = f.PersonFactory(role="journalist")
        data = change_form(editor_client, person_url(person))
        data["role"] = "editor"
        assert editor_client.post(person_url(person), data).status_code == 302
        data = change_form(editor_client, person_url(person))
        data["role"] = "editor-in-chief"
        assert editor_client.post(person_url(person), data).status_code == 302
        person.refresh_from_db()
        assert person.role == "editor-in-chief"

    def test_a_bulk_update_makes_open_forms_stale(self, editor_client):
        person = f.PersonFactory(role="journalist")
        stale = change_form(editor_client, person_url(person))
        Person.private_objects.filter(pk=person.pk).update(role="blogger")
        response = editor_client.post(person_url(person), stale)
        assert response.status_code == 200
        person.refresh_from_db()
        assert person.role == "blogger"


class TestWithdrawal:
    """Withdrawing and restoring are publishers' work (docs/roles.md)."""

    def test_deleting_a_published_person_withdraws_them_whole(self, publisher_client):
        person = f.PersonFactory(citizenships=["BY", "PL"])
        person.occupations.add(f.OccupationFactory(name="journalist", slug="journalist"))
        f.PersonNameFactory(person=person, name="Андрэй Пачобут", language="be", script="Cyrl")
        detention = f.DetentionFactory(person=person)
        citation = f.CitationFactory(content_object=person)
        page = person.get_absolute_url()
        assert publisher_client.get(page).status_code == 200

        delete_url = reverse("admin:prisoners_person_delete", args=[person.pk])
        assert "withdraw" in publisher_client.get(delete_url).content.decode().lower()
        response = publisher_client.post(delete_url, {"post": "yes"})

        assert response.status_code == 302
        person.refresh_from_db()
        assert person.withdrawn_at is not None
        assert publisher_client.get(page).status_code == 404
        changelist = reverse("admin:prisoners_person_changelist")
        listed = publisher_client.get(changelist).context["cl"].result_list
        assert person not in listed
        listed = publisher_client.get(changelist, {"withdrawn": "yes"}).context["cl"].result_list
        assert person in listed

        publisher_client.post(
            f"{changelist}?withdrawn=yes",
            {"action": "restore_selected", "_selected_action": [person.pk]},
        )
        person.refresh_from_db()
        assert person.withdrawn_at is None
        assert publisher_client.get(page).status_code == 200
        assert person.names.get().name == "Андрэй Пачобут"
        assert [c.code for c in person.citizenships] == ["BY", "PL"]
        assert list(person.occupations.values_list("slug", flat=True)) == ["journalist"]
        assert list(person.detentions.all()) == [detention]
        assert list(person.citations.all()) == [citation]
        assert [h.history_type for h in person.history.all()[:2]] == ["~", "~"]

    def test_withdrawing_a_release_takes_its_effect_off_statuses(self, publisher_client):
        person = f.PersonFactory()
        f.DetentionFactory(person=person, detained_on=datetime.date(2021, 1, 1))
        release = f.ReleaseFactory(released_on=datetime.date(2025, 9, 11))
        f.ReleasedPersonFactory(
            release=release, person=person, outcome="deported", destination="LT"
        )
        person.refresh_from_db()
        assert person.status == "deported"

        publisher_client.post(
            reverse("admin:releases_release_delete", args=[release.pk]), {"post": "yes"}
        )

        assert Release.private_objects.filter(pk=release.pk).exists()
        assert publisher_client.get(release.get_absolute_url()).status_code == 404
        person.refresh_from_db()
        assert person.status == "held"


class TestSeeding:
    def test_seed_loads_an_empty_database_and_never_overwrites_an_edit(self):
        call_command("seed", verbosity=0)
        person = Person.private_objects.get(slug="andrzej-poczobut")
        loaded = Person.private_objects.count()
        person.role = "edited by an editor"
        person.visibility = Visibility.WITHHELD
        person.save()

        for _ in range(2):
            call_command("seed", verbosity=0)

        person.refresh_from_db()
        assert person.role == "edited by an editor"
        assert person.visibility == Visibility.WITHHELD
        assert Person.private_objects.count() == loaded

    def test_seed_gives_every_seeded_record_a_first_history_entry(self):
        call_command("seed", verbosity=0)
        person = Person.private_objects.get(slug="andrzej-poczobut")
        assert person.history.count() == 1


class TestAccountsHistory:
    def test_giving_a_user_a_group_is_in_the_history(self, admin_client, editor):
        group = Group.objects.get(name="Publishers")
        url = reverse("admin:auth_user_change", args=[editor.pk])
        data = change_form(admin_client, url)
        data["groups"] = [*data.get("groups", []), str(group.pk)]
        response = admin_client.post(url, data)
        assert response.status_code == 302, response.context["adminform"].form.errors
        latest = editor.history.first()
        assert latest.history_type == "~"
        assert group.pk in latest.groups.values_list("group_id", flat=True)
        assert not hasattr(latest, "password")


class TestClaimantChoices:
    def test_the_claimant_autocomplete_never_offers_a_withheld_person(self, editor_client):
        f.ActorFactory(display_name="Officialname Shown")
        f.PersonFactory(display_name="Officialname Hidden", visibility=Visibility.WITHHELD)
        response = editor_client.get(
            reverse("admin:autocomplete"),
            {
                "app_label": "prisoners",
                "model_name": "claim",
                "field_name": "claimed_by_person",
                "term": "Officialname",
            },
        )
        names = [result["text"] for result in response.json()["results"]]
        assert names == ["Officialname Shown"]


class TestDeletedRecords:
    def test_a_deleted_spelling_is_listed_and_reverts_from_its_history(self, editor_client):
        person = f.PersonFactory()
        name = f.PersonNameFactory(person=person, name="Андрэй Пачобут")
        name_id = name.pk
        name.delete()

        index = editor_client.get(reverse("admin:index")).content.decode()
        assert reverse("deleted-records") in index
        listing = editor_client.get(reverse("deleted-records")).content.decode()
        assert "Андрэй Пачобут" in listing
        history_url = reverse("admin:prisoners_personname_history", args=[name_id])
        assert history_url in listing

        last = PersonName.history.filter(id=name_id).first()
        revert_url = reverse(
            "admin:prisoners_personname_simple_history", args=[name_id, last.history_id]
        )
        response = editor_client.post(revert_url, change_form(editor_client, revert_url))

        assert response.status_code == 302
        assert PersonName.private_objects.get(pk=name_id).name == "Андрэй Пачобут"
        rows = editor_client.get(reverse("deleted-records")).context["rows"]
        assert history_url not in [row["url"] for row in rows]
