"""``floorcheck serve``: a local web app to drop a drawing on and get the report back.

``app.py`` is the ASGI application (FastAPI on Starlette, served by uvicorn); ``worker.py`` is
what runs in the worker processes: read, check, format. Nothing here is imported by the library
itself: the web dependencies are needed only to serve.
"""
