"""The site version and the history of accounts move to the `ledger` app (site mechanics, not the
record of people): state only here; `ledger` 0001 renames their tables."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('prisoners', '0018_texts_per_language'),
        ('ledger', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='historicalgroup',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalgroup_permissions',
                    name='history',
                ),
                migrations.RemoveField(
                    model_name='historicalgroup_permissions',
                    name='group',
                ),
                migrations.RemoveField(
                    model_name='historicalgroup_permissions',
                    name='permission',
                ),
                migrations.RemoveField(
                    model_name='historicaluser',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicaluser_groups',
                    name='history',
                ),
                migrations.RemoveField(
                    model_name='historicaluser_user_permissions',
                    name='history',
                ),
                migrations.RemoveField(
                    model_name='historicaluser_groups',
                    name='group',
                ),
                migrations.RemoveField(
                    model_name='historicaluser_groups',
                    name='user',
                ),
                migrations.RemoveField(
                    model_name='historicaluser_user_permissions',
                    name='permission',
                ),
                migrations.RemoveField(
                    model_name='historicaluser_user_permissions',
                    name='user',
                ),
                migrations.DeleteModel(
                    name='SiteVersion',
                ),
                migrations.DeleteModel(
                    name='HistoricalGroup',
                ),
                migrations.DeleteModel(
                    name='HistoricalGroup_permissions',
                ),
                migrations.DeleteModel(
                    name='HistoricalUser',
                ),
                migrations.DeleteModel(
                    name='HistoricalUser_groups',
                ),
                migrations.DeleteModel(
                    name='HistoricalUser_user_permissions',
                ),
            ],
        ),
    ]
