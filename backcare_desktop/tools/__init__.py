"""Maintenance commands for the shipped data (run from a source checkout)."""
