"""Making the OpenAPI schema say exactly what each list accepts.

drf-spectacular leaves a filter whose choices come from the database (the releases in the
"release" filter, the occupations, the years) as a plain string, since the choices change with the
data; but a value outside them is refused with a 400, so a client reading the schema would send
requests that fail. This hook, run on every request for /api/schema/, lists the current choices of
each such filter as its `enum` (only public values: the FilterSets choose from `public_objects`),
gives numbers their bounds, admits the empty value a form sends for "any", and says of free
text that it may not hold a NUL character, which every form field refuses.
"""

from django.forms import ChoiceField, ModelChoiceField


def current_choices(field):
    if isinstance(field, ModelChoiceField):
        key = field.to_field_name or "pk"
        return [str(value) for value in field.queryset.values_list(key, flat=True)]
    return [str(value) for value, _ in field.choices if value != ""]


def enumerate_filter_choices(result, generator, request, public):
    for path, _, method, view in generator.endpoints:
        filterset_class = getattr(view.cls, "filterset_class", None)
        operation = result["paths"].get(path, {}).get(method.lower())
        if filterset_class is None or operation is None:
            continue
        form = filterset_class(data={}, queryset=view.cls.model.private_objects.none()).form
        for parameter in operation.get("parameters", []):
            schema = parameter.get("schema", {})
            field = form.fields.get(parameter["name"]) if parameter["in"] == "query" else None
            if field is None:
                continue
            if schema.get("type") == "array" and "enum" in schema.get("items", {}):
                allow_empty(schema["items"])
            if schema.get("type") in ("integer", "number"):
                bounds(field, schema)
                continue
            if schema.get("type") != "string":
                continue
            if isinstance(field, ChoiceField | ModelChoiceField) and "enum" not in schema:
                # No value in the data yet (no public entity): only the empty value is valid.
                schema["enum"] = current_choices(field)
                schema.pop("title", None)  # a model field's verbose name, not the filter's
                said = parameter.get("description", "").rstrip(".")
                parameter["description"] = f"{said}. The values the data holds now.".lstrip(". ")
            elif "enum" not in schema and "format" not in schema:
                schema["pattern"] = "^[^\\x00]*$"
            if "enum" in schema:
                allow_empty(schema)
    return result


def bounds(field, schema):
    """The field's min_value and max_value (a sentence in years, a year) as the schema's."""
    for attribute, key in [("min_value", "minimum"), ("max_value", "maximum")]:
        value = getattr(field, attribute, None)
        if value is not None:
            schema[key] = value


def allow_empty(schema):
    """An empty value is no filter (what a form sends for "any"), so it is one of the values."""
    if "" not in schema["enum"]:
        schema["enum"] = ["", *schema["enum"]]
