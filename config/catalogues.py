"""Compile the interface catalogues (locale/*/LC_MESSAGES/django.po) into the .mo files Django
reads, in Python: GNU gettext (`msgfmt`, which `manage.py compilemessages` calls) may be missing
on a fresh machine. `make run`, `make serve`, `make test` and the test session call this; a .mo
is rewritten only when its .po is newer (docs/languages.md).

    python -m config.catalogues          # compile what is stale
    python -m config.catalogues --check  # exit 1 if a .mo is missing or older than its .po
"""

import sys
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def catalogues(locale_dir=LOCALE_DIR):
    """(po path, mo path) of every catalogue, in a stable order."""
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        yield po_path, po_path.with_suffix(".mo")


def is_stale(po_path, mo_path):
    return not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime


def compile_catalogues(locale_dir=LOCALE_DIR, force=False):
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
        print(f"compiled {path.relative_to(LOCALE_DIR.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
