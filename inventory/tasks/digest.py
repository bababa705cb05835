"""Weekly digest tasks (owned by the wear/alerts work)."""

__all__: list[str] = []
