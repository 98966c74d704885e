"""viewflow's flow pages under /staff/, with a process list that pages in a stable order."""

from viewflow.workflow.flow import FlowAppViewset
from viewflow.workflow.flow.views import DashboardProcessListView


class OrderedProcessListView(DashboardProcessListView):
    """viewflow's list annotates a task count, which drops Process.Meta.ordering: paging an
    unordered list repeats and skips processes, so the newest come first, by a unique key."""

    def get_queryset(self):
        return super().get_queryset().order_by("-created", "-pk")


class StaffFlowViewset(FlowAppViewset):
    process_list_view_class = OrderedProcessListView
