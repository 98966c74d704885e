"""Content-Security-Policy per area: settings.SECURE_CSP everywhere, settings.SECURE_CSP_PATHS
for the path prefixes that need another policy (viewflow's staff frontend, Django's admin)."""

from django.conf import settings


def policy_for_path(path: str) -> dict | None:
    """The policy of the longest matching prefix in SECURE_CSP_PATHS, or None for the default."""
    prefixes = [prefix for prefix in settings.SECURE_CSP_PATHS if path.startswith(prefix)]
    if not prefixes:
        return None
    return settings.SECURE_CSP_PATHS[max(prefixes, key=len)]


class PathContentSecurityPolicyMiddleware:
    """Hands the area's policy to Django's ContentSecurityPolicyMiddleware, which must come
    before this one in MIDDLEWARE (it reads response._csp_config, as csp_override sets it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = policy_for_path(request.path_info)
        if policy is not None and not hasattr(response, "_csp_config"):
            response._csp_config = policy
        return response
