def active_organisation(request):
    """The portal context a PortalMixin view has loaded; no queries of its own."""
    return {"portal": getattr(request, "portal", None)}
