"""Wear alerts and digest subscriptions (owned by the wear/alerts work)."""

__all__: list[str] = []
