"""A local SMTP server for `make bench`: accepts every message on 127.0.0.1 and writes one JSON line
per message (envelope recipients, subject) to the file given, so the bench can check that the mail
workers sent each notification exactly once. Runs until it is terminated.

    python bench/smtp_sink.py PORT OUTPUT.jsonl
"""

import json
import signal
import sys
import threading
from email import message_from_bytes
from email.header import decode_header, make_header

from aiosmtpd.controller import Controller


class Recorder:
    def __init__(self, path):
        self.path = path
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.original_content or envelope.content)
        subject = str(make_header(decode_header(message.get("Subject", ""))))
        line = json.dumps({"to": sorted(envelope.rcpt_tos), "subject": subject})
        with self.lock, open(self.path, "a", encoding="utf-8") as handle:
            handle.write(line + "\n")
        return "250 OK"


def main():
    port, path = int(sys.argv[1]), sys.argv[2]
    controller = Controller(Recorder(path), hostname="127.0.0.1", port=port)
    controller.start()
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    signal.signal(signal.SIGINT, lambda *_: stopped.set())
    stopped.wait()
    controller.stop()


if __name__ == "__main__":
    main()
