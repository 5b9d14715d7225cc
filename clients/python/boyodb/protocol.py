"""The native protocol: length-prefixed JSON frames over TCP or TLS, and binary result streams.

Every message is a frame, a 4-byte big-endian length then the payload. Requests and responses
are JSON objects, answered one for one in order. A ``query`` sent with ``"binary": true`` that
returns rows is answered by its JSON response and then the Arrow IPC stream in frames, ended by
an empty frame (or, if the server fails part way, by a JSON error frame, which starts with
``{`` where IPC messages start with 0xFF).
"""

import collections
import json
import socket
import ssl
import struct

from .errors import InterfaceError, OperationalError, error_from_response
from .tls import tls_error, wrap

__all__ = ["Transport", "ResultFrames"]

_LENGTH = struct.Struct(">I")


class Transport:
    """One connection to the server, over TCP or TLS, speaking frames.

    ``tls_context``: an ``ssl.SSLContext`` (see ``tls.client_context``) to talk TLS with, or
    None for plain TCP.
    """

    def __init__(self, host, port, timeout=None, tls_context=None):
        self.address = f"{host}:{port}"
        try:
            sock = socket.create_connection((host, port), timeout=timeout)
        except OSError as error:
            raise OperationalError(f"could not connect to {self.address}: {error}") from error
        # Requests are small and answered at once: do not let Nagle delay them.
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if tls_context is not None:
            sock = wrap(sock, tls_context, host, self.address)
        self._socket = sock
        self._file = sock.makefile("rb")
        self._answered = False  # Whether a frame has come: see _closed_by_server.
        self.tls = tls_context is not None
        self.closed = False

    @property
    def tls_version(self):
        """The TLS version in use ("TLSv1.3"), or None over plain TCP or once closed."""
        if self.tls and not self.closed:
            return self._socket.version()
        return None

    def _broken(self, error):
        self.close()
        if isinstance(error, ssl.SSLError):
            return tls_error(self.address, error)
        return OperationalError(f"connection to the server lost: {error}")

    def _closed_by_server(self):
        if self._answered or self.tls:
            return self._broken("the server closed the connection")
        # A server on TLS drops a plain TCP client without a word: say so.
        return self._broken("the server closed the connection before answering "
                            "(if it requires TLS, connect with tls=True)")

    def send(self, payload):
        """Sends one frame (bytes)."""
        if self.closed:
            raise InterfaceError("the connection is closed")
        try:
            self._socket.sendall(_LENGTH.pack(len(payload)) + payload)
        except OSError as error:
            raise self._broken(error) from error

    def send_json(self, request):
        self.send(json.dumps(request, separators=(",", ":")).encode("utf-8"))

    def receive(self):
        """The payload of the next frame (bytes)."""
        if self.closed:
            raise InterfaceError("the connection is closed")
        try:
            header = self._file.read(4)
            if len(header) == 4:
                (length,) = _LENGTH.unpack(header)
                payload = self._file.read(length)
                if len(payload) == length:
                    self._answered = True
                    return payload
        except OSError as error:
            # A timeout lands here too: the frame stream is out of step, so the connection
            # cannot be used again.
            raise self._broken(error) from error
        raise self._closed_by_server()

    def receive_json(self):
        """The next frame as a response object; the server's error as an exception."""
        return check(parse_json(self.receive()))

    def close(self):
        if not self.closed:
            self.closed = True
            try:
                self._file.close()
                self._socket.close()
            except OSError:
                pass


def parse_json(payload):
    try:
        response = json.loads(payload)
    except (UnicodeDecodeError, ValueError) as error:
        raise InterfaceError(f"the server sent a frame that is not JSON: {error}") from None
    if not isinstance(response, dict):
        raise InterfaceError("the server sent a JSON frame that is not an object")
    return response


def check(response):
    if response.get("status") == "error":
        raise error_from_response(response)
    if response.get("status") != "ok":
        raise InterfaceError(f"unexpected response status {response.get('status')!r}")
    return response


class ResultFrames:
    """The Arrow IPC bytes of one binary result, read from the frames as they are needed.

    ``read(n)`` serves ``StreamReader``. While rows are being read the connection belongs to
    this result; ``buffer_rest()`` reads the remaining frames into memory so the connection
    can serve another request, and ``discard_rest()`` reads and drops them.
    """

    def __init__(self, transport):
        self._transport = transport
        self._pending = collections.deque()
        self._frame = memoryview(b"")
        self._position = 0
        self.finished = False

    def _receive(self):
        frame = self._transport.receive()
        if not frame or frame[:1] == b"{":
            self._transport = None
        return frame

    def _next_frame(self):
        if self._pending:
            return self._pending.popleft()
        return b"" if self._transport is None else self._receive()

    def _advance(self):
        """Moves to the next frame with data; False at the end of the result."""
        while not self.finished:
            frame = self._next_frame()
            if not frame:
                self.finished = True
            elif frame[:1] == b"{":
                self.finished = True
                check(parse_json(frame))  # Raises the server's error.
                raise InterfaceError("the server ended a result with a JSON frame that is not "
                                     "an error")
            else:
                self._frame = memoryview(frame)
                self._position = 0
                return True
        return False

    def read(self, count):
        chunks = []
        while count > 0:
            if self._position >= len(self._frame) and not self._advance():
                break
            chunk = self._frame[self._position:self._position + count]
            self._position += len(chunk)
            count -= len(chunk)
            chunks.append(chunk)
        if len(chunks) == 1:
            return chunks[0]
        return b"".join(chunks)

    def buffer_rest(self):
        while self._transport is not None:
            self._pending.append(self._receive())

    def discard_rest(self):
        """Drops what is left, an error the server ended the result with included."""
        while self._transport is not None:
            self._receive()
        self._pending.clear()
        self._frame = memoryview(b"")
        self.finished = True
