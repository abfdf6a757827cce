"""Size limits on imports, enforced while the upload is read: past its import's limit, the bytes
of a file are counted but no longer kept (in memory or on disk), and the view gets an empty
stand-in that carries the real size, so that its form refuses the file in words ("This file is
12.3 MB; an import may be at most 2.0 MB") without a 12 MB file ever having been stored.

First in FILE_UPLOAD_HANDLERS (config/settings.py); an upload to any other address passes
through untouched.
"""

import io

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.urls import Resolver404, resolve

DEFAULT_LIMITS = {  # url name -> (setting, default bytes)
    "prisoners_person_import": ("IMPORT_MAX_BYTES", 2 * 1024 * 1024),
    "caseload-upload": ("CASELOAD_MAX_BYTES", 50 * 1024 * 1024),
}


def limit_for(request):
    try:
        name = resolve(request.path_info).url_name
    except Resolver404:
        return None
    if name not in DEFAULT_LIMITS:
        return None
    setting, default = DEFAULT_LIMITS[name]
    return getattr(settings, setting, default)


class ImportSizeLimitHandler(FileUploadHandler):
    def __init__(self, request=None):
        super().__init__(request)
        self.limit = limit_for(request) if request is not None else None
        self.received = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.limit is not None and self.received > self.limit:
            return None  # counted, not kept: the next handlers never see it
        return raw_data

    def file_complete(self, file_size):
        if self.limit is None or self.received <= self.limit:
            return None  # the next handler's file
        return UploadedFile(
            io.BytesIO(b""),
            name=self.file_name,
            content_type=self.content_type,
            size=self.received,
            charset=self.charset,
        )
