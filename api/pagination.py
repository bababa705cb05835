"""Limit/offset pagination as DCIM clients expect (NetBox style), capped at 1,000."""

from rest_framework.pagination import LimitOffsetPagination as _Base


class LimitOffsetPagination(_Base):
    """``?limit=&offset=`` with ``count``/``next``/``previous``; at most 1,000 per page."""

    default_limit = 50
    max_limit = 1000
