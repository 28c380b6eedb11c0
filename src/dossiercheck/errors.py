"""Errors that stop a run before any checking: bad folder, bad YAML, bad schema. Each is one line for the user.

The CLI prints ``UserError.render(lang)`` and exits 2; nothing here ever shows a traceback. The words are in the
message catalogue (messages.py, keys ``error.*``).
"""

from __future__ import annotations

from dossiercheck.messages import Message


class UserError(Exception):
    """A problem with the user's input or configuration; exit code 2."""

    def __init__(self, key: str, **params: object) -> None:
        """``key``: an ``error.`` key of the message catalogue; a parameter may be a Message, a Text or a list."""
        super().__init__(key)
        self.key = key
        self.params = params
        Message(key)  # an unknown key fails where the error is raised

    def render(self, lang: str) -> str:
        return Message(self.key, **self.params).render(lang)
