"""Dagster code location of the summits warehouse (thin: assets, resources, sensors, schedules, checks)."""
