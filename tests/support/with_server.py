#!/usr/bin/env python3
"""Runs a command against a boyodb-server started for it.

    with_server.py BOYODB_SERVER [--tls] [--server-arg ARG ...] -- COMMAND [ARGS...]

Starts BOYODB_SERVER on a fresh data directory with every listener on 127.0.0.1 port 0 (the
kernel picks free ports; the server prints them), runs COMMAND with the server's addresses in
its environment, then stops the server by its process id and exits with COMMAND's status.

COMMAND sees:
  BOYODB_HOST         127.0.0.1
  BOYODB_PORT         the native protocol's port
  BOYODB_HTTP_PORT    the HTTP port
  BOYODB_PG_PORT      the PostgreSQL wire protocol's port
  BOYODB_USER         admin
  BOYODB_PASSWORD     the admin password
  BOYODB_DATA_DIR     the server's data directory

With --tls, certificates are made for the run with the openssl command (a CA, the server's
certificate for 127.0.0.1 and localhost, a client certificate for admin, and a client
certificate from another CA) and the server runs with TLS 1.3 and mutual TLS on every
listener; COMMAND also sees:
  BOYODB_TLS_CA       the CA certificate (PEM) that signed the server's and client's
  BOYODB_TLS_CERT     the client certificate and BOYODB_TLS_KEY its key
  BOYODB_TLS_ROGUE_CERT, BOYODB_TLS_ROGUE_KEY   a client certificate the server must refuse

Standard library only: client tests of every language use it from ctest.
"""

import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading

STARTUP_SECONDS = 60
SHUTDOWN_SECONDS = 120


def parse_arguments(argv):
    if "--" not in argv or len(argv) < 4:
        sys.exit(__doc__)
    split = argv.index("--")
    head, command = argv[1:split], argv[split + 1:]
    server, extra, tls = head[0], [], False
    rest = head[1:]
    while rest:
        if rest[0] == "--tls":
            tls = True
            rest = rest[1:]
            continue
        if rest[0] != "--server-arg" or len(rest) < 2:
            sys.exit(f"with_server.py: unexpected argument {rest[0]!r}")
        extra.append(rest[1])
        rest = rest[2:]
    if not command:
        sys.exit("with_server.py: no command after --")
    return server, extra, tls, command


def openssl(*arguments):
    subprocess.run(["openssl", *arguments], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


def make_certificate_authority(directory, name):
    key, cert = os.path.join(directory, name + ".key"), os.path.join(directory, name + ".pem")
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=" + name)
    return key, cert


def make_signed_certificate(directory, name, subject, authority, extensions):
    key, request, cert = (os.path.join(directory, name + suffix)
                          for suffix in (".key", ".csr", ".pem"))
    extension_file = os.path.join(directory, name + ".ext")
    with open(extension_file, "w") as out:
        out.write(extensions)
    openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
            key, "-out", request, "-subj", "/CN=" + subject)
    openssl("x509", "-req", "-in", request, "-CA", authority[1], "-CAkey", authority[0],
            "-CAcreateserial", "-out", cert, "-days", "2", "-extfile", extension_file)
    return key, cert


def make_certificates(directory):
    """The TLS files of a --tls run, by the environment variable that names each."""
    authority = make_certificate_authority(directory, "ca")
    server_key, server_cert = make_signed_certificate(
        directory, "server", "127.0.0.1", authority,
        "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n")
    client_key, client_cert = make_signed_certificate(
        directory, "client", "admin", authority, "extendedKeyUsage=clientAuth\n")
    rogue_key, rogue_cert = make_signed_certificate(
        directory, "rogue", "admin", make_certificate_authority(directory, "rogue-ca"),
        "extendedKeyUsage=clientAuth\n")
    for key in (client_key, rogue_key):
        os.chmod(key, 0o600)  # libpq refuses a key others may read
    return {
        "server_cert": server_cert, "server_key": server_key,
        "BOYODB_TLS_CA": authority[1], "BOYODB_TLS_CERT": client_cert,
        "BOYODB_TLS_KEY": client_key, "BOYODB_TLS_ROGUE_CERT": rogue_cert,
        "BOYODB_TLS_ROGUE_KEY": rogue_key,
    }


def read_addresses(server):
    """Reads the `native|http|pgwire HOST:PORT` lines; None if the server exits first."""
    addresses = {}
    for raw in server.stdout:
        words = raw.decode("utf-8", "replace").split()
        if len(words) == 2 and words[0] in ("native", "http", "pgwire"):
            addresses[words[0]] = words[1]
            if len(addresses) == 3:
                return addresses
    return None


def main():
    server_binary, extra_args, tls, command = parse_arguments(sys.argv)
    data_dir = tempfile.mkdtemp(prefix="boyodb-client-test-")
    tls_environment = {}
    if tls:
        certificates = make_certificates(tempfile.mkdtemp(prefix="tls-", dir=data_dir))
        extra_args += ["--tls-cert", certificates.pop("server_cert"), "--tls-key",
                       certificates.pop("server_key"), "--tls-client-ca",
                       certificates["BOYODB_TLS_CA"]]
        tls_environment = certificates
    # Contains no user name, satisfies the default password policy.
    password = "Pw-" + secrets.token_hex(12) + "-9x"
    environment = dict(os.environ, BOYODB_ADMIN_PASSWORD=password)
    server = subprocess.Popen(
        [server_binary, data_dir, "127.0.0.1:0", "--http-addr", "127.0.0.1:0", "--pg-addr",
         "127.0.0.1:0", *extra_args],
        stdout=subprocess.PIPE, env=environment)
    try:
        found = [None]
        reader = threading.Thread(target=lambda: found.__setitem__(0, read_addresses(server)),
                                  daemon=True)
        reader.start()
        reader.join(STARTUP_SECONDS)
        addresses = found[0]
        if addresses is None:
            print("with_server.py: the server did not start", file=sys.stderr)
            return 1
        # Keep draining stdout so the server never blocks on a full pipe.
        threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()

        def port(name):
            return addresses[name].rsplit(":", 1)[1]

        client_environment = dict(
            os.environ, BOYODB_HOST="127.0.0.1", BOYODB_PORT=port("native"),
            BOYODB_HTTP_PORT=port("http"), BOYODB_PG_PORT=port("pgwire"), BOYODB_USER="admin",
            BOYODB_PASSWORD=password, BOYODB_DATA_DIR=data_dir, **tls_environment)
        status = subprocess.call(command, env=client_environment)
        if server.poll() is not None:
            print(f"with_server.py: the server exited during the test ({server.returncode})",
                  file=sys.stderr)
            return status or 1
        return status
    finally:
        if server.poll() is None:
            os.kill(server.pid, signal.SIGTERM)
            try:
                server.wait(SHUTDOWN_SECONDS)
            except subprocess.TimeoutExpired:
                os.kill(server.pid, signal.SIGKILL)
                server.wait()
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
