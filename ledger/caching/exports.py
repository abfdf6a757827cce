"""Finished CSV exports kept on disk, one file per query and site version.

A CSV changes only when the record changes, like the pages (`ledger.caching.pages`), but it is
too large for the page cache (34 MB at 100,000 people) and is streamed. So the first request for
a query at a site version streams the rows as usual and writes the same bytes to a file beside;
when the stream ends whole, the file is renamed into place (atomic: a reader never sees half a
file). Later requests for that query at that version get the file (`FileResponse`, which
gunicorn sends with `sendfile`): at 100,000 people, a fraction of a second instead of seconds of
database work.

The file is written from the stream the redaction sends (`config.redaction`: no hidden person's
name, in any text), and served later as it is: a kept file is never read again for names. A
stream the redaction does not pass through writes no file.

A write to the record moves the site version on, so the next request misses and writes a new
file, and the older files of that query are deleted then. A person withheld or withdrawn is in
no file served after the commit that hid them: the file's name holds the version, which that
commit moved on. A stream cut short (the client went away, the database failed) leaves no file.

`EXPORT_CACHE_DIR` (an environment setting) is where the files go: on local disk per app server,
or empty to turn this off. The key is the query the list answers (`filters.canonical`), not the
address: junk parameters (`?utm_x=1`) get the file of the query without them, never one of their
own. `EXPORT_CACHE_MAX_FILES` and `EXPORT_CACHE_MAX_BYTES` bound what is kept: after each write,
the oldest files go until both hold (docs/security.md, "Caches and exports").

Nothing here runs for a request while the page cache is off (`PAGE_CACHE_ENABLED`, on in
production), so development and the tests see every export made afresh unless they ask for this.
"""

import datetime
import functools
import hashlib
import logging
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.http import FileResponse

from ledger.caching.pages import current_version

logger = logging.getLogger(__name__)


def cache_directory() -> Path | None:
    if not settings.PAGE_CACHE_ENABLED or not settings.EXPORT_CACHE_DIR:
        return None
    return Path(settings.EXPORT_CACHE_DIR)


def query_key(path, query) -> str:
    """The same for the same filters in any order (`?a=1&b=2` and `?b=2&a=1`)."""
    pairs = sorted((key, value) for key, values in query.lists() for value in values)
    return hashlib.sha256(repr((path, pairs)).encode()).hexdigest()[:32]


def cached_export(request, make_response, query):
    """The response of `make_response()` (a streamed CSV), from its file when one is kept.

    `query`: the canonical query the file answers (`filters.canonical`), its key."""
    directory = cache_directory()
    if directory is None or request.method not in ("GET", "HEAD"):
        return make_response()
    version = getattr(request, "site_version", None)  # read by the page cache's middleware
    if version is None:
        version = current_version()
    # The date too, as for the pages: nothing in an export counts days today, but a column
    # that did would otherwise stay as it was at the version's first download.
    key = query_key(request.path, query)
    path = directory / f"{key}.{version}.{datetime.date.today().isoformat()}.csv"
    response = make_response()
    if path.exists():
        served = FileResponse(path.open("rb"), content_type=response["Content-Type"])
        # The streamed response is dropped unstarted: its rows were never asked for. (Not
        # close(): that would signal the end of the request while it is still being answered.)
        served["Content-Disposition"] = response["Content-Disposition"]
        served.redacted = True  # written as the public may read it: served as it is
        return served
    # Kept as the public may read it: the redaction every answer passes through on its way out
    # (config.redaction) hands its redacted stream to this, so the file is written from that.
    response.keep_redacted = functools.partial(written_beside, path=path, key=key)
    return response


def written_beside(chunks, path: Path, key: str):
    """The chunks as they come, copied to `path` once the last one has been sent."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{key}.", suffix=".part")
    except OSError as error:  # a full or read-only disk costs speed, never the export
        logger.warning("Export cache unavailable (%s): serving without it.", error)
        yield from chunks
        return
    copy, finished = os.fdopen(handle, "wb"), False
    try:
        for chunk in chunks:  # an error of the rows themselves goes on up, as without a copy
            yield chunk
            if copy is not None:
                try:
                    copy.write(chunk)
                except OSError as error:
                    logger.warning("Export cache write failed (%s): serving without it.", error)
                    copy.close()
                    copy = None
        finished = copy is not None
    finally:
        if copy is not None:
            copy.close()
        if finished:
            os.replace(partial, path)
            remove_older_versions(path, key)
            keep_within_bounds(path.parent)
        else:  # cut short (the client left, the rows failed) or not written: no file
            Path(partial).unlink(missing_ok=True)


def remove_older_versions(kept: Path, key: str) -> None:
    for other in kept.parent.glob(f"{key}.*.csv"):
        if other != kept:
            other.unlink(missing_ok=True)


def keep_within_bounds(directory: Path) -> None:
    """Delete the oldest files until at most EXPORT_CACHE_MAX_FILES files of at most
    EXPORT_CACHE_MAX_BYTES bytes in all are left: the disk holds what a bound says, whatever
    the number of distinct queries asked."""
    files = []
    for path in directory.glob("*.csv"):
        try:
            stat = path.stat()
        except OSError:  # deleted meanwhile by another worker
            continue
        files.append((stat.st_mtime_ns, path.name, stat.st_size, path))
    files.sort(reverse=True)  # newest first
    count = size = 0
    for _mtime, _name, bytes_, path in files:
        count += 1
        size += bytes_
        if count > settings.EXPORT_CACHE_MAX_FILES or size > settings.EXPORT_CACHE_MAX_BYTES:
            path.unlink(missing_ok=True)
