"""Viewflow process and task rows as the real flows leave them, built without running them.

The shapes were taken from the demo cases (workflow/demo.py), which drive the real flows: per
application status the tasks that exist, their status, owner, token and predecessors.
"""

from viewflow.workflow.models import Process, Task
from viewflow.workflow.token import Token

from workflow.application.flow import ApplicationFlow
from workflow.payout.flow import PayoutFlow
from workflow.report.flow import ReportFlow

A = ApplicationFlow
P = PayoutFlow
R = ReportFlow

# One step: node, task type, task status, role (the owner of a done task, and of an open
# one once it is assigned; None: nobody), permission, indexes of the predecessors in the
# list, token kind ("start", "split1", "split2").
CHECK = "grants.check_application"
REVIEW = "grants.review_application"
BUDGET = "grants.check_budget"
DECIDE = "grants.decide_application"

_START = (A.start, "START", "DONE", None, None, (), "start")
_FC_DONE = (A.formal_check, "HUMAN", "DONE", "caseworker", CHECK, (0,), "start")
_IF = (A.is_complete, "EXCLUSIVE_GATEWAY", "DONE", None, None, (1,), "start")
_SPLIT = (A.split, "PARALLEL_GATEWAY", "DONE", None, None, (2,), "start")
_REVIEW_DONE = (A.review, "HUMAN", "DONE", "reviewer", REVIEW, (3,), "split1")
_BUDGET_DONE = (A.budget_check, "HUMAN", "DONE", "finance", BUDGET, (3,), "split2")
_JOIN = (A.join, "JOIN", "DONE", None, None, (5, 4), "start")
_READY = (A.ready, "FUNCTION", "DONE", None, None, (6,), "start")
_IS_LIGHT = (A.is_light, "EXCLUSIVE_GATEWAY", "DONE", None, None, (7,), "start")
_DECIDED = (A.decision, "HUMAN", "DONE", "approver", DECIDE, (8,), "start")
_END = (A.end, "END", "DONE", None, None, (9,), "start")
# the standard path (one reviewer, Bewilligung decides): the seeded programmes' procedure
_DONE_PATH = [
    *(_START, _FC_DONE, _IF, _SPLIT, _REVIEW_DONE, _BUDGET_DONE, _JOIN, _READY, _IS_LIGHT),
    _DECIDED,
]

APPLICATION_STEPS = {
    "submitted": (
        "NEW",
        [_START, (A.formal_check, "HUMAN", "NEW", "caseworker", CHECK, (0,), "start")],
    ),
    "revision_requested": (
        "NEW",
        [_START, _FC_DONE, _IF, (A.revision, "FUNCTION", "NEW", None, None, (2,), "start")],
    ),
    "in_review": (
        "NEW",
        [
            _START,
            _FC_DONE,
            _IF,
            _SPLIT,
            (A.review, "HUMAN", "NEW", "reviewer", REVIEW, (3,), "split1"),
            (A.budget_check, "HUMAN", "NEW", "finance", BUDGET, (3,), "split2"),
        ],
    ),
    "awaiting_decision": (
        "NEW",
        [*_DONE_PATH[:9], (A.decision, "HUMAN", "NEW", "approver", DECIDE, (8,), "start")],
    ),
    "approved": ("DONE", [*_DONE_PATH, _END]),
    "final": ("DONE", [*_DONE_PATH, _END]),
    "settled": ("DONE", [*_DONE_PATH, _END]),
    "closed": ("DONE", [*_DONE_PATH, _END]),
    "revoked": ("DONE", [*_DONE_PATH, _END]),
    "rejected": ("DONE", [*_DONE_PATH, _END]),
    "withdrawn": (
        "CANCELED",
        [_START, (A.formal_check, "HUMAN", "CANCELED", None, CHECK, (0,), "start")],
    ),
}

_P_START = (P.start, "START", "DONE", None, None, (), "start")
PAYOUT_STEPS = {
    "released": (
        "DONE",
        [
            _P_START,
            (P.factual, "HUMAN", "DONE", "caseworker", "workflow.sign_factual", (0,), "start"),
            (P.after_factual, "EXCLUSIVE_GATEWAY", "DONE", None, None, (1,), "start"),
            (P.arithmetic, "HUMAN", "DONE", "finance", "workflow.sign_arithmetic", (2,), "start"),
            (P.after_arithmetic, "EXCLUSIVE_GATEWAY", "DONE", None, None, (3,), "start"),
            (P.release, "HUMAN", "DONE", "releaser", "workflow.release_payment", (4,), "start"),
            (P.after_release, "EXCLUSIVE_GATEWAY", "DONE", None, None, (5,), "start"),
            (P.paid, "END", "DONE", None, None, (6,), "start"),
        ],
    ),
    "requested": (
        "NEW",
        [
            _P_START,
            (P.factual, "HUMAN", "NEW", "caseworker", "workflow.sign_factual", (0,), "start"),
        ],
    ),
}

# Per report status (a draft has no process yet): the report flow (workflow/report/flow.py).
_R_START = (R.start, "START", "DONE", None, None, (), "start")
_R_CHECKED = (R.check, "HUMAN", "DONE", "caseworker", CHECK, (0,), "start")
_R_IF = (R.is_accepted, "EXCLUSIVE_GATEWAY", "DONE", None, None, (1,), "start")
REPORT_STEPS = {
    "submitted": ("NEW", [_R_START, (R.check, "HUMAN", "NEW", "caseworker", CHECK, (0,), "start")]),
    "revision_requested": (
        "NEW",
        [_R_START, _R_CHECKED, _R_IF, (R.revision, "FUNCTION", "NEW", None, None, (2,), "start")],
    ),
    "accepted": (
        "DONE",
        [_R_START, _R_CHECKED, _R_IF, (R.end, "END", "DONE", None, None, (2,), "start")],
    ),
}


def _token(kind: str, split_id: int | None) -> Token:
    """ "start", or the token of one branch after the split: start/<split task id>_<branch>."""
    return Token(kind if kind == "start" else f"start/{split_id}_{kind[-1]}")


def _last_pk(model) -> int:
    return model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


class ProcessBuilder:
    """Collects processes, tasks and task links with explicit ids, then writes them in bulk."""

    def __init__(self, *, staff: dict):
        self.staff = staff
        self.next_process = _last_pk(Process) + 1
        self.next_task = _last_pk(Task) + 1
        self.processes: list[Process] = []
        self.tasks: list[Task] = []
        self.links: list[tuple[int, int]] = []  # (from task = this one, to task = previous)

    def add(self, *, flow, steps, content_type, object_id, start, end, assign=False):
        """One process of `flow` for the artifact; `start`/`end` are its first and last time.

        With `assign`, its open human task is ASSIGNED to the staff member of its role (it is
        in that person's inbox), else it is NEW (in the queue of everyone with the role)."""
        process_status, rows = steps
        pid = self.next_process
        self.next_process += 1
        finished = end if process_status != "NEW" else None
        self.processes.append(
            Process(
                pk=pid,
                flow_class=flow,
                status=process_status,
                created=start,
                finished=finished,
                artifact_content_type=content_type,
                artifact_object_id=object_id,
            )
        )
        ids = [self.next_task + i for i in range(len(rows))]
        self.next_task += len(rows)
        span = (end - start) / max(len(rows), 1)
        split_id = None
        for i, (node, kind, status, role, permission, previous, token) in enumerate(rows):
            if node.name == "split":
                split_id = ids[i]
            when = start + span * i
            done = status in ("DONE", "CANCELED")
            if assign and kind == "HUMAN" and status == "NEW":
                status = "ASSIGNED"
            owned = kind == "HUMAN" and status in ("DONE", "ASSIGNED")
            self.tasks.append(
                Task(
                    pk=ids[i],
                    process_id=pid,
                    flow_task=node,
                    flow_task_type=kind,
                    status=status,
                    created=when,
                    assigned=when if owned else None,
                    started=when if (kind != "EXCLUSIVE_GATEWAY" and done) else None,
                    finished=when if done else None,
                    token=_token(token, split_id),
                    owner=self.staff[role] if owned else None,
                    owner_permission=permission,
                )
            )
            self.links.extend((ids[i], ids[p]) for p in previous)
        return pid

    def write(self, batch_size: int) -> tuple[int, int]:
        Process.objects.bulk_create(self.processes, batch_size=batch_size)
        Task.objects.bulk_create(self.tasks, batch_size=batch_size)
        through = Task.previous.through
        fields = {f.name: f for f in through._meta.fields}
        from_name = next(n for n in fields if n.startswith("from_"))
        to_name = next(n for n in fields if n.startswith("to_"))
        through.objects.bulk_create(
            (through(**{f"{from_name}_id": a, f"{to_name}_id": b}) for a, b in self.links),
            batch_size=batch_size,
        )
        return len(self.processes), len(self.tasks)
