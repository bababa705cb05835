"""Role permissions for every endpoint: viewer reads, technician logs MACs, admin does all.

Roles are Django groups (``inventory.roles``). A view states the role a write needs with
``write_role`` (default admin) and, rarely, the role a read needs with ``read_role``
(default viewer); the permission class enforces it so that no endpoint forgets.
"""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from inventory.roles import ADMIN, TECHNICIAN, VIEWER, role_of

__all__ = ["ADMIN", "TECHNICIAN", "VIEWER", "RolePermission", "request_role"]

_RANK = {None: 0, VIEWER: 1, TECHNICIAN: 2, ADMIN: 3}


def request_role(request: Request) -> str | None:
    """The caller's role, looked up once per request (one query for the groups)."""
    if not hasattr(request, "_fibertrace_role"):
        request._fibertrace_role = role_of(request.user)
    role: str | None = request._fibertrace_role
    return role


class RolePermission(BasePermission):
    """Allow a request when the caller's role is at least the one the view asks for."""

    message = "Your role does not allow this operation."

    def has_permission(self, request: Request, view: Any) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False
        if request.method in SAFE_METHODS:
            needed = getattr(view, "read_role", VIEWER)
        else:
            needed = getattr(view, "write_role", ADMIN)
        return _RANK[request_role(request)] >= _RANK[needed]
