"""Attaching and detaching many-to-many links through the relation's own manager."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import router
from django.db.models import Exists, ManyToManyRel, Model
from django.dispatch import Signal

from orderkit import signals
from orderkit.exceptions import NotFound
from orderkit.kit import Kit
from orderkit.operations.audit import log_link, send_on_commit
from orderkit.operations.linkorder import add_last, remove_closing_gap
from orderkit.operations.transactions import locked, run_atomic
from orderkit.registry import registry

if TYPE_CHECKING:
    from django.http import HttpRequest

    from orderkit.operations.audit import User


@dataclass(frozen=True)
class LinkResult:
    changed: bool
    #: The pk of the through row that an attach made, when the relation's links are ordered
    #: (the client needs it to move the new link).
    link_pk: Any = None


def attach(
    kit: Kit,
    obj: Model,
    relation: str,
    related: Model,
    *,
    user: User | None = None,
    request: HttpRequest | None = None,
) -> LinkResult:
    """Link ``related`` to ``obj`` with the manager's ``add()`` unless already linked; last
    among ``obj``'s links when the relation's through model is a kit with an order."""
    return _link(kit, obj, relation, related, True, user, request)


def detach(
    kit: Kit,
    obj: Model,
    relation: str,
    related: Model,
    *,
    user: User | None = None,
    request: HttpRequest | None = None,
) -> LinkResult:
    """Unlink ``related`` from ``obj`` with the manager's ``remove()`` if linked; the links
    after it close the gap when the relation's through model is a dense kit."""
    return _link(kit, obj, relation, related, False, user, request)


def _link(
    kit: Kit,
    obj: Model,
    relation: str,
    related: Model,
    linked_wanted: bool,
    user: User | None,
    request: HttpRequest | None,
) -> LinkResult:
    kit.require("attach" if linked_wanted else "detach", relation)
    using = router.db_for_write(kit.model)
    owner = kit.model._base_manager.using(using).filter(pk=obj.pk)
    signal: Signal = signals.attached if linked_wanted else signals.detached
    order = registry.link_order(kit, relation)

    def write() -> LinkResult:
        # Locking the owner row serializes every link change of this object; the same
        # statement reads whether the link exists.
        manager: Any = getattr(obj, kit.relation_accessor(relation))
        is_linked = Exists(manager.filter(pk=related.pk))
        found = locked(owner.select_for_update().values_list(is_linked, flat=True))
        if not found:
            raise NotFound()
        if found[0] == linked_wanted:
            return LinkResult(changed=False)
        link_pk = None
        if order is None:
            (manager.add if linked_wanted else manager.remove)(related)
        elif linked_wanted:
            link_pk = add_last(order, obj, related, manager, using)
        else:
            remove_closing_gap(order, obj, related, manager, using)
        log_link(user, obj, link_name(kit, relation), related, added=linked_wanted)
        send_on_commit(
            signal,
            kit.model,
            using,
            request,
            user,
            instance=obj,
            relation=relation,
            related=related,
        )
        return LinkResult(changed=True, link_pk=link_pk)

    return run_atomic(kit.model, write)


def link_name(kit: Kit, relation: str) -> str:
    """The verbose name of the relation's link model ("Pony-tag relationship")."""
    field: Any = kit.relation_field(relation)
    through: Any = (
        field.through if isinstance(field, ManyToManyRel) else field.remote_field.through
    )
    return str(through._meta.verbose_name)
