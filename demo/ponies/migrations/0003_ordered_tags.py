"""Pony.tags gets a through model, PonyTag, which orders a pony's tags.

The table that Django made for Pony.tags stays: PonyTag takes it over in the migration
state only, then gains its position column, and each pony's existing tags are numbered
0, 1, 2, ... in the order of their names.
"""

from typing import Any

import django.db.models.deletion
from django.db import migrations, models


def number_tags(apps: Any, schema_editor: Any) -> None:
    PonyTag = apps.get_model("ponies", "PonyTag")
    links = PonyTag.objects.using(schema_editor.connection.alias).order_by("pony", "tag__name", "pk")
    numbered = []
    pony, position = None, 0
    for link in links:
        position = position + 1 if link.pony_id == pony else 0
        pony = link.pony_id
        link.position = position
        numbered.append(link)
    PonyTag.objects.using(schema_editor.connection.alias).bulk_update(numbered, ["position"], batch_size=1000)


class Migration(migrations.Migration):

    dependencies = [
        ("ponies", "0002_unique_pony_names"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PonyTag",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("pony", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="ponies.pony")),
                        ("tag", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="ponies.tag")),
                    ],
                    options={
                        "db_table": "ponies_pony_tags",
                        "unique_together": {("pony", "tag")},
                    },
                ),
                migrations.AlterField(
                    model_name="pony",
                    name="tags",
                    field=models.ManyToManyField(blank=True, related_name="ponies", through="ponies.PonyTag", to="ponies.tag"),
                ),
            ],
        ),
        migrations.AddField(
            model_name="ponytag",
            name="position",
            field=models.PositiveIntegerField(blank=True, null=True),
        ),
        migrations.AlterModelOptions(
            name="ponytag",
            options={"ordering": ["pony", "position", "pk"]},
        ),
        migrations.RunPython(number_tags, migrations.RunPython.noop),
    ]
