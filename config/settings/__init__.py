"""Settings modules: ``base`` (read from the environment), ``local``, ``test``, ``production``."""
