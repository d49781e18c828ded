#!/usr/bin/env python3
"""An integration in Python over AMQP 1.0 (Debian's python3-qpid-proton): sends a transcript segment for a
meeting, then reads the meeting's transcript back by request/reply, and prints the answer.

    python3 quorum_integration.py amqp://127.0.0.1:5672 acme.stt <password> <meeting id> "What was said."

The user and password are the integration's, issued by an admin (POST /api/admin/integrations).
"""
import json
import sys
import time
import uuid

from proton import Message
from proton.utils import BlockingConnection


def main(url, user, password, meeting, said):
    connection = BlockingConnection(url, user=user, password=password, allowed_mechs="PLAIN",
                                    allow_insecure_mechs=True, timeout=20)
    try:
        segment = {"schema": 1, "meeting": int(meeting), "id": str(uuid.uuid4()), "text": said,
                   "language": "en", "confidence": 0.88}
        connection.create_sender("quorum.inbound.transcript").send(Message(body=json.dumps(segment)))

        # request/reply: a dynamic (temporary) queue receives the answer
        replies = connection.create_receiver(None, dynamic=True)
        requests = connection.create_sender("quorum.requests")
        request = {"schema": 1, "type": "meeting.transcript", "meeting": int(meeting)}
        for _ in range(20):
            correlation = str(uuid.uuid4())
            requests.send(Message(body=json.dumps(request), reply_to=replies.link.remote_source.address,
                                  correlation_id=correlation))
            answer = replies.receive(timeout=10)
            replies.accept()
            text = answer.body if isinstance(answer.body, str) else answer.body.decode("utf-8")
            if said in text or '"ok":true' not in text:
                print(text)
                return 0
            time.sleep(0.25)
        print("the segment did not arrive", file=sys.stderr)
        return 1
    finally:
        connection.close()


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:6]))
