"""The Bukharin documents: converters, checks and builders of a TEI edition."""

__version__ = "0.1.0"
