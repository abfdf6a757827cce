"""Users and groups: the stock admin, with their history (ledger.models.accounts)."""

from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth.models import Group, User
from simple_history.admin import SimpleHistoryAdmin

admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, auth_admin.UserAdmin):
    pass


@admin.register(Group)
class GroupAdmin(SimpleHistoryAdmin, auth_admin.GroupAdmin):
    pass
