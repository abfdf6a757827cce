"""Releases and deals in the read-only API (see `prisoners.api` for what every view shares)."""
