"""Celery tasks: thin interfaces that take primary keys and call services.

Each job lives in its own module; importing them here lets Celery's autodiscovery
(which looks for ``inventory.tasks``) register them all.
"""

from inventory.tasks.digest import *  # noqa: F403
from inventory.tasks.revalidation import *  # noqa: F403
from inventory.tasks.wear import *  # noqa: F403
