"""The registry: which models orderkit may write, each with its :class:`~orderkit.kit.Kit`.

``registry.get()`` is the one lookup: by model class or instance, or by ``label_lower``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, overload

from django.core.exceptions import FieldDoesNotExist
from django.db import models

from orderkit.exceptions import NotRegistered
from orderkit.kit import Action, Kit

OPTIONS = frozenset({"order_field", "group_by", "toggles", "relations", "editable", "spacing"})


@dataclass(frozen=True)
class LinkOrder:
    """How the links of one relation are ordered: by ``kit``, the kit of the relation's
    through model, which orders the through rows grouped by ``owner``, their foreign key to
    the object whose links they are; ``related`` is their foreign key to the linked object."""

    kit: Kit
    owner: str
    related: str


class Registry:
    """Registered kits, by model."""

    def __init__(self) -> None:
        self._kits: dict[type[models.Model], Kit] = {}
        #: Each kit that orders links, with the kit whose links they are (see links_owner).
        self._owners: dict[Kit, tuple[Kit, LinkOrder]] | None = None
        #: Models registered more than once (reported by the system check ``orderkit.E006``).
        self.duplicates: list[type[models.Model]] = []

    def add(self, kit: Kit) -> None:
        if kit.model in self._kits:
            self.duplicates.append(kit.model)
        self._kits[kit.model] = kit
        self._owners = None

    def remove(self, model: type[models.Model]) -> None:
        self._kits.pop(model, None)
        self._owners = None
        self.duplicates = [m for m in self.duplicates if m is not model]

    def kits(self) -> list[Kit]:
        return list(self._kits.values())

    def __contains__(self, model: object) -> bool:
        """Whether :meth:`get` finds a kit for ``model``, without raising."""
        return self._lookup(model) is not None

    def get(
        self,
        model: type[models.Model] | models.Model | str,
        action: Action | None = None,
        name: str | None = None,
    ) -> Kit:
        """The kit of ``model`` (a model class, an instance, or ``"app_label.model"``).

        With ``action``, the kit must register it: an ``order_field`` for ``"reorder"``, the
        toggle ``name`` for ``"toggle"``, the relation ``name`` for ``"attach"`` and
        ``"detach"``, the editable field ``name`` for ``"edit"``. Raises
        :class:`~orderkit.exceptions.NotRegistered` otherwise.
        """
        kit = self._lookup(model)
        if kit is None:
            raise NotRegistered(_missing(model))
        if action is not None:
            kit.require(action, name)
        return kit

    def link_order(self, kit: Kit, relation: str) -> LinkOrder | None:
        """The order of ``kit``'s links through ``relation``, when its through model is
        registered with an ``order_field`` and grouped by its foreign key to ``kit``'s model
        alone; ``None`` for links in no order of orderkit's."""
        through, owner, related = kit.through_fields(relation)
        through_kit = self._lookup(through)
        if through_kit is None or through_kit.order_field is None:
            return None
        if tuple(through_kit.group_by) != (owner,):
            return None
        return LinkOrder(through_kit, owner, related)

    def links_owner(self, kit: Kit) -> tuple[Kit, LinkOrder] | None:
        """The kit whose links ``kit`` orders, and their order; ``None`` for a kit that orders
        no links (a relation that its model lacks is skipped: a system check reports it)."""
        if self._owners is None:
            owners: dict[Kit, tuple[Kit, LinkOrder]] = {}
            for owner in self._kits.values():
                for relation in owner.relations:
                    try:
                        order = self.link_order(owner, relation)
                    except FieldDoesNotExist:
                        continue
                    if order is not None:
                        owners[order.kit] = (owner, order)
            self._owners = owners
        return self._owners.get(kit)

    def _lookup(self, model: object) -> Kit | None:
        if isinstance(model, str):
            return next((kit for kit in self._kits.values() if kit.label == model), None)
        cls = model if isinstance(model, type) else type(model)
        return self._kits.get(cls)


def _missing(model: object) -> str:
    """Why :meth:`Registry.get` found no kit for ``model``."""
    if isinstance(model, str):
        return (
            f"No model registered with orderkit is called {model!r} (a label_lower, as in "
            "orderkit's URLs: 'app_label.modelname')."
        )
    cls = model if isinstance(model, type) else type(model)
    if not issubclass(cls, models.Model):
        return (
            "orderkit looks kits up by a model, a model instance or 'app_label.model', not by "
            f"{model!r}."
        )
    return (
        f"{cls._meta.label} is not registered with orderkit; register it with "
        f"@orderkit.register({cls.__name__}) in a kits.py."
    )


registry = Registry()

KitT = TypeVar("KitT", bound=type[Kit])


@overload
def register(model: type[models.Model]) -> Callable[[KitT], KitT]: ...


@overload
def register(model: type[models.Model], **options: Any) -> Kit: ...


def register(model: type[models.Model], **options: Any) -> Callable[[KitT], KitT] | Kit:
    """Register ``model`` with orderkit.

    As a class decorator, ``@register(Pony)`` above a :class:`Kit` subclass; as a function,
    ``register(Pony, order_field="position", ...)``, which returns the kit. Options are
    checked by the system checks (``orderkit.E001``...), not here.
    """
    if options:
        unknown = sorted(set(options) - OPTIONS)
        if unknown:
            raise TypeError(f"register() got unknown options {unknown}.")
        kit_class = type(f"{model.__name__}Kit", (Kit,), dict(options))
        kit: Kit = kit_class(model)
        registry.add(kit)
        return kit

    def decorate(kit_class: KitT) -> KitT:
        if not (isinstance(kit_class, type) and issubclass(kit_class, Kit)):
            raise TypeError("@orderkit.register(Model) decorates a subclass of orderkit.Kit.")
        registry.add(kit_class(model))
        return kit_class

    return decorate
