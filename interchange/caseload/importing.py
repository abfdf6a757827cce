"""Importing a caseload file: read, check and plan every sheet, then, only when no problem
remains, write the whole plan in one transaction. The command, the admin and the tests call
`import_caseload`; `dry_run` stops after the plan (the preview)."""

from dataclasses import dataclass, field

from django.db import DatabaseError, IntegrityError, transaction

from interchange.caseload.matching import CHANGED, NEW, UNCHANGED, Matcher
from interchange.caseload.parsing import parse_sheets
from interchange.caseload.reading import Problem, read_caseload
from interchange.caseload.sheets import SHEETS
from interchange.caseload.writing import constraint_message, write_plan


class ImportRefused(Exception):
    """Raised inside the transaction so that nothing of a refused write remains."""


@dataclass
class CaseloadImport:
    problems: list = field(default_factory=list)
    plans: dict = field(default_factory=dict)
    written: dict = field(default_factory=dict)
    dry_run: bool = False

    @property
    def counts(self) -> dict:
        """{sheet: {new, changed, unchanged, duplicates}} for the sheets in the file."""
        counts = {}
        for sheet in SHEETS:
            if sheet.name not in self.plans:
                continue
            plans = self.plans[sheet.name]
            counts[sheet.name] = {
                "new": sum(p.status == NEW for p in plans),
                "changed": sum(p.status == CHANGED for p in plans),
                "unchanged": sum(p.status == UNCHANGED for p in plans),
                "duplicates": sum(bool(p.duplicates) for p in plans),
            }
        return counts

    @property
    def changes_anything(self) -> bool:
        return any(c["new"] or c["changed"] for c in self.counts.values())

    def summary(self) -> str:
        if self.problems:
            return (
                f"Nothing was imported: the file has {len(self.problems)} "
                f"problem{'s' if len(self.problems) != 1 else ''}."
            )
        parts = [
            f"{name}: {c['new']} new, {c['changed']} changed, {c['unchanged']} unchanged"
            for name, c in self.counts.items()
        ]
        if not self.changes_anything:
            return "Nothing to change: every row already matches the ledger. " + "; ".join(parts)
        verb = "Would import" if self.dry_run else "Imported"
        return f"{verb}: " + "; ".join(parts) + "."

    def changed_rows(self):
        """(sheet, plan) for each new or changed row, in sheet order: the preview's list."""
        for sheet in SHEETS:
            for plan in self.plans.get(sheet.name, []):
                if plan.status in (NEW, CHANGED):
                    yield sheet.name, plan


def duplicate_problems(plans):
    problems = []
    for plan in plans.get("people", []):
        if plan.existing is None and plan.duplicates:
            names = ", ".join(f"{p.display_name} ({p.slug})" for p in plan.duplicates[:5])
            problems.append(
                Problem(
                    "people",
                    plan.row.addresses.get("name", plan.row.addresses.get("slug", "")),
                    plan.row.values.get("display_name", plan.row.key),
                    f"is possibly the same person as {names}. Write that slug in same_as to "
                    "update them, or confirm that these are different people.",
                )
            )
    return problems


def plan_caseload(data: bytes, filename: str, create_namesakes=False) -> CaseloadImport:
    result = CaseloadImport()
    raw, result.problems = read_caseload(data, filename)
    parsed = parse_sheets(raw, result.problems)
    result.plans = Matcher(parsed, result.problems).plan()
    if not create_namesakes:
        result.problems += duplicate_problems(result.plans)
    return result


def import_caseload(
    data: bytes, filename: str = "", *, dry_run=False, user=None, create_namesakes=False
) -> CaseloadImport:
    """Check the file and, with no problem and not `dry_run`, write it all in one transaction."""
    try:
        with transaction.atomic():
            result = plan_caseload(data, filename, create_namesakes)
            result.dry_run = dry_run
            if result.problems or dry_run or not result.changes_anything:
                return result
            reason = f"Imported from the caseload file {filename}".strip()
            result.written = write_plan(result.plans, user=user, reason=reason)
    except IntegrityError as error:
        return CaseloadImport(problems=[Problem("", "", "", constraint_message(error))])
    except DatabaseError as error:
        return CaseloadImport(problems=[Problem("", "", "", constraint_message(error))])
    return result
