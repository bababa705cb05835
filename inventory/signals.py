"""Integration signals, sent after commit: outside systems (webhooks) listen; no domain logic.

* ``mac_recorded(sender, event)``: a MAC event was committed.
* ``channel_status_changed(sender, channel, before, after)``: a stored channel's
  validation status changed (ok → failing, failing → ok, …).
"""

from django.dispatch import Signal

mac_recorded = Signal()
channel_status_changed = Signal()
