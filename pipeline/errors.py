"""The project's error hierarchy."""

from __future__ import annotations


class NapError(Exception):
    """Base of every error the pipeline raises on purpose."""


class InputError(NapError):
    """An input file that cannot be read as a PDF; ``category`` is a short machine word."""

    def __init__(self, category: str, message: str):
        super().__init__(message)
        self.category = category
        self.message = message


class ValidationError(NapError):
    """A dataset that breaks the contract (schema, keys or references)."""


class UsageError(NapError):
    """A run that cannot start as asked (missing input directory, unusable output directory,
    a run already writing there): the message says what is wrong and what to do."""


class StrictFailure(NapError):
    """``--strict``: the first document that was not fully read stops the run."""


class SettingsError(UsageError, ValueError):
    """A settings value or params file that cannot be used; the message names the file and key path."""
