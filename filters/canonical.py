"""The one query a list answers, however its address was written.

`?utm_source=x`, `?status=held&utm_x=1`, `?status= held&sort=` and `?sort=&status=held` all ask
the people list for the same rows, so they are the same page and the same file: the page cache
(ledger.caching.pages) and the export files (ledger.caching.exports) are keyed on this query,
not on the address, so that junk parameters cannot make the site render a page or write a file
of its own for each request (docs/security.md, "Caches and exports").

Only the parameters the list's FilterSet knows are kept (and `page` where the list has pages),
empty ones and defaults are dropped, the values are written as the form reads them (a date as
YYYY-MM-DD, a number without trailing zeros, a record by its slug), and the keys are sorted.
A query the form refuses keeps its known parameters as written: the page shows the errors, and
the CSV answers 400 without writing anything.
"""

import datetime
from decimal import Decimal

from django.db.models import Model
from django.http import QueryDict

from ledger.caching.derived import in_process

# The longest value kept of a refused parameter: a page of errors needs no more.
MAX_REFUSED_VALUE = 200
# The longest query whose reading is kept in memory for the next request (ledger.caching.derived).
MAX_KEPT_QUERY = 500


def canonical_query(filterset_class, data, *, paged=False) -> QueryDict:
    names = set(filterset_class.base_filters)
    known = QueryDict(mutable=True)
    for name in sorted(names & set(data)):
        value = data.get(name, "").strip()  # the last, as the form reads a repeated parameter
        if value:
            known[name] = value
    canonical = QueryDict(mutable=True)
    if known:
        # Validating builds the whole FilterSet: kept per version, it costs a cache hit nothing.
        key = (filterset_class.__module__, filterset_class.__qualname__, tuple(known.items()))
        if sum(len(value) for value in known.values()) <= MAX_KEPT_QUERY:
            pairs = in_process(key, lambda: validated(filterset_class, known))
        else:
            pairs = validated(filterset_class, known)
        for name, value in pairs:
            canonical[name] = value
    if paged:
        page = page_number(data.get("page"))
        if page > 1:
            canonical["page"] = str(page)
    canonical._mutable = False
    return canonical


def validated(filterset_class, known) -> list[tuple[str, str]]:
    """The known parameters as the form reads them; as written when it refuses them."""
    filterset = filterset_class(known, queryset=filterset_class._meta.model._base_manager.none())
    form = filterset.form
    if not form.is_valid():
        return [(name, value[:MAX_REFUSED_VALUE]) for name, value in known.items()]
    written = (
        (name, written_value(form.cleaned_data.get(name), filterset.filters[name].extra))
        for name in sorted(filterset_class.base_filters)
    )
    return [(name, value) for name, value in written if value]


def written_value(value, extra) -> str:
    """A cleaned value as it would be written in the query; "" for none (the default)."""
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, Model):
        return str(getattr(value, extra.get("to_field_name") or "pk"))
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | tuple):  # the sort order: a list of field names
        return ",".join(str(item) for item in value if item)
    return str(value).strip()


def page_number(raw) -> int:
    """The page a paginator shows for `raw`: not a number is the first page."""
    try:
        return max(int(str(raw).strip()), 1)
    except (TypeError, ValueError):
        return 1
