"""Saves that change only text shown on a few pages, and the keys of those pages.

Every committed write to the record moves the whole site's version on (`ledger.caching.pages`),
which makes every cached page cold: correct, but an editor fixing a typo in one person's summary
during a news peak would send every reader of every list back to the database. Most text an
editor writes is shown in few places: a person's summary only on their own page. So a record
declares such fields (`page_text_fields`) and the scope of the pages that show them
(`page_text_scopes()`); a save that changes nothing else moves on only those scopes' counters
(`PageScope`, in the database every app server shares), and a page whose URL is registered as
showing a scope (`register_page_scopes`, from the pages layer) holds that counter in its key.

Conservative by construction: the save's own row and its history rows are the only writes
counted as narrow; any other write in the same save (a name, a status period, a citation) moves
the whole site's version on as before. A test (tests/ledger/test_page_scopes.py) plants a
sentinel in each declared field and crawls every public page: a page that shows it and is not
registered for the scope fails it.
"""

import contextlib
import logging
from collections.abc import Callable

from django.db import DatabaseError, connections, models, router

from ledger.models import PageScope

logger = logging.getLogger(__name__)

# Written by every save whatever changed (the lock's counter, the modification time).
ALWAYS_WRITTEN = frozenset({"version", "updated_at"})

# url name -> functions(url kwargs) -> the scopes that page shows (`register_page_scopes`).
_page_scopes: dict[str, list[Callable[[dict], list[str]]]] = {}


class ScopedTextEdits(models.Model):
    """A record with text shown only on a few pages: list it before `Versioned` in the bases."""

    page_text_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        scopes = self._narrow_scopes(using, kwargs.get("update_fields"))
        if not scopes:
            return super().save(*args, **kwargs)
        with narrow_writes(connections[using], type(self), scopes):
            return super().save(*args, **kwargs)

    def page_text_scopes(self) -> list[str]:
        """The scopes of the pages that show `page_text_fields` of this record."""
        raise NotImplementedError

    def _narrow_scopes(self, using, update_fields) -> list[str]:
        """The scopes to move on if this save changes only page text; [] otherwise."""
        if self._state.adding or self.pk is None or not self.page_text_fields:
            return []
        stored = type(self)._base_manager.using(using).filter(pk=self.pk).first()
        if stored is None:
            return []
        fields = self._meta.concrete_fields
        if update_fields is not None:
            fields = [field for field in fields if field.name in set(update_fields)]
        changed = {
            field.name
            for field in fields
            if field.name not in ALWAYS_WRITTEN and _differs(field, stored, self)
        }
        if not changed or not changed <= set(self.page_text_fields):
            return []  # nothing changed (a save is still a write), or more than text did
        # The scopes of the stored record too: a scope named by a slug follows the stored one.
        return sorted({*stored.page_text_scopes(), *self.page_text_scopes()})


def _differs(field, stored, instance) -> bool:
    try:
        return field.value_to_string(stored) != field.value_to_string(instance)
    except Exception:  # noqa: BLE001 - a value that cannot be compared counts as changed
        return True


class _NarrowSave:
    def __init__(self, model, scopes):
        self.tables = {model._meta.db_table}
        history = getattr(model, "history", None)
        # django-simple-history's table of the record and the tables of its many-to-many history.
        self.history_prefix = history.model._meta.db_table if history is not None else None
        self.scopes = tuple(scopes)
        self.wrote = False

    def covers(self, table: str) -> bool:
        return table in self.tables or bool(
            self.history_prefix and table.startswith(self.history_prefix)
        )


@contextlib.contextmanager
def narrow_writes(connection, model, scopes):
    """Within: writes to `model`'s table and its history count against `scopes` only."""
    stack = connection.__dict__.setdefault("_narrow_saves", [])
    narrow = _NarrowSave(model, scopes)
    stack.append(narrow)
    try:
        yield
    finally:
        stack.pop()
        if narrow.wrote:
            schedule_scope_bump(connection, narrow.scopes)


def narrow_save_covering(connection, table: str) -> bool:
    """Whether a write to `table` now belongs to a narrow save (and so moves only its scopes)."""
    stack = connection.__dict__.get("_narrow_saves")
    if stack and stack[-1].covers(table):
        stack[-1].wrote = True
        return True
    return False


def bump_scopes(names, using):
    """Move each scope on with an atomic upsert (`version + 1`), so no concurrent bump is lost."""
    connection = connections[using]
    quote = connection.ops.quote_name
    table = quote(PageScope._meta.db_table)
    sql = (
        f"INSERT INTO {table} ({quote('name')}, {quote('version')}) VALUES (%s, 1) "
        f"ON CONFLICT ({quote('name')}) DO UPDATE SET {quote('version')} = "
        f"{table}.{quote('version')} + 1"
    )
    with connection.cursor() as cursor:
        for name in names:
            cursor.execute(sql, [name])


def schedule_scope_bump(connection, names):
    """On commit, like the site version's bump: a rollback moves nothing on."""
    alias = connection.alias

    def bump():
        bump_scopes(names, alias)

    # A failed bump must not turn a committed save into an error (see pages._PendingBump).
    bump.__qualname__ = "ledger.caching.scopes.bump_scopes"
    if connection.in_atomic_block:
        connection.on_commit(bump, robust=True)
        return
    try:
        bump()
    except DatabaseError:
        logger.exception("Could not move page scopes %s on; their pages may be stale.", names)


def register_page_scopes(url_name: str, scopes: Callable[[dict], list[str]]) -> None:
    """Declare that the page named `url_name` ('prisoners:person-detail') shows the scopes
    `scopes(url kwargs)` returns: its cached key then holds their counters."""
    functions = _page_scopes.setdefault(url_name, [])
    if scopes not in functions:
        functions.append(scopes)


def scopes_of_page(url_name: str, kwargs: dict) -> list[str]:
    return [scope for function in _page_scopes.get(url_name, ()) for scope in function(kwargs)]


def scope_versions(names, using) -> str:
    """'3.0': the counters of `names`, in their order, for a cached page's key."""
    connection = connections[using]
    quote = connection.ops.quote_name
    marks = ", ".join(["%s"] * len(names))
    sql = (
        f"SELECT {quote('name')}, {quote('version')} FROM "
        f"{quote(PageScope._meta.db_table)} WHERE {quote('name')} IN ({marks})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, list(names))
        found = dict(cursor.fetchall())
    return ".".join(str(found.get(name, 0)) for name in names)
