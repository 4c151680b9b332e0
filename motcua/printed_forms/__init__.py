"""Official one-stop forms 01–07 (Circular 03/2025/TT-VPCP, Annex I) as PDF and Excel.

A low layer: it knows nothing of dossiers, procedures or agencies. Callers build
the plain dataclasses of ``motcua.printed_forms.data`` and call ``form_pdf`` or
``register_xlsx``.
"""
