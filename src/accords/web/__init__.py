"""The HTTP API and the pages: `accords serve` (see app.py; command.py is the command)."""
