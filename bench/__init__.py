"""Benchmarks: scripts run by hand and by ``bench/run``; each prints its figures."""
