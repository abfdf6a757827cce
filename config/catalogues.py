"""Compile the catalogues (*/LC_MESSAGES/django.po under every settings.LOCALE_PATHS folder:
the interface in locale/, django-countries' Belarusian names in locale_countries/) into the .mo
files Django reads, in Python: GNU gettext (`msgfmt`, which `manage.py compilemessages` calls) may
be missing on a fresh machine. `make run`, `make serve`, `make test` and the test session call
this; a .mo is rewritten only when its .po is newer (docs/languages.md).

    python -m config.catalogues          # compile what is stale
    python -m config.catalogues --check  # exit 1 if a .mo is missing or older than its .po
"""

import os
import sys
from pathlib import Path

import polib

BASE_DIR = Path(__file__).resolve().parent.parent


def locale_dirs():
    """settings.LOCALE_PATHS, the folders Django reads catalogues from (as compilemessages)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.conf import settings

    return [Path(path) for path in settings.LOCALE_PATHS]


def catalogues(locale_dir=None):
    """(po path, mo path) of every catalogue under locale_dir, or under every LOCALE_PATHS
    folder, in a stable order."""
    for folder in [locale_dir] if locale_dir else locale_dirs():
        for po_path in sorted(Path(folder).glob("*/LC_MESSAGES/*.po")):
            yield po_path, po_path.with_suffix(".mo")


def is_stale(po_path, mo_path):
    return not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime


def compile_catalogues(locale_dir=None, force=False):
    """Write the .mo of every catalogue whose .po changed; return the .mo paths written."""
    written = []
    for po_path, mo_path in catalogues(locale_dir):
        if force or is_stale(po_path, mo_path):
            catalogue = polib.pofile(str(po_path))
            # Like msgfmt: fuzzy entries are left out (they would show an unchecked guess).
            catalogue.save_as_mofile(str(mo_path))
            written.append(mo_path)
    return written


def main(argv):
    if "--check" in argv:
        stale = [str(mo) for po, mo in catalogues() if is_stale(po, mo)]
        for path in stale:
            print(f"out of date: {path}", file=sys.stderr)
        return 1 if stale else 0
    for path in compile_catalogues(force="--force" in argv):
        shown = path.relative_to(BASE_DIR) if path.is_relative_to(BASE_DIR) else path
        print(f"compiled {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
