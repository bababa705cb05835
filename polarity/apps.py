from django.apps import AppConfig


class PolarityConfig(AppConfig):
    """Register the engine's management commands; the engine itself needs no Django."""

    name = "polarity"
