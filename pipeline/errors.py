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
