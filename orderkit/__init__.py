"""orderkit: reorder, toggle, attach and detach through permission-guarded JSON views."""

from __future__ import annotations

from orderkit.registry import Kit, register, registry

__all__ = ["Kit", "register", "registry"]
__version__ = "0.1.0.dev0"
