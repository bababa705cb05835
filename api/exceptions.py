"""One error shape for the whole API: domain and validation errors become HTTP 400.

* :class:`PlantError` (a refused plant write) → 400 naming the field and the reason.
* A database refusal (a protected relation on delete, a unique or check constraint a
  concurrent writer won) → 409, never a 500.
* A validation error given as a bare list (a bulk body, a non-field error) → wrapped as
  ``{"errors": [...]}`` so that every 4xx body is a JSON object.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError
from django.db.models import ProtectedError, RestrictedError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from inventory.errors import PlantError


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Map domain and database refusals to 400/409; defer the rest to DRF."""
    if isinstance(exc, PlantError):
        body: dict[str, Any] = {"detail": exc.message, "code": exc.code}
        if exc.field:
            body[exc.field] = [exc.message]
        return Response(body, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, ProtectedError | RestrictedError):
        return Response(
            {
                "detail": "Other objects still refer to this one; remove them first.",
                "code": "protected",
            },
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, IntegrityError):
        return Response(
            {
                "detail": "The change conflicts with the stored plant; reload and try again.",
                "code": "conflict",
            },
            status=status.HTTP_409_CONFLICT,
        )
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, list):
        response.data = {"errors": response.data}
    return response
