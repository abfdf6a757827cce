"""The three roles (docs/roles.md): editors add and change but neither delete nor publish;
publishers publish, withhold, withdraw and restore; administrators do everything, users included.
No role hard-deletes a person, release or deal through the admin: it is withdrawn."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from ledger.withdrawal import withdraw
from prisoners.models import Person, PersonName, Visibility
from releases.models import Deal, Release
from tests import factories as f
from tests.admin.test_editing import change_form

pytestmark = pytest.mark.django_db

PUBLISHED_MODELS = {
    "person": (Person, f.PersonFactory),
    "release": (Release, f.ReleaseFactory),
    "deal": (Deal, f.DealFactory),
}


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def codenames(group_name):
    return set(Group.objects.get(name=group_name).permissions.values_list("codename", flat=True))


class TestGroups:
    def test_editors_add_and_change_but_never_delete_or_publish(self):
        editors = codenames("Editors")
        assert {"add_person", "change_person", "change_release", "add_citation"} <= editors
        assert {"view_historicalperson", "view_deal"} <= editors
        assert not {name for name in editors if name.startswith(("delete_", "publish_"))}
        assert "add_user" not in editors

    def test_publishers_also_publish_and_delete_parts_of_a_record(self):
        publishers = codenames("Publishers")
        assert codenames("Editors") < publishers
        assert {"publish_person", "publish_release", "publish_deal"} <= publishers
        assert {"delete_personname", "delete_citation", "delete_person"} <= publishers
        assert not {"add_user", "change_group", "change_historicalperson"} & publishers

    def test_administrators_hold_every_permission(self):
        assert codenames("Administrators") == set(
            Permission.objects.values_list("codename", flat=True)
        )


class TestEditor:
    def test_a_new_person_can_only_be_a_draft(self, editor_client):
        form = editor_client.get(admin_url(Person, "add")).context["adminform"].form
        assert [value for value, _ in form.fields["visibility"].choices] == [Visibility.DRAFT]

    def test_a_forged_post_publishing_a_draft_is_refused_and_nothing_is_saved(self, editor_client):
        person = f.PersonFactory(visibility=Visibility.DRAFT, role="journalist")
        url = admin_url(Person, "change", person.pk)
        data = change_form(editor_client, url)
        data.update(visibility=Visibility.PUBLISHED, role="changed too")
        response = editor_client.post(url, data)
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors["visibility"]
        assert errors == [
            "Only a publisher can publish, withhold, withdraw or restore people. Nothing was "
            "saved: this person stays as it is (Draft: not public). Save your other changes "
            "without that one, and ask a publisher."
        ]
        person.refresh_from_db()
        assert (person.visibility, person.role) == (Visibility.DRAFT, "journalist")

    @pytest.mark.parametrize("visibility", [Visibility.PUBLISHED, Visibility.WITHHELD])
    def test_a_forged_post_adding_a_public_person_creates_nothing(self, editor_client, visibility):
        data = change_form(editor_client, admin_url(Person, "add"))
        data.update(display_name="Forged Person", slug="forged", visibility=visibility)
        response = editor_client.post(admin_url(Person, "add"), data)
        assert response.status_code == 200
        assert "visibility" in response.context["adminform"].form.errors
        assert not Person.private_objects.filter(slug="forged").exists()

    def test_an_editor_unpublishing_a_person_is_refused(self, editor_client):
        person = f.PersonFactory(visibility=Visibility.PUBLISHED)
        url = admin_url(Person, "change", person.pk)
        data = {**change_form(editor_client, url), "visibility": Visibility.DRAFT}
        assert editor_client.post(url, data).status_code == 200
        person.refresh_from_db()
        assert person.visibility == Visibility.PUBLISHED

    def test_an_editor_still_changes_a_published_person(self, editor_client):
        person = f.PersonFactory(visibility=Visibility.PUBLISHED, role="journalist")
        url = admin_url(Person, "change", person.pk)
        data = {**change_form(editor_client, url), "role": "editor-in-chief"}
        assert editor_client.post(url, data).status_code == 302
        person.refresh_from_db()
        assert (person.visibility, person.role) == (Visibility.PUBLISHED, "editor-in-chief")

    @pytest.mark.parametrize("name", ["release", "deal"])
    def test_a_forged_tick_does_not_publish_a_release_or_deal(self, editor_client, name):
        model, factory = PUBLISHED_MODELS[name]
        record = factory(is_published=False)
        url = admin_url(model, "change", record.pk)
        form = editor_client.get(url).context["adminform"].form
        assert form.fields["is_published"].disabled
        data = {**change_form(editor_client, url), "is_published": "on", "title": "Retitled"}
        assert editor_client.post(url, data).status_code == 302
        record.refresh_from_db()
        assert (record.is_published, record.title) == (False, "Retitled")

    def test_a_revert_to_a_published_version_is_refused(self, editor_client):
        person = f.PersonFactory(visibility=Visibility.PUBLISHED)
        published = person.history.first()
        person.visibility = Visibility.DRAFT  # a publisher took them off the site
        person.save()
        url = admin_url(Person, "simple_history", person.pk, published.history_id)
        response = editor_client.post(url, change_form(editor_client, url))
        assert response.status_code == 200
        person.refresh_from_db()
        assert person.visibility == Visibility.DRAFT

    def test_a_revert_to_before_a_withdrawal_is_refused(self, editor_client):
        release = f.ReleaseFactory()
        before = release.history.first()
        withdraw(release)
        url = admin_url(Release, "simple_history", release.pk, before.history_id)
        response = editor_client.post(url, change_form(editor_client, url))
        assert response.status_code == 200
        assert "Only a publisher" in response.content.decode()
        release.refresh_from_db()
        assert release.withdrawn_at is not None

    @pytest.mark.parametrize("name", PUBLISHED_MODELS)
    def test_an_editor_can_neither_withdraw_nor_restore(self, editor_client, name):
        model, factory = PUBLISHED_MODELS[name]
        record, withdrawn = factory(), factory()
        withdraw(withdrawn)
        delete_url = admin_url(model, "delete", record.pk)
        assert editor_client.get(delete_url).status_code == 403
        assert editor_client.post(delete_url, {"post": "yes"}).status_code == 403
        changelist = admin_url(model, "changelist")
        form = editor_client.get(changelist).context["action_form"]
        offered = [] if form is None else [value for value, _ in form.fields["action"].choices]
        # No withdrawing or restoring action; editors merge people (docs/editing.md).
        assert [value for value in offered if value] == (
            ["merge_selected_people"] if model is Person else []
        )
        for action, pk in [("delete_selected", record.pk), ("restore_selected", withdrawn.pk)]:
            data = {"action": action, "_selected_action": [pk], "post": "yes"}
            editor_client.post(f"{changelist}?withdrawn=all", data)
        record.refresh_from_db()
        withdrawn.refresh_from_db()
        assert record.withdrawn_at is None
        assert withdrawn.withdrawn_at is not None

    def test_an_editor_cannot_delete_a_spelling_by_a_forged_inline_post(self, editor_client):
        person = f.PersonFactory()
        name = f.PersonNameFactory(person=person, name="Андрэй Пачобут")
        url = admin_url(Person, "change", person.pk)
        data = change_form(editor_client, url)
        data["names-0-DELETE"] = "on"
        assert editor_client.post(url, data).status_code == 302
        assert PersonName.private_objects.filter(pk=name.pk).exists()

    def test_the_admin_refuses_a_publication_that_got_past_the_form(self, editor):
        person = f.PersonFactory(visibility=Visibility.DRAFT)
        person.visibility = Visibility.PUBLISHED
        request = RequestFactory().post("/")
        request.user = editor
        with pytest.raises(PermissionDenied):
            admin.site._registry[Person].save_model(request, person, None, True)
        person.refresh_from_db()
        assert person.visibility == Visibility.DRAFT


class TestEditorImport:
    HEADER = "slug,display_name,visibility\n"

    def preview(self, client, settings, tmp_path, rows):
        settings.IMPORT_TMP_DIR = str(tmp_path)
        upload = SimpleUploadedFile("people.csv", (self.HEADER + rows).encode())
        response = client.post(
            reverse("admin:prisoners_person_import"),
            {"import_file": upload, "format": "0", "resource": "0"},
        )
        return response.context["result"]

    def test_an_editor_cannot_import_a_published_or_withheld_person(
        self, editor_client, settings, tmp_path
    ):
        f.PersonFactory(slug="draft-one", visibility=Visibility.DRAFT)
        rows = "new-one,New One,published\ndraft-one,,withheld\nnew-two,New Two,draft\n"
        result = self.preview(editor_client, settings, tmp_path, rows)
        errors = {row.number: row.error_dict for row in result.invalid_rows}
        assert sorted(errors) == [1, 2]
        assert errors[1]["visibility"] == [
            "Only a publisher can make a person 'published': this person is 'draft'. Write "
            "'draft' or leave the cell empty, and ask a publisher."
        ]
        assert not Person.private_objects.filter(slug__in=["new-one", "new-two"]).exists()

    def test_a_publisher_imports_published_people(self, publisher_client, settings, tmp_path):
        result = self.preview(publisher_client, settings, tmp_path, "new-one,New One,published\n")
        assert not result.has_validation_errors()
        assert [row.import_type for row in result.valid_rows()] == ["new"]


class TestPublisher:
    def test_a_publisher_publishes_and_withholds(self, publisher_client):
        person = f.PersonFactory(visibility=Visibility.DRAFT)
        url = admin_url(Person, "change", person.pk)
        for visibility in (Visibility.PUBLISHED, Visibility.WITHHELD):
            data = {**change_form(publisher_client, url), "visibility": visibility}
            assert publisher_client.post(url, data).status_code == 302
            person.refresh_from_db()
            assert person.visibility == visibility

    def test_a_publisher_publishes_a_release(self, publisher_client):
        release = f.ReleaseFactory(is_published=False)
        url = admin_url(Release, "change", release.pk)
        data = {**change_form(publisher_client, url), "is_published": "on"}
        assert publisher_client.post(url, data).status_code == 302
        release.refresh_from_db()
        assert release.is_published

    def test_a_publisher_cannot_manage_users(self, publisher_client):
        assert publisher_client.get(reverse("admin:auth_user_changelist")).status_code == 403


class TestAdministrator:
    def test_an_administrator_manages_users_and_groups(self, administrator_client):
        for name in ("user", "group"):
            url = reverse(f"admin:auth_{name}_add")
            assert administrator_client.get(url).status_code == 200


@pytest.mark.parametrize("who", ["publisher_client", "administrator_client", "admin_client"])
@pytest.mark.parametrize("name", PUBLISHED_MODELS)
class TestNothingPublishedIsHardDeleted:
    def test_the_delete_page_withdraws_and_restore_brings_it_back(self, request, who, name):
        client = request.getfixturevalue(who)
        model, factory = PUBLISHED_MODELS[name]
        record = factory()
        response = client.post(admin_url(model, "delete", record.pk), {"post": "yes"})
        assert response.status_code == 302
        shown = client.get(response["Location"]).content.decode()
        assert "was withdrawn" in shown and "deleted successfully" not in shown
        record.refresh_from_db()  # the row is still there
        assert record.withdrawn_at is not None and record.history.first().history_type == "~"
        changelist = admin_url(model, "changelist")
        data = {"action": "restore_selected", "_selected_action": [record.pk]}
        client.post(f"{changelist}?withdrawn=yes", data)
        record.refresh_from_db()
        assert record.withdrawn_at is None

    def test_the_bulk_delete_withdraws(self, request, who, name):
        client = request.getfixturevalue(who)
        model, factory = PUBLISHED_MODELS[name]
        records = [factory(), factory()]
        data = {"action": "delete_selected", "_selected_action": [r.pk for r in records]}
        data["post"] = "yes"
        assert client.post(admin_url(model, "changelist"), data).status_code == 302
        assert model.private_objects.filter(pk__in=[r.pk for r in records]).count() == 2
        assert not model.private_objects.filter(withdrawn_at__isnull=True).exists()
