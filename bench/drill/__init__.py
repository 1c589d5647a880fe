"""``make drill``: mixed traffic for a minute, a PostgreSQL restart in the middle, and an
account of what it cost.

The registry runs under gunicorn (as in the benchmark) on a catalogue of a few thousand
blocks. From this process, clients read (lists, searches, details) and write through the
API with tokens (create, and submit what they created) for a fixed time; a third of the
way in, PostgreSQL is restarted with ``pg_ctlcluster``. Afterwards the report gives the
requests served, the errors by status inside and outside the restart window, the longest
gap in service, and checks every write against the database.

A second fault, later in the run and apart from the restart, is the answer that never
arrives: for a few seconds (``--cut-at``, ``--cut-for``) the client hangs up right after
sending the first attempt of every write, as a network cut or a proxy timeout would. The
server carries the write out; the client only learns how it went by retrying.

The writing clients behave as a careful API client should: every logical write carries
an ``Idempotency-Key`` of its own (a fresh uuid) and, when it gets no answer, a 5xx or a
429, is sent again unchanged, with the same key, after a short backoff, until a
definitive answer comes. The verdict comes from the database: a write that got a 2xx is
stored exactly once (blocks are created without a slug and counted by the name the drill
gave them, submissions by their history), with the answer kept under its key; a write
that was stored although the attempt that stored it got a 5xx or no answer is counted,
and should have been answered by a replay (``Idempotent-Replayed: true``) on a later
attempt. A duplicate, a lost write, an answer the database contradicts, a refused valid
write or a write left without a definitive answer makes the drill fail.

By default the drill uses a PostgreSQL cluster of its own (``drill``, port 5439, created
on first use), so restarting it cannot break anybody's test run on the main cluster;
``--cluster main --port 5432`` restarts the main one instead, as in CI.

The package: ``record`` (what is recorded, and the client's retry rule), ``cluster``,
``traffic``, ``verdict`` (from the database), ``report``, and ``cli`` (``main``).
"""

from bench.drill.record import Drill, Event, Restart, Write, retryable
from bench.drill.report import report
from bench.drill.verdict import Verdict, verify

__all__ = [
    "Drill",
    "Event",
    "Restart",
    "Verdict",
    "Write",
    "report",
    "retryable",
    "verify",
]
