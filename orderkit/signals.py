"""Signals sent after an orderkit write commits.

Every signal is sent with ``sender=<the registered model>``, ``request`` (``None`` when the
operation was called from Python without one) and ``user``, plus:

- ``reordered``: ``positions``, a dict of the named rows' pks to their new positions; after
  a move into another group, also ``from_group`` and ``to_group`` (column filters).
- ``toggled``: ``instance``, ``field`` and ``value``.
- ``attached`` / ``detached``: ``instance``, ``relation`` and ``related`` (the other object).
- ``edited``: ``instance``, ``field`` and ``value``.

They are sent only when something changed.
"""

from __future__ import annotations

from django.dispatch import Signal

reordered = Signal()
toggled = Signal()
attached = Signal()
detached = Signal()
edited = Signal()
