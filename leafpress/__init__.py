"""leafpress: printable multilingual leaflets from one structured source."""

__version__ = "0.1.0"
