"""orderkit: reorder, toggle, attach and detach through permission-guarded JSON views."""

from __future__ import annotations

from orderkit.kit import Kit
from orderkit.registry import register, registry

__all__ = ["Kit", "register", "registry"]
__version__ = "0.1.0.dev0"
