"""The explorer's widgets, one module each."""
