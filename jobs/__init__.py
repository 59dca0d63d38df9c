"""briefings: turns a stream of news articles into one PDF briefing per news event."""

__version__ = "0.1.0"
