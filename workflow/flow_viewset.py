"""viewflow's flow pages under /staff/: a process list that pages in a stable order, and an
inbox and queue that stay fast with 100,000 processes."""

from viewflow.workflow.flow import FlowAppViewset
from viewflow.workflow.flow.views import (
    DashboardProcessListView,
    FlowInboxListView,
    FlowQueueListView,
)
from viewflow.workflow.flow.views.filters import FlowUserTaskListFilter


class OrderedProcessListView(DashboardProcessListView):
    """viewflow's list annotates a task count, which drops Process.Meta.ordering: paging an
    unordered list repeats and skips processes, so the newest come first, by a unique key."""

    def get_queryset(self):
        return super().get_queryset().order_by("-created", "-pk")


class TaskListFilter(FlowUserTaskListFilter):
    """viewflow's task filter without its process choice: a select of every process with an
    open task (thousands of options) took most of the queue's time. A case is found through
    the application list; the task lists filter by step and date."""

    process = None

    class Meta(FlowUserTaskListFilter.Meta):
        fields = ("flow_task", "created")


class InboxView(FlowInboxListView):
    filterset_class = TaskListFilter


class QueueView(FlowQueueListView):
    filterset_class = TaskListFilter


class StaffFlowViewset(FlowAppViewset):
    process_list_view_class = OrderedProcessListView
    inbox_view_class = InboxView
    queue_view_class = QueueView
