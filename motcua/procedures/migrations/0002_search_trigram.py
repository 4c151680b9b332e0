"""A pg_trgm GIN index on the folded search column (PostgreSQL only).

``LIKE '%word%'`` on ``search_text`` uses it; SQLite scans the small table.
"""

from django.db import migrations

INDEX = "procedures_procedure_search_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON procedures_procedure "
            "USING gin (search_text gin_trgm_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0001_postgres_extensions"),
        ("procedures", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
