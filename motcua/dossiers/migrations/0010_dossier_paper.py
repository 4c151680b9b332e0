"""A dossier's checklist row is a "dossier paper" (docs/glossary.md)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0009_legal_time_unit_assumed"),
        ("procedures", "0007_required_paper"),
    ]

    operations = [
        migrations.RenameModel("DossierDocument", "DossierPaper"),
        migrations.RenameField("dossierpaper", "required_document", "required_paper"),
        migrations.AlterModelOptions(
            name="dossierpaper",
            options={
                "verbose_name": "dossier paper",
                "verbose_name_plural": "dossier papers",
            },
        ),
        migrations.AlterField(
            model_name="dossierpaper",
            name="dossier",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="papers",
                to="dossiers.dossier",
                verbose_name="dossier",
            ),
        ),
    ]
