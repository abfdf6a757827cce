# Issue 21: citations and claims get a random public id (ledger.slugs.new_public_id), shown in
# the API instead of the database key. Existing rows get one each; their history rows take the
# id of their record (a deleted record's history gets one of its own).

from django.db import migrations, models

import ledger.slugs


def fill_public_ids(apps, schema_editor):
    for name in ("Citation", "Claim"):
        model = apps.get_model("prisoners", name)
        history = apps.get_model("prisoners", f"Historical{name}")
        taken = set()
        given = {}
        for pk in model._base_manager.values_list("pk", flat=True).iterator():
            public_id = ledger.slugs.new_public_id()
            while public_id in taken:
                public_id = ledger.slugs.new_public_id()
            taken.add(public_id)
            given[pk] = public_id
            model._base_manager.filter(pk=pk).update(public_id=public_id)
        for record_id in history._base_manager.values_list("id", flat=True).distinct():
            public_id = given.get(record_id) or ledger.slugs.new_public_id()
            history._base_manager.filter(id=record_id).update(public_id=public_id)


class Migration(migrations.Migration):

    dependencies = [
        ("prisoners", "0022_i21_invented_examples"),
    ]

    operations = [
        migrations.AddField(
            model_name="citation",
            name="public_id",
            field=models.CharField(max_length=12, null=True),
        ),
        migrations.AddField(
            model_name="claim",
            name="public_id",
            field=models.CharField(max_length=12, null=True),
        ),
        migrations.AddField(
            model_name="historicalcitation",
            name="public_id",
            field=models.CharField(max_length=12, null=True),
        ),
        migrations.AddField(
            model_name="historicalclaim",
            name="public_id",
            field=models.CharField(max_length=12, null=True),
        ),
        migrations.RunPython(fill_public_ids, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="citation",
            name="public_id",
            field=models.CharField(default=ledger.slugs.new_public_id, editable=False, help_text="The citation's public identifier in the API and the data: random and stable, unlike the database key.", max_length=12, unique=True),
        ),
        migrations.AlterField(
            model_name="claim",
            name="public_id",
            field=models.CharField(default=ledger.slugs.new_public_id, editable=False, help_text="The claim's public identifier in the API and the data: random and stable, unlike the database key.", max_length=12, unique=True),
        ),
        migrations.AlterField(
            model_name="historicalcitation",
            name="public_id",
            field=models.CharField(db_index=True, default=ledger.slugs.new_public_id, editable=False, help_text="The citation's public identifier in the API and the data: random and stable, unlike the database key.", max_length=12),
        ),
        migrations.AlterField(
            model_name="historicalclaim",
            name="public_id",
            field=models.CharField(db_index=True, default=ledger.slugs.new_public_id, editable=False, help_text="The claim's public identifier in the API and the data: random and stable, unlike the database key.", max_length=12),
        ),
    ]
