"""mailflow: run a consultation by plain email."""

__version__ = "0.1.0"
