"""Settings: ``base`` (from the environment), ``local``, ``test``, ``production``."""
