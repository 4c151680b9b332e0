"""The checklist item a draft's paper answers is a "required paper"."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("procedures", "0007_required_paper"),
        ("submissions", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="submissionpaper", name="submission_paper_unique"
        ),
        migrations.RenameField("submissionpaper", "required_document", "required_paper"),
        migrations.AlterField(
            model_name="submissionpaper",
            name="required_paper",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="procedures.requiredpaper",
                verbose_name="checklist item",
            ),
        ),
        migrations.AddConstraint(
            model_name="submissionpaper",
            constraint=models.UniqueConstraint(
                fields=("submission", "required_paper"),
                name="submission_paper_unique",
            ),
        ),
    ]
