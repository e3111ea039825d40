"""Routes: ``api`` (JSON under /api/v1) and ``pages`` (server-rendered HTML)."""
