"""The admin side of importing people: a preview to check, and a confirm that cannot go stale.

django-import-export's steps stay as they are (upload -> preview -> confirm); this mixin hooks
into its methods, and `PersonResource` does the row work:

- Upload: a file over IMPORT_MAX_BYTES (default 2 MB) or IMPORT_MAX_ROWS (default 5,000) is
  refused with a form error before the import reads it.
- Preview: each existing person's changes and each new person's likely duplicates are listed
  (`possible_duplicates`: the name search's scoring, in bulk for the whole file).
  The upload waits in `ImportUploadStorage` (a directory of its own, random names) with the
  fingerprints of the people it touches beside it; the confirm form carries a signed token
  naming the upload and the editor.
- Confirm: a form that names another upload, another editor's, or none is a 400; people changed
  since the preview, or rows that no longer import, are a 409 and nothing is written. Success is
  reported once committed, with the counts of the real import.
- The upload is removed after confirm, cancel or a preview with errors; leftovers older than
  IMPORT_TMP_MAX_AGE (default a day) are swept at the next import.
- Imports and exports use the formula-safe formats of `spreadsheet_cells`: no exported
  cell runs in a spreadsheet, and an exported file imports back as it was.
"""

import csv
import io
import json
import re
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST
from import_export.admin import ImportExportMixin
from import_export.forms import ConfirmImportForm, ImportForm
from import_export.tmp_storages import TempFolderStorage

from interchange.people_import.columns import too_many_rows
from interchange.people_import.spreadsheet_cells import ADMIN_FORMATS
from interchange.people_import.upload_checks import upload_problem
from prisoners.models import NameKey, Person
from transliteration import SIMILARITY_THRESHOLD, query_keys, trigram_similarity

UPLOAD_NAME = re.compile(r"[0-9a-f]{32}")
TOKEN_SALT = "interchange.people_import.admin_views.preview"
DEFAULT_MAX_AGE = 24 * 3600
DEFAULT_MAX_BYTES = 2 * 1024 * 1024
# A search key held by more people than this (a common given name) does not by itself make
# someone a candidate duplicate; a rarer word of the same name does.
COMMON_KEY = 100
NOT_YOURS = (
    "This preview cannot be used: the upload it names is not one of your previews (the form was "
    "altered). Nothing was imported; upload the file again."
)
GONE = (
    "This preview cannot be used: its upload is gone (it was already imported or cancelled, or "
    "it waited more than a day). Nothing was imported; upload the file again."
)
FAILED_AT_CONFIRM = (
    "Nothing was imported: the file no longer imports cleanly (the data changed after the "
    "preview). The problems are listed below; fix them, or upload the file again."
)


def max_age():
    return getattr(settings, "IMPORT_TMP_MAX_AGE", DEFAULT_MAX_AGE)


class UploadRefused(Exception):
    """A confirm or cancel form that names no upload of this editor's (400)."""


class FailedAtConfirm(Exception):
    """The file no longer imports cleanly at the confirm step: nothing of it is kept."""

    def __init__(self, result):
        super().__init__(FAILED_AT_CONFIRM)
        self.result = result


class DataChangedSincePreview(Exception):
    """People a confirmed file touches were changed after its preview (409)."""

    def __init__(self, slugs):
        listed = ", ".join(slugs[:10]) + (f" and {len(slugs) - 10} more" if len(slugs) > 10 else "")
        super().__init__(
            f"Nothing was imported: people in this file were changed after the preview "
            f"({listed}). Upload the file again to see the changes as they are now."
        )


def size_in_words(size):
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


class ImportUploadStorage(TempFolderStorage):
    """Uploads waiting for confirmation, in IMPORT_TMP_DIR (default: a folder of the system's
    temporary directory). Only random hex names are accepted, so no name leaves the folder."""

    @staticmethod
    def directory():
        configured = getattr(settings, "IMPORT_TMP_DIR", None)
        return Path(configured or Path(tempfile.gettempdir()) / "release-ledger-imports")

    @classmethod
    def sweep(cls):
        """Remove uploads (and their previews) left unconfirmed for longer than the max age."""
        directory, cutoff = cls.directory(), time.time() - max_age()
        if not directory.is_dir():
            return
        for entry in directory.iterdir():
            try:
                if entry.is_file() and entry.stat().st_mtime < cutoff:
                    entry.unlink()
            except FileNotFoundError:
                continue  # another request swept it first

    def get_full_path(self):
        if not UPLOAD_NAME.fullmatch(self.name or ""):
            raise FileNotFoundError(f"Not an import upload: {self.name!r}")
        return str(self.directory() / self.name)

    def save(self, data):
        self.name = self.name or uuid.uuid4().hex
        self.directory().mkdir(mode=0o700, parents=True, exist_ok=True)
        binary = isinstance(data, bytes)
        encoding = None if binary else self.encoding
        with open(self.get_full_path(), "wb" if binary else "w", encoding=encoding) as file:
            file.write(data)

    def preview_path(self):
        return Path(self.get_full_path() + ".preview.json")

    def save_preview(self, fingerprints):
        self.preview_path().write_text(json.dumps(fingerprints), encoding="utf-8")

    def read_preview(self):
        return json.loads(self.preview_path().read_text(encoding="utf-8"))

    def exists(self):
        if not UPLOAD_NAME.fullmatch(self.name or ""):
            return False
        return Path(self.get_full_path()).is_file() and self.preview_path().is_file()

    def remove(self):
        if UPLOAD_NAME.fullmatch(self.name or ""):
            Path(self.get_full_path()).unlink(missing_ok=True)
            self.preview_path().unlink(missing_ok=True)


def spelling_score(words, keys):
    """`transliteration.match_score` for one spelling's query words against a person's keys:
    every word must reach the threshold with some key; the mean of the bests."""
    total = 0.0
    for alternatives in words:
        best = max(
            (1.0 if alt == key else trigram_similarity(alt, key))
            for alt in alternatives
            for key in keys
        )
        if best < SIMILARITY_THRESHOLD:
            return 0.0
        total += best
    return total / len(words)


def keys_by(field, values, wanted):
    """{value of `field`: set of `wanted`} over the NameKey rows whose `field` is in `values`."""
    found, values = defaultdict(set), sorted(values)
    for start in range(0, len(values), 500):
        rows = NameKey.objects.filter(**{f"{field}__in": values[start : start + 500]})
        for value, other in rows.values_list(field, wanted):
            found[value].add(other)
    return found


def possible_duplicates(spellings):
    """{label: [people already recorded whose names match one of the label's spellings]}.

    The name search (`name_search.person_scores`) runs a query per spelling: too slow for a
    file of thousands of rows. This scores the same way (`spelling_score`) for a whole file in a
    few queries: a candidate shares one search key exactly (keys are transliterated, so any
    script) held by at most COMMON_KEY people; its other words may differ as a search allows.
    """
    queries = {  # label -> spellings -> words -> alternative keys
        label: [words for words in map(query_keys, filter(str.strip, texts)) if words]
        for label, texts in spellings.items()
    }
    wanted = set().union(*(alts for each in queries.values() for words in each for alts in words))
    holders = keys_by("key", wanted, "person_id")
    candidates = {}
    for label, queried in queries.items():
        keys = set().union(*(alts for words in queried for alts in words))
        rare = [holders[key] for key in keys if len(holders[key]) <= COMMON_KEY]
        candidates[label] = set().union(*rare)
    keys_of = keys_by("person_id", set().union(*candidates.values()), "key")
    people = Person.private_objects.in_bulk(list(keys_of))
    found = {}
    for label, queried in queries.items():
        scores = {
            pk: max(spelling_score(words, keys_of[pk]) for words in queried)
            for pk in candidates[label]
        }
        ranked = sorted(
            (pk for pk in scores if scores[pk]),
            key=lambda pk: (-scores[pk], people[pk].sort_key, pk),
        )
        found[label] = [people[pk] for pk in ranked[:10]]
    return found


def count_rows(upload, import_format):
    """Data rows in an upload already within the size limit, without building a dataset."""
    try:
        text = b"".join(upload.chunks()).decode("utf-8-sig")
        title = import_format.get_title()
        if title in ("csv", "tsv"):
            rows = csv.reader(io.StringIO(text), delimiter="\t" if title == "tsv" else ",")
            return max(0, sum(1 for row in rows if row) - 1)
        return len(import_format.create_dataset(text))
    except Exception:
        return 0  # unreadable: the import's own read of the file reports why


class LimitedImportForm(ImportForm):
    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.formats = formats

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        limit = getattr(settings, "IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)
        if upload.size > limit:
            raise ValidationError(
                f"This file is {size_in_words(upload.size)}; an import may be at most "
                f"{size_in_words(limit)}. Split it into smaller files and import them one by one."
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        upload, index = cleaned.get("import_file"), cleaned.get("format")
        if upload is not None and index not in (None, ""):
            import_format = self.formats[int(index)]()
            data = b"".join(upload.chunks())
            upload.seek(0)
            problem = upload_problem(data, import_format.get_title())
            if problem:
                self.add_error("import_file", problem)
                return cleaned
            message = too_many_rows(count_rows(upload, import_format))
            if message:
                self.add_error("import_file", message)
        return cleaned


class SignedConfirmImportForm(ConfirmImportForm):
    preview_token = forms.CharField(widget=forms.HiddenInput())

    def clean_import_file_name(self):
        name = self.cleaned_data["import_file_name"]
        if not UPLOAD_NAME.fullmatch(name):
            raise ValidationError(NOT_YOURS)
        return name


class CheckedImportExportMixin(ImportExportMixin):
    """django-import-export's `ImportExportMixin`, with the checks above."""

    import_template_name = "admin/import_export/checked_import.html"
    import_form_class = LimitedImportForm
    confirm_form_class = SignedConfirmImportForm
    tmp_storage_class = ImportUploadStorage
    formats = ADMIN_FORMATS

    def get_valid_export_item_pks(self, request):
        # The stock one reads `Model.objects`, which our models do not have: exporting the
        # people chosen in the list was a server error.
        return self.get_queryset(request).values_list("pk", flat=True)

    def get_urls(self):
        name = "{}_{}_cancel_import".format(*self.get_model_info())
        view = self.admin_site.admin_view(self.cancel_import)
        # Before the admin's catch-all "<object_id>/" pattern.
        return [path("import/cancel/", view, name=name), *super().get_urls()]

    def upload_storage(self, name):
        return self.get_tmp_storage_class()(name=name, **self.get_tmp_storage_class_kwargs())

    def import_action(self, request, **kwargs):
        if not self.has_import_permission(request):
            raise PermissionDenied
        self.get_tmp_storage_class().sweep()
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None)
        if context is None:  # imported without a preview (IMPORT_EXPORT_SKIP_ADMIN_CONFIRM)
            return response
        name = getattr(request.FILES.get("import_file"), "tmp_storage_name", None)
        confirm_form = context.get("confirm_form")
        if confirm_form is None:
            if name:
                self.upload_storage(name).remove()  # a preview with errors: nothing to confirm
            return response
        result = context["result"]
        self.upload_storage(name).save_preview(getattr(result, "fingerprints", {}))
        token = {"file": name, "user": request.user.pk}
        confirm_form.initial["preview_token"] = signing.dumps(token, salt=TOKEN_SALT)
        rows = result.valid_rows()
        new = {row.row_number: row for row in rows if row.is_new()}
        found = possible_duplicates({number: row.spellings for number, row in new.items()})
        for number, people in found.items():
            new[number].possible_duplicates = people
        context["duplicate_rows"] = [row for row in rows if row.possible_duplicates]
        context["update_rows"] = [row for row in rows if row.is_update()]
        return response

    def checked_upload(self, request, form):
        """The storage of the upload a confirm or cancel form names, if it is this editor's."""
        if not form.is_valid():
            raise UploadRefused(NOT_YOURS)
        name = form.cleaned_data["import_file_name"]
        try:
            token = signing.loads(
                form.cleaned_data["preview_token"], salt=TOKEN_SALT, max_age=max_age()
            )
        except signing.SignatureExpired as error:
            raise UploadRefused(GONE) from error
        except signing.BadSignature as error:
            raise UploadRefused(NOT_YOURS) from error
        if token != {"file": name, "user": request.user.pk}:
            raise UploadRefused(NOT_YOURS)
        try:
            choices = [
                (form.cleaned_data["format"], self.get_import_formats()),
                (
                    form.cleaned_data.get("resource") or "0",
                    self.get_import_resource_classes(request),
                ),
            ]
            if not all(0 <= int(index) < len(options) for index, options in choices):
                raise UploadRefused(NOT_YOURS)
        except ValueError as error:
            raise UploadRefused(NOT_YOURS) from error
        storage = self.upload_storage(name)
        if not storage.exists():
            raise UploadRefused(GONE)
        return storage

    @method_decorator(require_POST)
    def process_import(self, request, **kwargs):
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = self.create_confirm_form(request)
        try:
            storage = self.checked_upload(request, form)
        except UploadRefused as refusal:
            return self.refuse_import(request, str(refusal), status=400)
        try:
            with transaction.atomic():
                self.check_unchanged_since_preview(request, form, storage)
                return super().process_import(request, **kwargs)
        except DataChangedSincePreview as refusal:
            return self.refuse_import(request, str(refusal), status=409)
        except FailedAtConfirm as failed:
            # Out of the rolled-back transaction first: the page's own queries (the admin's
            # permission and second-factor checks) cannot run inside a broken one.
            return self.refuse_import(request, FAILED_AT_CONFIRM, status=409, result=failed.result)
        finally:
            storage.remove()

    def check_unchanged_since_preview(self, request, form, storage):
        """Lock the people the file touches until the import commits, and refuse if any of them
        changed (or a new slug was taken) since the preview fingerprinted them."""
        expected = storage.read_preview()
        resource_class = self.choose_import_resource_class(form, request)
        resource = resource_class(**self.get_import_resource_kwargs(request, form=form))
        now = resource.fingerprints(expected, lock=True)
        changed = sorted(slug for slug in expected if now.get(slug) != expected[slug])
        if changed:
            raise DataChangedSincePreview(changed)

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            raise FailedAtConfirm(result)  # rolls the import back (process_import)
        return super().process_result(result, request)

    def add_success_message(self, result, request):
        report = super().add_success_message
        transaction.on_commit(lambda: report(result, request))

    @method_decorator(require_POST)
    def cancel_import(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        try:
            storage = self.checked_upload(request, self.create_confirm_form(request))
        except UploadRefused as refusal:
            return self.refuse_import(request, str(refusal), status=400)
        storage.remove()
        messages.info(request, "Import cancelled: nothing was imported.")
        changelist = "admin:{}_{}_changelist".format(*self.get_model_info())
        return HttpResponseRedirect(reverse(changelist, current_app=self.admin_site.name))

    def refuse_import(self, request, message, status, result=None):
        """Why the last step was refused, its errors if any, and a link to upload again."""
        context = {
            **self.get_import_context_data(),
            **self.admin_site.each_context(request),
            "title": "Import",
            "opts": self.model._meta,
            "media": self.media,
            "import_error_display": self.import_error_display,
            "import_refused": message,
            "result": result,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.import_template_name], context, status=status)
