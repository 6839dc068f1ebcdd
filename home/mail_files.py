"""Development mail backend: one readable set of files per message in `var/mail/`.

Django's file backend appends messages encoded as they travel (quoted-printable, base64), so a
developer cannot copy a confirmation link out of them. Here each message is a `<stamp>.eml` with a
decoded `<stamp>.txt` (headers and plain text) and, for HTML mail, a `<stamp>.html` beside it.
"""

import logging
import uuid
from datetime import datetime
from email.message import MIMEPart
from pathlib import Path

from django.core.mail import EmailMessage
from django.core.mail.backends.filebased import EmailBackend as FileEmailBackend

logger = logging.getLogger(__name__)

SUMMARY_HEADERS = ("From", "To", "Cc", "Reply-To", "Subject", "Date", "List-Unsubscribe")


def _body(message: MIMEPart, subtype: str) -> str:
    """The message's body of type text/`subtype`, decoded, or "" when it has none."""
    part = message.get_body((subtype,))
    return part.get_content() if part is not None else ""


class EmailBackend(FileEmailBackend):
    """Writes `.eml`, `.txt` and (for HTML mail) `.html` files, one set per message."""

    def open(self) -> bool:
        return False  # nothing to keep open: every message gets its own files

    def close(self) -> None:
        pass

    def send_messages(self, email_messages: list[EmailMessage]) -> int:
        sent = 0
        for email in email_messages or []:
            try:
                self._write(email)
            except (OSError, ValueError):  # the disk, or a message that cannot be encoded
                if not self.fail_silently:
                    raise
                logger.warning("Could not write a mail file", exc_info=True)
            else:
                sent += 1
        return sent

    def _write(self, email: EmailMessage) -> Path:
        message = email.message()
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        base = Path(self.file_path) / f"{stamp}-{uuid.uuid4().hex[:8]}"
        base.with_suffix(".eml").write_bytes(message.as_bytes())
        text, html = _body(message, "plain"), _body(message, "html")
        headers = "".join(
            f"{name}: {message[name]}\n" for name in SUMMARY_HEADERS if message[name] is not None
        )
        base.with_suffix(".txt").write_text(f"{headers}\n{text}", encoding="utf-8")
        if html:
            base.with_suffix(".html").write_text(html, encoding="utf-8")
        return base.with_suffix(".eml")
