"""The exceptions library code raises; only the CLI turns them into messages and exit codes."""


class BriefingsError(Exception):
    """Base of every error the job reports to its user."""

    exit_code = 1


class ConfigError(BriefingsError):
    """The config file is missing, unreadable or invalid."""

    exit_code = 2


class TemplateError(BriefingsError):
    """A briefing template is missing or does not compile."""

    exit_code = 2


class ModelNotFound(BriefingsError):
    """The configured spaCy model is not installed."""

    exit_code = 2


class OutputsNotWritable(BriefingsError):
    """The outputs folder cannot be created or written."""

    exit_code = 73


class LockHeld(BriefingsError):
    """Another run holds the archive's lock."""

    exit_code = 75


class UnknownEvent(BriefingsError):
    """No event in the archive has that id."""

    exit_code = 4


class ClusterUnavailable(BriefingsError):
    """The Dask scheduler cannot be reached, was lost mid-run, or its workers run other versions."""

    exit_code = 69


class StateDamaged(BriefingsError):
    """The state database is missing, empty, unreadable or foreign beside an archive of briefings."""

    exit_code = 65
