"""TLS for the native protocol: the client's SSL context, and ssl's failures as DB-API errors.

A server started with ``--tls-cert``/``--tls-key`` speaks TLS 1.3 only; with
``--tls-client-ca`` it also requires a client certificate signed by that CA. In TLS 1.3 the
client's side of the handshake is over before the server has checked the client's certificate,
so a refused certificate arrives as an alert at the first read, after ``wrap_socket`` has
returned: ``tls_error`` turns ssl's exceptions into OperationalError wherever they surface.
"""

import ssl

from .errors import OperationalError, ProgrammingError

__all__ = ["client_context", "check_tls_options", "wrap", "tls_error"]

# What the alerts a client may receive mean here, by OpenSSL's reason code.
_REFUSALS = {
    "TLSV13_ALERT_CERTIFICATE_REQUIRED":
        "the server requires a client certificate (pass tls_cert and tls_key)",
    "TLSV1_ALERT_UNKNOWN_CA":
        "the server does not trust the CA that signed the client certificate",
    "SSLV3_ALERT_BAD_CERTIFICATE": "the server refused the client certificate",
    "SSLV3_ALERT_CERTIFICATE_UNKNOWN": "the server refused the client certificate",
    "SSLV3_ALERT_CERTIFICATE_EXPIRED": "the server says the client certificate has expired",
    "TLSV1_ALERT_PROTOCOL_VERSION": "the server does not offer TLS 1.3",
    "WRONG_VERSION_NUMBER": "the server did not answer in TLS (is its listener on TLS?)",
}


def check_tls_options(tls, ca, cert, key):
    """Refuses certificate files without ``tls``: silently connecting in plain TCP when the
    caller meant TLS would send the password in the clear."""
    if not tls and (ca is not None or cert is not None or key is not None):
        raise ProgrammingError("tls_ca, tls_cert and tls_key need tls=True")
    if key is not None and cert is None:
        raise ProgrammingError("tls_key needs tls_cert, the certificate it belongs to")


def client_context(ca=None, cert=None, key=None):
    """An SSLContext that requires TLS 1.3 and verifies the server's certificate and host name
    against ``ca`` (a PEM file; None: the system's trusted CAs), presenting ``cert`` (PEM)
    with its private ``key`` (None: the key is in ``cert``) when ``cert`` is given."""
    try:
        # Verifies the chain and the host name (CERT_REQUIRED, check_hostname).
        context = ssl.create_default_context(cafile=ca)
    except OSError as error:
        raise OperationalError(f"could not load the TLS CA file {ca}: {error}") from error
    context.minimum_version = ssl.TLSVersion.TLSv1_3
    if cert is not None:
        try:
            context.load_cert_chain(cert, key)
        except OSError as error:
            raise OperationalError(f"could not load the TLS client certificate {cert}"
                                   f"{'' if key is None else ' or key ' + key}: {error}") from error
    return context


def wrap(sock, context, host, address):
    """``sock`` after a TLS handshake in which the server's certificate must name ``host``;
    OperationalError if the handshake fails (``sock`` is closed then)."""
    try:
        return context.wrap_socket(sock, server_hostname=host)
    except OSError as error:
        sock.close()
        if isinstance(error, ssl.SSLError):
            raise tls_error(address, error) from error
        raise OperationalError(f"TLS handshake with {address} failed: {error}") from error


def tls_error(address, error):
    """The OperationalError for an ``ssl.SSLError`` on the connection to ``address``."""
    if isinstance(error, ssl.SSLCertVerificationError):
        return OperationalError(f"could not verify the TLS certificate of {address}: "
                                f"{error.verify_message}")
    refusal = _REFUSALS.get(error.reason)
    if refusal is not None:
        return OperationalError(f"TLS connection to {address} failed: {refusal} "
                                f"({error.reason})")
    return OperationalError(f"TLS error on the connection to {address}: {error}")
