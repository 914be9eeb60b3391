"""Background jobs (library imports) whose progress outlives the page that started them.

A job runs in its own thread and reports ``done``/``total``; the browser keeps only the job id and
polls ``/api/jobs/{id}``, so reloading the page picks the progress bar up where it was.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

#: Finished jobs kept for polling; older ones are forgotten first.
KEEP_FINISHED = 50


@dataclass
class Job:
    """What a poller sees: state is ``running``, ``done`` or ``failed``."""

    id: str
    label: str
    total: int
    done: int = 0
    state: str = "running"
    added: int = 0
    duplicates: int = 0
    errors: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.time)
    finished: float | None = None

    def as_json(self) -> dict:
        return asdict(self)


class Progress:
    """Handed to a job's work function: it reports progress, results and per-item errors."""

    def __init__(self, job: Job, lock: threading.Lock) -> None:
        self._job, self._lock = job, lock

    def step(self, added: int = 0, duplicates: int = 0, error: str | None = None) -> None:
        """One item finished: ``added`` new things stored, ``duplicates`` already there, or an error."""
        with self._lock:
            self._job.done += 1
            self._job.added += added
            self._job.duplicates += duplicates
            if error:
                self._job.errors.append(error)


class Jobs:
    """The jobs of one app instance."""

    def __init__(self) -> None:
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def start(self, label: str, total: int, work: Callable[[Progress], None]) -> Job:
        """Run ``work`` in a thread; an exception fails the job with its message, never the server."""
        job = Job(id=uuid.uuid4().hex[:16], label=label, total=total)
        with self._lock:
            self._jobs[job.id] = job
            self._forget_old()

        def run() -> None:
            try:
                work(Progress(job, self._lock))
                failed = job.errors and not (job.added or job.duplicates)
                state, error = ("failed" if failed else "done"), None
            except Exception as err:  # noqa: BLE001 - a job's failure is reported, not raised
                state, error = "failed", f"{label}: {err.__class__.__name__}: {err}"
            with self._lock:
                if error:
                    job.errors.append(error)
                job.state, job.finished = state, time.time()

        threading.Thread(target=run, name=f"cardsmith-job-{job.id}", daemon=True).start()
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            job = self._jobs.get(job_id)
            return Job(**asdict(job)) if job else None

    def recent(self) -> list[Job]:
        with self._lock:
            return [Job(**asdict(j)) for j in sorted(self._jobs.values(), key=lambda j: -j.started)]

    def wait(self, job_id: str, timeout: float = 30.0) -> Job | None:
        """Block until a job finishes (tests and scripts; the browser polls instead)."""
        deadline = time.time() + timeout
        while (job := self.get(job_id)) and job.state == "running" and time.time() < deadline:
            time.sleep(0.02)
        return job

    def _forget_old(self) -> None:
        finished = sorted((j for j in self._jobs.values() if j.finished), key=lambda j: j.started)
        for job in finished[: max(0, len(finished) - KEEP_FINISHED)]:
            del self._jobs[job.id]
