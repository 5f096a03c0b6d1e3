"""File formats: one module per format, each with `read` and `write`; see registry.py."""
