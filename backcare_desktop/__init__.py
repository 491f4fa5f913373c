"""BackCare: guided back-care stretching on the desktop."""

__version__ = "0.1.0"
