"""Sending through the secretariat's SMTP server: STARTTLS, implicit TLS or (for a server on
this machine) plain, with a login. The password is handed in by the caller for this run
only; nothing here stores it."""

from __future__ import annotations

import contextlib
import re
import smtplib
import ssl
from dataclasses import dataclass, field
from types import TracebackType

from jurydesk.i18n import _

STARTTLS, SSL, PLAIN = "starttls", "ssl", "none"
DEFAULT_PORTS = {STARTTLS: 587, SSL: 465, PLAIN: 25}


class SendRefused(Exception):
    """The server refused this one message (a recipient, the sender, the content); the batch
    goes on with the next."""


class ConnectionLost(Exception):
    """The server cannot be reached, refused the login or dropped the connection; the batch
    stops and what is left stays queued."""


class Unanswered(ConnectionLost):
    """The whole message went to the server, which then gave no answer (it dropped the
    connection or timed out): it may have stored and delivered it. Never resent on its own."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str = STARTTLS
    user: str = ""
    password: str = field(default="", repr=False)
    cafile: str | None = None
    timeout: float = 60.0

    @classmethod
    def parse(
        cls,
        server: str,
        security: str = STARTTLS,
        user: str = "",
        password: str = "",
        cafile: str | None = None,
    ) -> SmtpSettings:
        """'smtp.vdab.be', 'smtp.vdab.be:2525' or '[::1]:25'."""
        host, port_text = server.strip(), ""
        if host.startswith("["):
            host, _sep, rest = host[1:].partition("]")
            port_text = rest.removeprefix(":")
        elif host.count(":") == 1:
            host, _sep, port_text = host.partition(":")
        if not host:
            raise ValueError(_("the SMTP server needs a host name"))
        if security not in DEFAULT_PORTS:
            raise ValueError(_("unknown SMTP security '{value}'").format(value=security))
        try:
            port = int(port_text) if port_text else DEFAULT_PORTS[security]
        except ValueError:
            raise ValueError(_("'{value}' is not a port number").format(value=port_text)) from None
        if not 0 < port < 65536:
            raise ValueError(_("'{value}' is not a port number").format(value=port_text))
        return cls(host, port, security, user, password, cafile)

    def describe(self) -> str:
        labels = {STARTTLS: "STARTTLS", SSL: "TLS", PLAIN: _("no encryption")}
        who = f"{self.user}@" if self.user else ""
        return f"{who}{self.host}:{self.port} ({labels[self.security]})"


def _reason(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {' '.join(text.split())}".strip()


class SmtpTransport:
    """One connection, opened on first use and again after the server dropped it."""

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> SmtpTransport:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=self.settings.cafile)

    def open(self) -> None:
        s = self.settings
        try:
            if s.security == SSL:
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    s.host, s.port, timeout=s.timeout, context=self._context()
                )
            else:
                smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
                if s.security == STARTTLS:
                    smtp.starttls(context=self._context())
            if s.user:
                smtp.login(s.user, s.password)
        except smtplib.SMTPAuthenticationError as exc:
            raise ConnectionLost(
                _("the server refused the login of {user}: {reason}").format(
                    user=s.user, reason=_reason(exc.smtp_code, exc.smtp_error)
                )
            ) from None
        except smtplib.SMTPNotSupportedError:
            raise ConnectionLost(
                _("{server} does not offer STARTTLS or a login").format(server=s.describe())
            ) from None
        except (smtplib.SMTPException, OSError) as exc:
            raise ConnectionLost(
                _("cannot connect to {server}: {reason}").format(
                    server=s.describe(), reason=str(exc) or type(exc).__name__
                )
            ) from None
        self._smtp = smtp

    def connect(self) -> None:
        """Open the connection unless it is open."""
        if self._smtp is None:
            self.open()

    def send(self, sender: str, recipient: str, data: bytes) -> None:
        self.connect()
        assert self._smtp is not None
        handed = [False]
        try:
            _transaction(self._smtp, sender, recipient, data, handed)
        except smtplib.SMTPRecipientsRefused as exc:
            code, text = next(iter(exc.recipients.values()))
            raise SendRefused(
                _("the server refused the recipient {to}: {reason}").format(
                    to=recipient, reason=_reason(code, text)
                )
            ) from None
        except smtplib.SMTPSenderRefused as exc:
            raise SendRefused(
                _("the server refused the sender {sender}: {reason}").format(
                    sender=sender, reason=_reason(exc.smtp_code, exc.smtp_error)
                )
            ) from None
        except smtplib.SMTPDataError as exc:
            raise SendRefused(
                _("the server refused the message: {reason}").format(
                    reason=_reason(exc.smtp_code, exc.smtp_error)
                )
            ) from None
        except (smtplib.SMTPException, OSError) as exc:
            self._drop()
            reason = str(exc) or type(exc).__name__
            if handed[0]:
                raise Unanswered(
                    _(
                        "{server} received the whole message but did not confirm it "
                        "({reason}): it may have been delivered"
                    ).format(server=self.settings.describe(), reason=reason)
                ) from None
            raise ConnectionLost(
                _("the connection to {server} was lost: {reason}").format(
                    server=self.settings.describe(), reason=reason
                )
            ) from None

    def _drop(self) -> None:
        if self._smtp is not None:
            with contextlib.suppress(OSError):
                self._smtp.close()
            self._smtp = None

    def close(self) -> None:
        if self._smtp is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self._smtp.quit()
            self._drop()


def _transaction(
    smtp: smtplib.SMTP, sender: str, recipient: str, data: bytes, handed: list[bool]
) -> None:
    """MAIL, RCPT, DATA as `smtplib.SMTP.sendmail` sends them, with ``handed[0]`` set once
    the message and its final dot are on the wire: a connection lost before then lost
    nothing; after it, the server may have the message."""
    smtp.ehlo_or_helo_if_needed()
    code, text = smtp.mail(sender)
    if code != 250:
        _reset(smtp)
        raise smtplib.SMTPSenderRefused(code, text, sender)
    code, text = smtp.rcpt(recipient)
    if code not in (250, 251):
        _reset(smtp)
        raise smtplib.SMTPRecipientsRefused({recipient: (code, text)})
    smtp.putcmd("data")
    code, text = smtp.getreply()
    if code != 354:
        _reset(smtp)
        raise smtplib.SMTPDataError(code, text)
    body = _LINE_END.sub(b"\r\n", data)
    body = _LEADING_DOT.sub(b"..", body)
    if not body.endswith(b"\r\n"):
        body += b"\r\n"
    smtp.send(body + b".\r\n")
    handed[0] = True
    code, text = smtp.getreply()
    if code != 250:
        raise smtplib.SMTPDataError(code, text)


def _reset(smtp: smtplib.SMTP) -> None:
    """RSET after a refusal, so that the next message starts clean (as sendmail does)."""
    with contextlib.suppress(smtplib.SMTPServerDisconnected, OSError):
        smtp.rset()


_LINE_END = re.compile(rb"(?:\r\n|\n|\r(?!\n))")
_LEADING_DOT = re.compile(rb"(?m)^\.")
