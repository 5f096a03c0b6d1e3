"""argmap: argument maps of claims joined by support and attack relations."""

__version__ = "0.1.0"
