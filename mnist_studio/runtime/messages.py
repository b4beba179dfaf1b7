"""Errors the window can word in the user's language: the core raises an English template with ``%1``,
``%2``… where the values go; ``str(exc)`` is the English text (what the command line prints), and the window
translates the template (``ui.look.error_texts.error_text``). Across the worker's pipe the template
and values travel beside the text (``as_payload`` / ``from_payload``)."""

from __future__ import annotations

import re


def fill(template: str, values) -> str:
    """``template`` with ``%1``… replaced by ``values`` (one pass: a value's own "%2" stays as it is)."""
    values = list(values)
    return re.sub(r"%(\d+)", lambda m: values[int(m[1]) - 1] if 0 < int(m[1]) <= len(values) else m[0],
                  template)


class WordedError(Exception):
    """Mixin for an error whose message is a template and its values (a plain message: no values)."""

    def __init__(self, template: str, *values):
        self.template = template
        self.values = tuple(str(v) for v in values)
        super().__init__(fill(template, self.values))


def as_payload(exc: BaseException, text: str) -> str | dict:
    """What the worker sends for a failed job: ``text``, with the template and values when ``exc`` has them."""
    if not isinstance(exc, WordedError):
        return text
    return {"text": text, "template": exc.template, "values": list(exc.values)}


def from_payload(payload) -> tuple[str, str | None, tuple[str, ...]]:
    """(text, template or None, values) of an error reply, whichever form it came in."""
    if isinstance(payload, dict) and isinstance(payload.get("template"), str):
        return str(payload.get("text", "")), payload["template"], tuple(str(v) for v in payload.get("values", ()))
    return str(payload), None, ()
