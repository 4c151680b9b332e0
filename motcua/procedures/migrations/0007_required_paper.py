"""A checklist item is a "required paper" (one word per concept, docs/glossary.md)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("procedures", "0006_delegation_target"),
        # Every migration naming the old model runs before the rename.
        ("dossiers", "0009_legal_time_unit_assumed"),
        ("submissions", "0001_initial"),
    ]

    operations = [
        migrations.RenameModel("RequiredDocument", "RequiredPaper"),
        migrations.AlterModelOptions(
            name="requiredpaper",
            options={
                "verbose_name": "required paper",
                "verbose_name_plural": "required papers",
            },
        ),
        migrations.AlterField(
            model_name="requiredpaper",
            name="procedure",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="papers",
                to="procedures.procedure",
                verbose_name="procedure",
            ),
        ),
        migrations.AlterField(
            model_name="requiredpaper",
            name="is_note",
            field=models.BooleanField(default=False, verbose_name="note, not a paper"),
        ),
    ]
