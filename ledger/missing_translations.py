"""The admin's "Missing translations" page: records whose text a reader sees in English on a
Belarusian, Russian or Polish page because its version in that language is empty.

Every model with texts written per language (ledger.translated_text) is read, so a field added
later is listed without a change here. A record is listed once, with the fields and languages it
lacks, and links to its change form, where the versions stand side by side.
"""

from django.contrib import admin
from django.db.models import Q
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse

from ledger.translated_text import TRANSLATED_LANGUAGES, in_every_language

PER_MODEL = 200


def translated_fields(model) -> list[str]:
    names = {field.name for field in model._meta.fields}
    return [
        field.name
        for field in model._meta.fields
        if all(copy in names for copy in in_every_language(field.name)[1:])
    ]


def missing_rows(request, language: str | None = None):
    """{kind, label, missing: [(field, languages)], url} of each record lacking a translation
    (in `language` only, when given), per model the admin shows and the editor may view."""
    languages = [language] if language in TRANSLATED_LANGUAGES else list(TRANSLATED_LANGUAGES)
    rows = []
    for model, model_admin in admin.site._registry.items():
        fields = translated_fields(model)
        if not fields or not model_admin.has_view_permission(request):
            continue
        lacking = Q()
        for name in fields:
            for code in languages:
                lacking |= ~Q(**{name: ""}) & Q(**{f"{name}_{code}": ""})
        wanted = [copy for name in fields for copy in in_every_language(name)]
        records = model._default_manager.filter(lacking).order_by("pk")[:PER_MODEL]
        for record in records.only("pk", *wanted):
            missing = [
                (name, [c for c in languages if not getattr(record, f"{name}_{c}")])
                for name in fields
                if getattr(record, name)
            ]
            try:
                url = reverse(
                    f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
                    args=[record.pk],
                )
            except NoReverseMatch:
                url = ""
            rows.append(
                {
                    "kind": model._meta.verbose_name,
                    "label": str(getattr(record, fields[0]))[:80],
                    "missing": [(name, codes) for name, codes in missing if codes],
                    "url": url,
                }
            )
    return rows


def missing_translations_view(request):
    language = request.GET.get("language")
    context = {
        **admin.site.each_context(request),
        "title": "Missing translations",
        "rows": missing_rows(request, language),
        "languages": TRANSLATED_LANGUAGES,
        "language": language if language in TRANSLATED_LANGUAGES else "",
    }
    return TemplateResponse(request, "admin/missing_translations.html", context)
