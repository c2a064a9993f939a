"""Meldcode generator: school configs in, a handbook website, PDF and poster per school out."""

__version__ = "1.0.0"
