"""The native protocol's framing for Python tests: 4-byte big-endian length + JSON payload
(docs/formats/native_protocol.md), over any connected socket, plain or TLS."""

import json
import struct


def send_request(sock, request):
    payload = json.dumps(request).encode()
    sock.sendall(struct.pack(">I", len(payload)) + payload)


def receive_exactly(sock, count):
    """`count` bytes; ConnectionError when the server closes the connection first."""
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise ConnectionError("connection closed")
        data += chunk
    return data


def receive_response(sock):
    header = receive_exactly(sock, 4)
    return json.loads(receive_exactly(sock, struct.unpack(">I", header)[0]))


def exchange(sock, request):
    send_request(sock, request)
    return receive_response(sock)
