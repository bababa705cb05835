"""One error shape for the whole API: domain and validation errors become HTTP 400."""

from __future__ import annotations

from typing import Any

from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from inventory.errors import PlantError


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Map PlantError to a 400 naming the field and the reason; defer the rest to DRF."""
    if isinstance(exc, PlantError):
        body: dict[str, Any] = {"detail": exc.message, "code": exc.code}
        if exc.field:
            body[exc.field] = [exc.message]
        return Response(body, status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)
