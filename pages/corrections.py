"""“Suggest a correction”: the reader's form for any public record, without JavaScript.

Each record page carries a short form (a button, `{% suggest_correction record %}`) that opens
this page; the form with the CSRF token lives here rather than on the record page, because a
token would keep every record page out of the page cache (`ledger.caching.pages`). What a reader
sends goes to the editors' private queue (`interchange.curation`) and nowhere else.
"""

from django import forms
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from interchange.curation import corrections
from ledger.limits.addresses import client_ip
from prisoners.models import Facility, Person, Source
from releases.models import Deal, Release

#: The kinds of public record a reader may correct, by the name used in the address.
KINDS = {model._meta.model_name: model for model in (Person, Release, Deal, Facility, Source)}


class CorrectionForm(forms.Form):
    what_is_wrong = forms.CharField(
        label=_("What is wrong or missing"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    source = forms.CharField(
        label=_("Where you read it (a link or a title)"), max_length=500, required=False
    )
    contact = forms.CharField(
        label=_("Your e-mail or another contact, if you want an answer (never published)"),
        max_length=200,
        required=False,
    )
    #: The honeypot: hidden from people by CSS and `hidden`, filled in by robots.
    website = forms.CharField(label=_("Leave this empty"), required=False)


@never_cache
@csrf_protect
def suggest_correction(request, kind, slug):
    model = KINDS.get(kind)
    if model is None:
        raise Http404
    record = get_object_or_404(model.public_objects.all(), slug=slug)
    context = {"record": record, "record_url": record.get_absolute_url()}
    if request.method != "POST":
        if request.GET.get("sent"):
            return render(request, "pages/correction_sent.html", context)
        context["form"] = CorrectionForm()
        return render(request, "pages/suggest_correction.html", context)
    form = CorrectionForm(request.POST)
    context["form"] = form
    if not corrections.may_send(client_ip(request)):
        context["refused"] = True
        return render(request, "pages/suggest_correction.html", context, status=429)
    if not form.is_valid():
        return render(request, "pages/suggest_correction.html", context, status=400)
    if not form.cleaned_data["website"]:  # a robot filled the honeypot: thanked, not kept
        corrections.receive(
            record,
            form.cleaned_data["what_is_wrong"],
            form.cleaned_data["source"],
            form.cleaned_data["contact"],
        )
    sent = reverse("pages:suggest-correction", kwargs={"kind": kind, "slug": slug})
    response = HttpResponseRedirect(f"{sent}?sent=1")
    response.status_code = 303  # See Other: the thanks page is read with a GET
    return response


def correction_url(record):
    """The address of the form for `record`, or None for a kind readers cannot correct."""
    kind = record._meta.model_name
    if kind not in KINDS or not getattr(record, "slug", ""):
        return None
    return reverse("pages:suggest-correction", kwargs={"kind": kind, "slug": record.slug})
