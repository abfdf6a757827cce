"""Slugs left empty in the admin are made on the server (see `ledger.slugs`)."""

from ledger.slugs import unique_slug


class SlugFromNameMixin:
    """Replaces `prepopulated_fields` for slugs: the field may be left empty, and the save fills
    it from the Latin transliteration of `slug_from`, unique among the model's records."""

    slug_from: list[str] = []

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        field = form.base_fields.get("slug")
        if field is not None:
            field.required = False
            field.help_text = (
                f"{field.help_text} Leave empty to have it made from the Latin "
                f"transliteration of the {' and '.join(self.slug_from)}."
            )
        return form

    def save_model(self, request, obj, form, change):
        if not obj.slug:
            name = " ".join(str(getattr(obj, field) or "") for field in self.slug_from)
            obj.slug = unique_slug(type(obj), name, exclude_pk=obj.pk)
        super().save_model(request, obj, form, change)
