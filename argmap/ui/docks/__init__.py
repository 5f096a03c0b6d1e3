"""Dock widgets beside the canvas: inspector, outline, and later review and checks."""
