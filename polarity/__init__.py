"""Fibertrace's polarity engine: pure Python, no Django (see channel-spec.md).

Public API::

    from polarity import parse_document, validate, validate_document, SpecError
    channel = parse_channel(doc)            # or parse_document(doc) for one spec or a list
    result = validate(channel, catalogue)   # Result; result.to_dict() is the contract JSON
"""

from polarity.catalogue import DEFAULT_CATALOGUE, ApplicationSpec, Catalogue, FiberSpec
from polarity.channel import Channel
from polarity.engine import validate, validate_document, validate_many
from polarity.errors import SpecError, SpecIssue
from polarity.results import Fiber, Loss, Problem, Result, Suggestion
from polarity.spec import parse_channel, parse_document

__all__ = [
    "DEFAULT_CATALOGUE",
    "ApplicationSpec",
    "Catalogue",
    "Channel",
    "Fiber",
    "FiberSpec",
    "Loss",
    "Problem",
    "Result",
    "SpecError",
    "SpecIssue",
    "Suggestion",
    "parse_channel",
    "parse_document",
    "validate",
    "validate_document",
    "validate_many",
]
