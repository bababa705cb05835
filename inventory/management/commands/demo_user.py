"""Create the demo logins (admin, technician, viewer) and print them."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from inventory.roles import ensure_roles, user_with_role

DEMO_USERS = (("admin", "admin"), ("tech", "technician"), ("viewer", "viewer"))


class Command(BaseCommand):
    help = "Create demo users for each role (password: fibertrace-demo) and print them."

    def handle(self, *args: Any, **options: Any) -> None:
        ensure_roles()
        for username, role in DEMO_USERS:
            user_with_role(username=username, role=role, password="fibertrace-demo")
        self.stdout.write("Demo logins (password fibertrace-demo): admin, tech, viewer")
