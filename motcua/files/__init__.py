"""Stored files: the uploaded papers' bytes, checked on the way in (``uploads``),
served back safely (``serving``) and purged once no row refers to them
(``orphans``). A low layer, like ``printed_forms``: it knows nothing of dossiers.
"""
