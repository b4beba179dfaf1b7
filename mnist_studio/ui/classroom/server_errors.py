"""Why the class could not open, in the user's language (the server names the reason with a code)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate


def server_error_text(exc: Exception, host: str, port: int) -> str:
    """``ClassServerError.reason`` ("in_use", "not_here", "denied", "page_missing", "other") as a sentence
    that says what to do; an unknown reason keeps the server's own (English) message."""
    reason = getattr(exc, "reason", "other")
    where = f"{host}:{port}" if port else host
    if reason == "in_use":
        text = translate("ClassServerError", "Port %2 on %1 is already in use by another program: choose another "
                                             "port, or 0 for any free port.")
    elif reason == "not_here":
        text = translate("ClassServerError", "%1 is not an address of this computer (any more?): choose another "
                                             "network.")
    elif reason == "denied":
        text = translate("ClassServerError", "This computer does not allow listening on %3: choose a port above "
                                             "1023.")
    elif reason == "page_missing":
        text = translate("ClassServerError", "The student page is missing from this installation: reinstall "
                                             "MNIST Studio.")
    else:
        detail = getattr(exc, "message", None) or str(exc)
        return translate("ClassServerError", "The class could not open on %1: %2").replace("%1", where).replace(
            "%2", detail)
    return text.replace("%1", host).replace("%2", str(port)).replace("%3", where)
