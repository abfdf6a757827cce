"""Admin widgets that fit the record: countries from a filtered list, forms in 1,280 px."""

from django.contrib.admin.widgets import FilteredSelectMultiple
from django_countries.fields import CountryField

from ledger.translated_text import in_every_language


class EditorFriendlyFormsMixin:
    """For the admins of records with several countries (people, releases, deals): each
    multi-country field is picked through the admin's filtered two-box selector (type to
    filter, click to add) instead of a 250-item Ctrl-click list; and the admin's stylesheet
    keeps tabular inlines inside a 1,280 px window (static/css/admin-forms.css)."""

    class Media:
        css = {"all": ["css/admin-forms.css"]}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, CountryField) and db_field.multiple:
            kwargs["widget"] = FilteredSelectMultiple(db_field.verbose_name, is_stacked=False)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


def translations_fieldset(*field_names):
    """The fieldset of a form's texts in Belarusian, Russian and Polish
    (ledger.translated_text), under the English ones."""
    return (
        "In Belarusian, Russian and Polish",
        {
            "fields": [
                translation for name in field_names for translation in in_every_language(name)[1:]
            ],
            "description": "Pages in each language show the text in that language; while one "
            "is empty, they show the English text, marked as English.",
        },
    )
