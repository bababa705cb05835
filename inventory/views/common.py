"""What every screen shares: sign-in and role gates, the nav context, paging helpers."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.http import HttpRequest

from inventory.roles import can_log_macs, role_of

__all__ = ["TechnicianRequiredMixin", "nav", "page_query"]


class TechnicianRequiredMixin(LoginRequiredMixin, UserPassesTestMixin):
    """Let technicians and admins in; viewers get 403, anonymous users the login page."""

    raise_exception = False

    def test_func(self) -> bool:
        return can_log_macs(self.request.user)  # type: ignore[attr-defined]

    def handle_no_permission(self) -> Any:
        # Signed-in viewers must see a refusal, not a login loop.
        if self.request.user.is_authenticated:  # type: ignore[attr-defined]
            self.raise_exception = True
        return super().handle_no_permission()


def nav(request: HttpRequest) -> dict[str, Any]:
    """Template context for the nav: who is signed in, their role, what they may do.

    Computed once per request (one groups query) so templates never ask the database.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_role": None, "nav_can_log_macs": False}
    role = role_of(user)
    return {"nav_role": role, "nav_can_log_macs": role in ("technician", "admin")}


def page_query(request: HttpRequest) -> str:
    """The current query string without ``page``, for pagination links that keep filters."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
