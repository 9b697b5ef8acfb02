"""The explorer's web app (Starlette): a JSON API over one store and the page.

The page (``static/index.html``, ``explore.js``) draws with Cytoscape.js
from :mod:`kg.web` (copied there from npm by ``make assets``); nothing is
loaded from the network. Every request reads; none writes. Only the host
names of the local machine are answered (no DNS rebinding).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from kg.errors import KGError
from kg.explore import queries
from kg.explore.download import CSV_TABLES, view_csv, view_graphml
from kg.export.graph import cell_strings
from kg.datafiles import read_data
from kg.query.packs import get_pack, load_packs
from kg.store.base import GraphStore
from kg.web import VENDOR

STATIC = Path(__file__).resolve().parent / "static"
LOCAL_HOSTS = ["127.0.0.1", "localhost"]


def pack_json(name: str) -> dict[str, Any]:
    pack = get_pack(name)
    return {"name": pack.name, "theme": pack.theme, "title": pack.title,
            "description": pack.description, "example": pack.example,
            "params": [{"name": p.name, "type": p.type, "required": p.required,
                        "default": p.default, "help": p.help} for p in pack.params]}


def create_app(store: GraphStore) -> Starlette:
    """The app over ``store``; requests are served one store call at a time."""
    lock = threading.Lock()

    def read(function, *args, **kwargs):
        with lock:
            return function(store, *args, **kwargs)

    def counts(request: Request) -> JSONResponse:
        colours = {label: style["color"] for label, style in read_data("style/labels.toml")["label"].items()}
        return JSONResponse({**read(queries.counts), **read(queries.filter_choices),
                             "colours": colours})

    def search(request: Request) -> JSONResponse:
        q = request.query_params
        return JSONResponse(read(queries.search, q.get("q", ""), q.get("label") or None))

    def node(request: Request) -> JSONResponse:
        q = request.query_params
        year = q.get("year")
        return JSONResponse(read(
            queries.neighbourhood, q.get("key", ""),
            labels=q.getlist("label") or None, types=q.getlist("type") or None,
            year=int(year) if year and year.isdigit() else None,
            jurisdiction=q.get("jurisdiction") or None, province=q.get("province") or None))

    def provenance(request: Request) -> JSONResponse:
        q = request.query_params
        if "key" in q:
            items = read(queries.provenance, key=q["key"])
        else:
            items = read(queries.provenance, source=q.get("source"), type_=q.get("type"),
                         target=q.get("target"))
        return JSONResponse({"items": items})

    def packs(request: Request) -> JSONResponse:
        return JSONResponse({"packs": [pack_json(name) for name in load_packs()]})

    async def run(request: Request) -> JSONResponse:
        name = request.path_params["name"]
        form = await request.json()
        values = {k: v for k, v in form.items() if v not in (None, "")}

        def execute(store: GraphStore) -> dict[str, Any]:
            pack = get_pack(name)
            result = store.query(pack.cypher, pack.bind(values), write=False)
            view = queries.subgraph(store, queries.named_keys(store, cell_strings(result.rows)))
            return {"columns": result.columns, "rows": result.rows, "graph": view}

        return JSONResponse(await _threaded(read, execute))

    async def download(request: Request) -> Response:
        body = await request.json()
        keys = [str(k) for k in body.get("keys", [])]
        graph = await _threaded(read, queries.view_graph, keys)
        if request.path_params["fmt"] == "graphml":
            return Response(view_graphml(graph), media_type="application/xml",
                            headers=_attachment("kg-view.graphml"))
        what = body.get("what") if body.get("what") in CSV_TABLES else "nodes"
        return Response(view_csv(graph, what), media_type="text/csv",
                        headers=_attachment(f"kg-view-{what}.csv"))

    routes = [
        Route("/api/counts", counts), Route("/api/search", search), Route("/api/node", node),
        Route("/api/provenance", provenance), Route("/api/packs", packs),
        Route("/api/packs/{name}", run, methods=["POST"]),
        Route("/api/download/{fmt:str}", download, methods=["POST"]),
        Mount("/vendor", StaticFiles(directory=VENDOR)),
        Mount("/", StaticFiles(directory=STATIC, html=True)),
    ]
    app = Starlette(routes=routes, exception_handlers={KGError: _kg_error},
                    middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=LOCAL_HOSTS)])
    return app


async def _threaded(function, *args):
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(function, *args)


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}


async def _kg_error(request: Request, error: Exception) -> JSONResponse:
    return JSONResponse({"error": str(error)}, status_code=400)
