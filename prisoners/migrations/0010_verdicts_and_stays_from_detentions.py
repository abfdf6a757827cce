"""Move each detention's single verdict into a Verdict row and its free-text facility into a
Facility and a Stay, so nothing typed before the model deepened is lost."""

from django.db import migrations
from django.utils.text import slugify


def move_to_verdicts_and_stays(apps, schema_editor):
    Detention = apps.get_model("prisoners", "Detention")
    Verdict = apps.get_model("prisoners", "Verdict")
    Facility = apps.get_model("prisoners", "Facility")
    Stay = apps.get_model("prisoners", "Stay")
    facilities = {}
    for detention in Detention._default_manager.order_by("pk"):
        has_verdict = (
            detention.verdict_on
            or detention.sentence_months is not None
            or detention.court
            or detention.sentence_kind
            or detention.regime
        )
        if has_verdict:
            Verdict._default_manager.create(
                detention=detention,
                kind="first_instance",
                court=detention.court,
                decided_on=detention.verdict_on,
                decided_on_precision=detention.verdict_on_precision,
                sentence_months=detention.sentence_months,
                sentence_kind=detention.sentence_kind,
                regime=detention.regime,
            )
            detention.term_months = detention.sentence_months
            detention.save(update_fields=["term_months"])
        name = detention.facility.strip()
        if name:
            if name not in facilities:
                base = slugify(name)[:180] or "facility"
                slug, n = base, 1
                while Facility._default_manager.filter(slug=slug).exists():
                    n += 1
                    slug = f"{base}-{n}"
                facilities[name] = Facility._default_manager.create(name=name, slug=slug, kind="other")
            Stay._default_manager.create(
                person_id=detention.person_id,
                facility=facilities[name],
                until_on=detention.ended_on,
                until_on_precision=detention.ended_on_precision,
                note="Moved from the detention's facility field.",
            )


class Migration(migrations.Migration):
    dependencies = [("prisoners", "0009_deeper_record")]

    operations = [
        migrations.RunPython(move_to_verdicts_and_stays, migrations.RunPython.noop),
    ]
