"""A `<select>` and an `<input>` written without the template engine.

Django renders a select through a template that includes another template per option; a people
list's filter form has about 120 options, and rendering them was a sixth of a list page rendered
cold (docs/performance.md). `QuickSelect` writes the markup Django's templates write, from the
same context (`get_context`: the options, the selected ones, every attribute), every value
escaped; tests/filters/test_quick_select.py holds it to Django's output. The form's eleven other
fields are inputs (text, dates, numbers, hidden), each a template and an included template
through the engine: half a millisecond each, a tenth of a cold page. `QuickInput` writes them
the same way, held to Django's output by tests/filters/test_quick_input.py.
"""

from django import forms
from django.utils.html import format_html
from django.utils.safestring import mark_safe


def attributes(attrs) -> str:
    """`django/forms/widgets/attrs.html`: ` name="value"`, ` name` for True, nothing for False."""
    return "".join(
        ""
        if value is False
        else format_html(" {}", name)
        if value is True
        else format_html(' {}="{}"', name, str(value))
        for name, value in attrs.items()
    )


class QuickSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"', widget["name"]), attributes(widget["attrs"]), ">"]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            for option in options:
                parts.append(format_html('\n  <option value="{}"', str(option["value"])))
                parts.append(attributes(option["attrs"]))
                parts.append(format_html(">{}</option>\n", option["label"]))
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


class QuickInput:
    """`django/forms/widgets/input.html` without the engine: mixed into an `Input` widget."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<input type="{}" name="{}"', widget["type"], widget["name"])]
        if widget["value"] is not None:
            parts.append(format_html(' value="{}"', str(widget["value"])))
        parts.append(attributes(widget["attrs"]))
        parts.append(">")
        return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


class QuickTextInput(QuickInput, forms.TextInput):
    pass


class QuickDateInput(QuickInput, forms.DateInput):
    pass


class QuickNumberInput(QuickInput, forms.NumberInput):
    pass


class QuickHiddenInput(QuickInput, forms.HiddenInput):
    pass
