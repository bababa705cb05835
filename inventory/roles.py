"""Roles as Django groups: viewer (read), technician (read + MACs), admin (everything)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group, User

VIEWER = "viewer"
TECHNICIAN = "technician"
ADMIN = "admin"
ROLES = (VIEWER, TECHNICIAN, ADMIN)


def ensure_roles() -> None:
    """Create the role groups if they are missing."""
    for name in ROLES:
        Group.objects.get_or_create(name=name)


def role_of(user: AbstractBaseUser | AnonymousUser | None) -> str | None:
    """The strongest role a user holds (superusers are admins), or None."""
    if user is None or not user.is_authenticated:
        return None
    if getattr(user, "is_superuser", False):
        return ADMIN
    if not isinstance(user, User):
        return None
    names = set(user.groups.values_list("name", flat=True))
    for role in (ADMIN, TECHNICIAN, VIEWER):
        if role in names:
            return role
    return None


def can_log_macs(user: AbstractBaseUser | AnonymousUser | None) -> bool:
    return role_of(user) in (TECHNICIAN, ADMIN)


def user_with_role(*, username: str, role: str, password: str, email: str = "") -> User:
    """Create or update a user holding exactly ``role``."""
    ensure_roles()
    user, _ = User.objects.get_or_create(username=username, defaults={"email": email})
    user.set_password(password)
    user.is_staff = role == ADMIN
    user.is_superuser = role == ADMIN
    if email:
        user.email = email
    user.save()
    user.groups.set([Group.objects.get(name=role)])
    return user
