"""The caseload import in the admin: upload -> preview -> confirm, with the same code as
`manage.py import_caseload` underneath (`importing.import_caseload`).

- Upload: read in chunks and refused as soon as it passes CASELOAD_MAX_BYTES (default 50 MB),
  before the rest is read; the file is then planned with `dry_run` and kept in the import
  uploads folder (a random name) beside the preview it gave.
- Preview: counts per sheet (new, changed, unchanged, possible duplicates), then each new or
  changed record with its changes (field: old -> new), 100 to a page; or every problem.
- Confirm: plans the file again and writes it in one transaction only if the plan is the one the
  editor saw; otherwise the new preview is shown and nothing is written.
"""

import json
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from interchange.caseload.export import export_caseload, write_template
from interchange.caseload.importing import import_caseload
from interchange.people_import.admin_views import UPLOAD_NAME, ImportUploadStorage, size_in_words
from interchange.spreadsheets import CONTENT_TYPE

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
PAGE_SIZE = 100
CHUNK = 64 * 1024


def max_bytes():
    return getattr(settings, "CASELOAD_MAX_BYTES", DEFAULT_MAX_BYTES)


class TooLarge(Exception):
    pass


def read_limited(upload) -> bytes:
    """The upload's bytes, refused as soon as they pass the limit. (The upload handler,
    `interchange.upload_limits`, has already stopped keeping the bytes past it; its stand-in
    is empty and carries the real size.)"""
    limit, parts, size = max_bytes(), [], 0
    if (upload.size or 0) <= limit:
        for chunk in upload.chunks(CHUNK):
            size += len(chunk)
            if size > limit:
                break
            parts.append(chunk)
    if max(size, upload.size or 0) > limit:
        raise TooLarge(
            f"The file is larger than {size_in_words(limit)}: split the caseload into "
            "several workbooks (by sheet, or by people) and import them one after another."
        )
    return b"".join(parts)


def preview_of(result) -> dict:
    """What the preview page shows, as JSON kept beside the upload."""
    return {
        "problems": [str(problem) for problem in result.problems],
        "counts": result.counts,
        "summary": result.summary(),
        "rows": [
            {
                "sheet": sheet,
                "key": plan.row.key,
                "row": plan.row.number,
                "status": plan.status,
                "matched_by": plan.matched_by,
                "changes": plan.changes,
                "duplicates": [f"{p.display_name} ({p.slug})" for p in plan.duplicates],
            }
            for sheet, plan in result.changed_rows()
        ],
    }


class CaseloadAdminMixin:
    """Adds People → Import a caseload (and the export and template) to the people's admin."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("caseload/", view(self.caseload_upload), name="caseload-upload"),
            path("caseload/template.xlsx", view(self.caseload_template), name="caseload-template"),
            path("caseload/export.xlsx", view(self.caseload_export), name="caseload-export"),
            path("caseload/<str:name>/", view(self.caseload_preview), name="caseload-preview"),
            path(
                "caseload/<str:name>/confirm/",
                view(require_POST(self.caseload_confirm)),
                name="caseload-confirm",
            ),
            *super().get_urls(),
        ]

    def check_caseload_permission(self, request):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied

    def caseload_context(self, request, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import a caseload",
            "max_size": size_in_words(max_bytes()),
            **extra,
        }

    def caseload_upload(self, request):
        self.check_caseload_permission(request)
        error = ""
        if request.method == "POST":
            upload = request.FILES.get("caseload")
            if upload is None:
                error = "Choose a caseload workbook (.xlsx) or zip of CSV files to upload."
            else:
                try:
                    data = read_limited(upload)
                except TooLarge as refused:
                    error = str(refused)
                else:
                    ImportUploadStorage.sweep()
                    name = uuid.uuid4().hex
                    result = import_caseload(data, upload.name, dry_run=True)
                    self.keep(name, data, request, upload.name, preview_of(result))
                    return HttpResponseRedirect(reverse("admin:caseload-preview", args=[name]))
        return TemplateResponse(
            request,
            "admin/interchange/caseload_upload.html",
            self.caseload_context(request, error=error),
        )

    @staticmethod
    def stored(name) -> Path:
        if not UPLOAD_NAME.fullmatch(name):
            raise Http404("No such upload.")
        return ImportUploadStorage.directory() / name

    def keep(self, name, data, request, filename, preview):
        directory = ImportUploadStorage.directory()
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.stored(name).write_bytes(data)
        preview.update(user=request.user.pk, filename=filename)
        Path(f"{self.stored(name)}.preview.json").write_text(json.dumps(preview), "utf-8")

    def read_kept(self, request, name):
        try:
            preview = json.loads(Path(f"{self.stored(name)}.preview.json").read_text("utf-8"))
        except FileNotFoundError as error:
            raise Http404("This upload is gone: upload the file again.") from error
        if preview.get("user") != request.user.pk:
            raise Http404("This upload is not yours.")
        return preview

    def forget(self, name):
        self.stored(name).unlink(missing_ok=True)
        Path(f"{self.stored(name)}.preview.json").unlink(missing_ok=True)

    def caseload_preview(self, request, name):
        self.check_caseload_permission(request)
        preview = self.read_kept(request, name)
        page = Paginator(preview["rows"], PAGE_SIZE).get_page(request.GET.get("page"))
        duplicates = sum(c["duplicates"] for c in preview["counts"].values())
        return TemplateResponse(
            request,
            "admin/interchange/caseload_preview.html",
            self.caseload_context(
                request,
                title=f"Import a caseload: {preview['filename']}",
                preview=preview,
                page=page,
                name=name,
                duplicates=duplicates,
                can_confirm=not preview["problems"] and bool(preview["rows"]),
            ),
        )

    def caseload_confirm(self, request, name):
        self.check_caseload_permission(request)
        seen = self.read_kept(request, name)
        data = self.stored(name).read_bytes()
        namesakes = request.POST.get("create_namesakes") == "on"
        planned = import_caseload(data, seen["filename"], dry_run=True, create_namesakes=namesakes)
        check = json.loads(json.dumps(preview_of(planned)))  # tuples as the JSON's lists
        shown = {key: seen[key] for key in ("problems", "counts", "rows")}
        if not namesakes and {key: check[key] for key in shown} != shown:
            check.update(user=request.user.pk, filename=seen["filename"])
            Path(f"{self.stored(name)}.preview.json").write_text(json.dumps(check), "utf-8")
            messages.error(
                request,
                "Nothing was imported: the ledger changed after the preview. This is the file's "
                "preview as it is now; check it and confirm again.",
            )
            return HttpResponseRedirect(reverse("admin:caseload-preview", args=[name]))
        result = import_caseload(
            data, seen["filename"], user=request.user, create_namesakes=namesakes
        )
        if result.problems:
            preview = preview_of(result)
            preview.update(user=request.user.pk, filename=seen["filename"])
            Path(f"{self.stored(name)}.preview.json").write_text(json.dumps(preview), "utf-8")
            messages.error(request, result.summary())
            return HttpResponseRedirect(reverse("admin:caseload-preview", args=[name]))
        self.forget(name)
        messages.success(request, result.summary())
        return HttpResponseRedirect(reverse("admin:prisoners_person_changelist"))

    def caseload_template(self, request):
        self.check_caseload_permission(request)
        handle = ImportUploadStorage.directory()
        handle.mkdir(mode=0o700, parents=True, exist_ok=True)
        path_ = handle / f"{uuid.uuid4().hex}.template"
        with open(path_, "wb") as out:
            write_template(out)
        response = FileResponse(
            open(path_, "rb"), as_attachment=True, filename="caseload-template.xlsx"
        )
        response["Content-Type"] = CONTENT_TYPE
        path_.unlink()  # the open handle keeps the bytes until the response is sent
        return response

    def caseload_export(self, request):
        # Drafts and withheld people are in the file: for those who may publish and withhold.
        if not request.user.has_perm("prisoners.publish_person"):
            raise PermissionDenied
        directory = ImportUploadStorage.directory()
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        path_ = directory / f"{uuid.uuid4().hex}.export"
        with open(path_, "wb") as out:
            export_caseload(out)
        response = FileResponse(open(path_, "rb"), as_attachment=True, filename="caseload.xlsx")
        response["Content-Type"] = CONTENT_TYPE
        path_.unlink()
        return response
