"""The dossier (hồ sơ) and its lifecycle.

Where to look:

* ``workflow``: the one table of transitions, ``allowed_actions`` for buttons;
* ``services``: one atomic function per transition (``dossier_<verb>``);
* ``selectors``: worklists, menu counts, search, the leader's view, history;
* ``access``: ``dossier_get_for_user`` (logs personal-data access), scopes;
* ``events``: the only writer of the append-only history;
* ``numbering``: gap-free dossier codes, result and register numbers.
"""
