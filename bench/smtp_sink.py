"""An SMTP sink on loopback for the newsletter benchmark (bench/newsletter.py): a process of its
own that accepts every message, keeps nothing but a count per recipient, and writes the counts
to a JSON file when it stops.

    .venv/bin/python -m bench.smtp_sink --port N --count-file F
    .venv/bin/python -m bench.smtp_sink --messages M

It speaks just enough SMTP for ``smtplib`` (and so Django's SMTP backend): EHLO/HELO, MAIL,
RCPT, DATA, RSET, NOOP and QUIT, each answered "250" (DATA "354", then "250" at the lone dot),
with commands pipelined or not. It is a plain ``asyncio.Protocol``, not aiosmtpd (which the tests'
server in tests/core/fault_tools.py uses): aiosmtpd spent 0.43 ms of CPU per 12 KB message here
(a coroutine per command, an address parser per MAIL and RCPT, DATA read line by line), this
0.18 ms, most of it the kernel's socket work; on two shared cores the difference would be taken
from the workers being measured. Counts are taken from the
envelope (RCPT TO); the message itself is not parsed. On SIGTERM or SIGINT it writes
``{"messages": n, "recipients": {address: count, ...}}`` to ``--count-file`` and exits 0.

``--messages M`` starts a sink and sends it M newsletter-sized messages through ``smtplib``:
it prints the rate and the CPU time per message of the sink and of the client.
"""

import argparse
import asyncio
import json
import os
import signal
import smtplib
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from email.message import EmailMessage
from pathlib import Path

HOST = "127.0.0.1"
END_OF_DATA = b"\r\n.\r\n"
GREETING = b"220 sink.bench ESMTP bench sink\r\n"
EHLO_REPLY = b"250-sink.bench\r\n250-8BITMIME\r\n250-PIPELINING\r\n250 SIZE 33554432\r\n"


class Sink:
    """What every connection adds to: messages accepted and the count per recipient."""

    def __init__(self):
        self.messages = 0
        self.recipients: Counter[str] = Counter()

    def dump(self, path: Path) -> None:
        data = {"messages": self.messages, "recipients": dict(self.recipients)}
        temporary = path.with_suffix(path.suffix + ".tmp")
        temporary.write_text(json.dumps(data))
        temporary.replace(path)


class SinkProtocol(asyncio.Protocol):
    """One SMTP connection: commands line by line, DATA up to the lone dot."""

    def __init__(self, sink: Sink):
        self.sink = sink
        self.buffer = bytearray()
        self.in_data = False
        self.rcpt_tos: list[str] = []
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport
        transport.write(GREETING)

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        replies = []
        while True:
            if self.in_data:
                # The terminator follows the CRLF that ended the DATA command or a data line.
                end = self.buffer.find(END_OF_DATA)
                if end < 0:
                    break
                del self.buffer[: end + len(END_OF_DATA)]
                self.in_data = False
                self.sink.messages += 1
                self.sink.recipients.update(self.rcpt_tos)
                self.rcpt_tos = []
                replies.append(b"250 OK\r\n")
                continue
            end = self.buffer.find(b"\r\n")
            if end < 0:
                break
            line = bytes(self.buffer[:end])
            del self.buffer[: end + 2]
            reply = self.command(line)
            replies.append(reply)
            if reply.startswith(b"221"):
                break
        if replies:
            self.transport.write(b"".join(replies))
        if replies and replies[-1].startswith(b"221"):
            self.transport.close()

    def command(self, line: bytes) -> bytes:
        verb = line[:4].upper()
        if verb == b"EHLO":
            return EHLO_REPLY
        if verb == b"RCPT":
            address = line.partition(b":")[2].strip().split(b" ")[0].strip(b"<>")
            self.rcpt_tos.append(address.decode("utf-8", "replace").lower())
            return b"250 OK\r\n"
        if verb == b"DATA":
            if not self.rcpt_tos:
                return b"503 Error: need RCPT command\r\n"
            self.in_data = True
            # "\r\n.\r\n" is searched from here on: the CRLF that ended DATA counts as its start.
            self.buffer[:0] = b"\r\n"
            return b"354 End data with <CR><LF>.<CR><LF>\r\n"
        if verb in (b"MAIL", b"RSET"):
            self.rcpt_tos = []
            return b"250 OK\r\n"
        if verb in (b"HELO", b"NOOP"):
            return b"250 OK\r\n"
        if verb == b"QUIT":
            return b"221 Bye\r\n"
        return b"502 Command not implemented\r\n"


async def serve(port: int, sink: Sink) -> None:
    loop = asyncio.get_running_loop()
    stopped = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stopped.set)
    server = await loop.create_server(
        lambda: SinkProtocol(sink), host=HOST, port=port, reuse_address=True
    )
    print(f"SMTP sink listening on {HOST}:{port}", flush=True)
    async with server:
        await stopped.wait()


def self_test(count: int) -> None:
    """``count`` newsletter-sized messages through one ``smtplib`` connection to a sink in a
    process of its own: the rate, and the CPU time per message of the sink and of the client."""
    port = _free_port()
    with tempfile.TemporaryDirectory() as folder:
        count_file = Path(folder) / "counts.json"
        command = [sys.executable, "-m", "bench.smtp_sink", "--port", str(port)]
        sink = subprocess.Popen([*command, "--count-file", str(count_file)])
        try:
            client = _connect(port)
            message = EmailMessage()
            message["From"] = "bench@example.org"
            message["Subject"] = "A message of a newsletter's size"
            message.set_content(("x" * 70 + "\n") * 40)
            message.add_alternative(("<p>" + "y" * 70 + "</p>\n") * 120, subtype="html")
            payload = message.as_bytes(policy=message.policy.clone(linesep="\r\n"))
            sink_cpu, client_cpu = cpu_seconds(sink.pid), time.process_time()
            started = time.perf_counter()
            for n in range(count):
                client.sendmail("bench@example.org", [f"r{n}@example.org"], payload)
            elapsed = time.perf_counter() - started
            sink_cpu, client_cpu = (
                cpu_seconds(sink.pid) - sink_cpu,
                time.process_time() - client_cpu,
            )
            client.quit()
        finally:
            sink.send_signal(signal.SIGTERM)
            sink.wait(10)
        counts = json.loads(count_file.read_text())
    assert counts["messages"] == count and len(counts["recipients"]) == count, counts["messages"]
    print(
        f"{count:,} messages of {len(payload):,} bytes in {elapsed:.2f} s: "
        f"{count / elapsed:,.0f}/s; CPU per message:"
        f" sink {sink_cpu / count * 1000:.3f} ms, smtplib {client_cpu / count * 1000:.3f} ms"
    )


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _connect(port: int) -> smtplib.SMTP:
    deadline = time.monotonic() + 10
    while True:
        try:
            return smtplib.SMTP(HOST, port, timeout=10)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=0, help="the port on 127.0.0.1 to listen on")
    parser.add_argument("--count-file", type=Path, help="where the counts go when it stops")
    parser.add_argument(
        "--messages", type=int, default=0, help="measure the sink alone with this many messages"
    )
    args = parser.parse_args()
    if args.messages:
        self_test(args.messages)
        return 0
    if not args.port or args.count_file is None:
        parser.error("--port and --count-file are required (or --messages)")
    sink = Sink()
    try:
        asyncio.run(serve(args.port, sink))
    finally:
        sink.dump(args.count_file)
    return 0


if __name__ == "__main__":
    sys.exit(main())
