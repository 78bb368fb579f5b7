"""What a kit knows of its model's many-to-many relations, by the names it registers them
under: the field or reverse relation, the related model, the through model and its keys,
and the accessor of an instance's manager."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models


class KitRelations:
    """The relations part of :class:`~orderkit.kit.Kit`, over its ``model``."""

    model: type[models.Model]

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

    def related_model(self, relation: str) -> type[models.Model]:
        related: Any = self.relation_field(relation).related_model
        return related  # type: ignore[no-any-return]

    def through_fields(self, relation: str) -> tuple[type[models.Model], str, str]:
        """The relation's through model, its foreign key to this kit's model (the owner of
        the links) and its foreign key to the related model, as field names."""
        field = self.relation_field(relation)
        if isinstance(field, models.ManyToManyRel):
            forward: Any = field.field
            through: Any = field.through
            return through, forward.m2m_reverse_field_name(), forward.m2m_field_name()
        through = field.remote_field.through
        return through, field.m2m_field_name(), field.m2m_reverse_field_name()

    def relation_accessor(self, relation: str) -> str:
        """The attribute of an instance that gives the relation's manager."""
        field = self.relation_field(relation)
        if isinstance(field, models.ManyToManyRel):
            accessor = field.get_accessor_name()
            assert accessor is not None  # a many-to-many relation always has one
            return accessor
        return field.name
