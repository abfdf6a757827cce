"""Shared pytest configuration: the database the suite runs on comes from DATABASE_URL."""
