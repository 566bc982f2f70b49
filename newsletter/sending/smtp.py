"""One message, already in bytes, to one recipient over an open ``smtplib.SMTP`` connection: what
``SMTP.sendmail`` does, with the same exceptions, in two round trips instead of four.

A newsletter's emails go out one after another over one connection, and on loopback or a nearby
relay each round trip costs the worker more than the server's work. When the server announces
PIPELINING (RFC 2920; Postfix, Exim and the hosted relays do), MAIL, RCPT and DATA go in one
write and their three replies are read together; the message follows the "354". A server that
does not announce it gets ``sendmail`` itself.

The connection is the one Django's SMTP backend opened, so its host, port, TLS, login and timeout
are those of the configured mailer.
"""

import contextlib
import re
import smtplib

# A line of the message that begins with a dot gets another (RFC 5321, 4.5.2).
_LEADING_DOT = re.compile(rb"^\.", re.MULTILINE)


def smtp_send(connection: smtplib.SMTP, sender: str, recipient: str, data: bytes) -> None:
    """Send ``data`` from ``sender`` to ``recipient`` (both bare ASCII addresses, as Django's
    ``prep_address`` gives them). Raises as ``sendmail`` does: ``SMTPSenderRefused``,
    ``SMTPRecipientsRefused``, ``SMTPDataError``, ``SMTPServerDisconnected`` or ``OSError``; after
    a refusal the connection is reset for the next message, or closed after a "421"."""
    if "\r" in sender + recipient or "\n" in sender + recipient:
        raise ValueError("An address contains a line break.")
    connection.ehlo_or_helo_if_needed()
    if not (connection.does_esmtp and connection.has_extn("pipelining")):
        connection.sendmail(sender, [recipient], data)
        return
    size = f" SIZE={len(data)}" if connection.has_extn("size") else ""
    connection.send(f"MAIL FROM:<{sender}>{size}\r\nRCPT TO:<{recipient}>\r\nDATA\r\n")
    mail, rcpt, start = connection.getreply(), connection.getreply(), connection.getreply()
    accepted = mail[0] == 250 and rcpt[0] in (250, 251)
    if start[0] == 354 and not accepted:
        # The server waits for a message it will not deliver to anyone: end it empty.
        connection.send(b".\r\n")
        connection.getreply()
    if mail[0] != 250:
        _reset(connection, mail[0])
        raise smtplib.SMTPSenderRefused(mail[0], mail[1], sender)
    if not accepted:
        _reset(connection, rcpt[0])
        raise smtplib.SMTPRecipientsRefused({recipient: rcpt})
    if start[0] != 354:
        _reset(connection, start[0])
        raise smtplib.SMTPDataError(*start)
    # Dot-stuffing and the end of data, as smtplib does it.
    message = _LEADING_DOT.sub(b"..", data)
    if not message.endswith(b"\r\n"):
        message += b"\r\n"
    connection.send(message + b".\r\n")
    code, reply = connection.getreply()
    if code != 250:
        _reset(connection, code)
        raise smtplib.SMTPDataError(code, reply)


def _reset(connection: smtplib.SMTP, code: int) -> None:
    """After a refusal: close on "421" (the server is closing), otherwise RSET for the next."""
    if code == 421:
        connection.close()
    else:
        # A server that went away: the next command says so.
        with contextlib.suppress(smtplib.SMTPServerDisconnected):
            connection.rset()
