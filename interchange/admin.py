"""The people import and export in the admin (People → Import, Export).

`prisoners.admin.PersonAdmin` is the record's own admin and knows nothing of files; the import,
which reads records of both apps and lives above them, adds its buttons by registering a subclass
in its place (this module is autodiscovered after `prisoners.admin`).
"""

from django.contrib import admin

from interchange.caseload.admin_views import CaseloadAdminMixin
from interchange.curation.admin import merge_selected_people
from interchange.people_import.admin_views import CheckedImportExportMixin
from interchange.people_import.resources import PersonResource
from prisoners.admin.people import PersonAdmin
from prisoners.admin.withheld import withheld_hidden_from
from prisoners.models import Person

admin.site.unregister(Person)


@admin.register(Person)
class PersonImportExportAdmin(CaseloadAdminMixin, CheckedImportExportMixin, PersonAdmin):
    resource_classes = [PersonResource]
    # The merge reads and moves rows of both apps, so it is offered here, above both.
    actions = [*PersonAdmin.actions, merge_selected_people]

    def get_data_for_export(self, request, queryset, **kwargs):
        # Withheld people are exported only to whoever may see them (prisoners.admin.withheld).
        queryset = withheld_hidden_from(request, queryset)
        return super().get_data_for_export(request, queryset, **kwargs)
