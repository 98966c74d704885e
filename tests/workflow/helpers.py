"""Steps of a case as the people take them, through HTTP."""

from django.urls import reverse
from viewflow.workflow.models import Task

from workflow.application.flow import ApplicationFlow
from workflow.selectors import process_of


def open_task(application, node):
    process = process_of(application)
    return Task.objects.get(
        process=process, flow_task=node, status__in=["NEW", "ASSIGNED", "STARTED"]
    )


def take_and_complete(client, user, application, node, data):
    """Log in as the user, take the task from the queue and submit its form."""
    client.force_login(user)
    task = open_task(application, node)
    response = client.post(node.reverse("assign", args=[task.process_id, task.pk]))
    assert response.status_code == 302, response
    response = client.post(node.reverse("execute", args=[task.process_id, task.pk]), data)
    return response


def case_url(application):
    return reverse("antraege:case", args=[application.pk])


FLOW = ApplicationFlow
