"""The registry: which models orderkit may write, and how (the :class:`Kit` hooks)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypeVar, overload

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst

if TYPE_CHECKING:
    from django.http import HttpRequest

Action = Literal["reorder", "toggle", "attach", "detach"]
ACTIONS: tuple[Action, ...] = ("reorder", "toggle", "attach", "detach")


class Kit:
    """What orderkit may do with one model, and who may do it.

    Subclass it, set the options, override the hooks, and register it with
    :func:`register`. One instance serves every request; keep no per-request state on it.
    """

    #: The integer field that holds each row's position; ``None`` disables reordering.
    order_field: str | None = None
    #: Fields whose values split the rows into separately ordered groups.
    group_by: Sequence[str] = ()
    #: Boolean fields that may be toggled: names, or a mapping of name to a permission that
    #: toggling that field requires on top of :meth:`has_permission`.
    toggles: Sequence[str] | Mapping[str, str] = ()
    #: Many-to-many relations (forward fields or reverse accessors) that may be attached
    #: and detached.
    relations: Sequence[str] = ()
    #: The distance between neighbours' positions when orderkit numbers a group. ``1`` keeps
    #: positions dense: a move shifts the rows between its old and new place. Above 1
    #: (e.g. ``1024``) positions are sparse: a move usually writes the moved row alone.
    spacing: int = 1

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model

    def __repr__(self) -> str:
        return f"<{type(self).__name__} for {self.model._meta.label}>"

    @property
    def label(self) -> str:
        """The model's ``label_lower``, as used in orderkit's URLs."""
        return self.model._meta.label_lower

    def get_queryset(self, request: HttpRequest | None) -> models.QuerySet[Any]:
        """Return the rows that ``request`` may act on.

        Rows outside this queryset are answered as if they did not exist. The default is
        every row of the model's default manager.
        """
        return self.model._default_manager.all()

    def has_permission(
        self, request: HttpRequest, action: Action, obj: models.Model | None = None
    ) -> bool:
        """Return whether ``request.user`` may perform ``action``.

        It is called once with ``obj=None`` before the body is read, then once for each row
        that the request names. The default asks for the model-level ``change`` permission
        of the model, whatever the action and the row.
        """
        opts = self.model._meta
        return request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")

    def related_queryset(self, request: HttpRequest | None, relation: str) -> models.QuerySet[Any]:
        """Return the objects that may be attached through ``relation``.

        The default is every row of the related model's default manager.
        """
        return self.related_model(relation)._default_manager.all()

    # Not hooks: derived from the options above.

    def toggle_permission(self, field: str) -> str | None:
        """The extra permission registered for toggling ``field``, if any."""
        if isinstance(self.toggles, Mapping):
            return self.toggles.get(field)
        return None

    @property
    def toggle_names(self) -> tuple[str, ...]:
        return tuple(self.toggles)

    def field(self, name: str) -> models.Field[Any, Any]:
        """The concrete field called ``name`` (raises ``FieldDoesNotExist``)."""
        found = self.model._meta.get_field(name)
        if not isinstance(found, models.Field) or found.many_to_many:
            raise FieldDoesNotExist(f"{self.model._meta.label} has no concrete field {name!r}.")
        return found

    def group_attnames(self) -> tuple[str, ...]:
        """Column attribute names of ``group_by`` (``stable_id`` for ``stable``)."""
        return tuple(self.field(name).attname for name in self.group_by)

    def relation_field(self, name: str) -> models.ManyToManyField[Any, Any] | models.ManyToManyRel:
        """The many-to-many field or reverse relation registered as ``name``."""
        opts = self.model._meta
        for candidate in opts.get_fields():
            if isinstance(candidate, models.ManyToManyField) and candidate.name == name:
                return candidate
            if isinstance(candidate, models.ManyToManyRel) and name in (
                candidate.get_accessor_name(),
                candidate.name,
            ):
                return candidate
        raise FieldDoesNotExist(f"{opts.label} has no many-to-many relation {name!r}.")

    def verbose_name(self, name: str) -> str:
        """How the admin names a registered field or relation (``"Position"``, ``"Tags"``)."""
        if name in self.relations:
            field = self.relation_field(name)
            if isinstance(field, models.ManyToManyRel):
                related: Any = field.related_model
                return str(capfirst(related._meta.verbose_name_plural))
            return str(capfirst(field.verbose_name))
        return str(capfirst(self.field(name).verbose_name))

    def related_model(self, relation: str) -> type[models.Model]:
        field = self.relation_field(relation)
        related: Any = field.related_model
        return related  # type: ignore[no-any-return]

    def relation_accessor(self, relation: str) -> str:
        """The attribute of an instance that gives the relation's manager."""
        field = self.relation_field(relation)
        if isinstance(field, models.ManyToManyRel):
            accessor = field.get_accessor_name()
            assert accessor is not None  # a many-to-many relation always has one
            return accessor
        return field.name


class Registry:
    """Registered kits, by model and by ``label_lower``."""

    def __init__(self) -> None:
        self._kits: dict[type[models.Model], Kit] = {}
        #: Models registered more than once (reported by the system check ``orderkit.E006``).
        self.duplicates: list[type[models.Model]] = []

    def add(self, kit: Kit) -> None:
        if kit.model in self._kits:
            self.duplicates.append(kit.model)
        self._kits[kit.model] = kit

    def remove(self, model: type[models.Model]) -> None:
        self._kits.pop(model, None)
        self.duplicates = [m for m in self.duplicates if m is not model]

    def kits(self) -> list[Kit]:
        return list(self._kits.values())

    def for_model(self, model: type[models.Model]) -> Kit | None:
        return self._kits.get(model)

    def for_label(self, label: str) -> Kit | None:
        for kit in self._kits.values():
            if kit.label == label:
                return kit
        return None


registry = Registry()

KitT = TypeVar("KitT", bound=type[Kit])


@overload
def register(model: type[models.Model]) -> Callable[[KitT], KitT]: ...


@overload
def register(model: type[models.Model], **options: Any) -> Kit: ...


def register(model: type[models.Model], **options: Any) -> Callable[[KitT], KitT] | Kit:
    """Register ``model`` with orderkit.

    As a class decorator, ``@register(Pony)`` above a :class:`Kit` subclass; as a function,
    ``register(Pony, order_field="position", ...)``, which returns the kit. Options are checked
    by the system checks (``orderkit.E001``...), not here.
    """
    if options:
        unknown = sorted(
            set(options) - {"order_field", "group_by", "toggles", "relations", "spacing"}
        )
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
