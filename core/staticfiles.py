"""Static files: Django's app, without the node_modules folders that packages ship."""

from django.contrib.staticfiles.apps import StaticFilesConfig


class FoerdertalStaticFilesConfig(StaticFilesConfig):
    """django-viewflow 2.4 ships viewflow/fonts/roboto/node_modules/, whose CSS names font
    files the package lacks: the manifest storage of production would refuse collectstatic."""

    ignore_patterns = [*StaticFilesConfig.ignore_patterns, "node_modules"]
