from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("prisoners", "0010_verdicts_and_stays_from_detentions"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="detention",
            name="detention_verdict_not_before_arrest",
        ),
        migrations.RemoveConstraint(
            model_name="detention",
            name="detention_sentence_not_negative",
        ),
        migrations.RemoveField(
            model_name="detention",
            name="court",
        ),
        migrations.RemoveField(
            model_name="detention",
            name="facility",
        ),
        migrations.RemoveField(
            model_name="detention",
            name="regime",
        ),
        migrations.RemoveField(
            model_name="detention",
            name="sentence_kind",
        ),
        migrations.RemoveField(
            model_name="detention",
            name="sentence_months",
        ),
        migrations.RemoveField(
            model_name="detention",
            name="verdict_on",
        ),
        migrations.RemoveField(
            model_name="detention",
            name="verdict_on_precision",
        ),
        migrations.RemoveField(
            model_name="historicaldetention",
            name="court",
        ),
        migrations.RemoveField(
            model_name="historicaldetention",
            name="facility",
        ),
        migrations.RemoveField(
            model_name="historicaldetention",
            name="regime",
        ),
        migrations.RemoveField(
            model_name="historicaldetention",
            name="sentence_kind",
        ),
        migrations.RemoveField(
            model_name="historicaldetention",
            name="sentence_months",
        ),
        migrations.RemoveField(
            model_name="historicaldetention",
            name="verdict_on",
        ),
        migrations.RemoveField(
            model_name="historicaldetention",
            name="verdict_on_precision",
        ),
    ]
