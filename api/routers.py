"""A router that adds NetBox-style bulk update and delete on the list URL."""

from __future__ import annotations

from typing import Any

from rest_framework.routers import DefaultRouter

__all__ = ["BulkRouter"]


class BulkRouter(DefaultRouter):
    """Map PUT/PATCH/DELETE on ``/<objects>/`` to ``bulk_update``/``bulk_partial_update``/
    ``bulk_destroy`` when the viewset has them (the router skips missing methods)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        list_route = self.routes[0]
        self.routes[0] = list_route._replace(
            mapping={
                **list_route.mapping,
                "put": "bulk_update",
                "patch": "bulk_partial_update",
                "delete": "bulk_destroy",
            }
        )
