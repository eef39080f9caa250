"""Readers that turn sources into Articles."""
