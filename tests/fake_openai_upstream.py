"""A real OpenAI-protocol server on loopback that records every request it receives.

Tests (and bench/bench_gateway.py) point CollectivIA's backends at it. `mode`
makes it misbehave: "hang" never answers, "garbage" answers 200 with non-JSON,
"error" answers 500, "cut" stops a stream halfway. Answers echo the last user
message ("Réponse : ...") so that a test can see what the model "saw" and what
comes back after re-identification.
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, StreamingResponse
from starlette.routing import Route


class FakeUpstream:
    def __init__(self, name: str = "fake", reply_prefix: str = "Réponse : "):
        self.name = name
        self.reply_prefix = reply_prefix
        self.mode = "ok"
        self.requests: list[dict] = []
        self.embedding_requests: list[dict] = []
        self.app = Starlette(routes=[
            Route("/v1/chat/completions", self._chat, methods=["POST"]),
            Route("/v1/embeddings", self._embeddings, methods=["POST"]),
            Route("/v1/models", self._models, methods=["GET"]),
        ])
        self.port = 0
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def backend(self, alias: str = "redaction", context: int = 8192, timeout: float = 2.0,
                **model) -> dict:
        """A COLLECTIVIA_LLM_BACKENDS entry pointing at this server."""
        return {"name": self.name, "type": "openai", "base_url": self.base_url, "api_key": "sk-test",
                "timeout": timeout, "models": [{"alias": alias, "model": f"{self.name}-model",
                                                "context": context, **model}]}

    def sent_text(self) -> str:
        """Everything the model received, all requests together."""
        return "\n".join(m.get("content", "") for r in self.requests for m in r.get("messages", []))

    def reply_for(self, body: dict) -> str:
        users = [m["content"] for m in body.get("messages", []) if m.get("role") == "user"]
        return self.reply_prefix + (users[-1] if users else "")

    async def _models(self, request: Request):
        return JSONResponse({"object": "list", "data": [{"id": f"{self.name}-model",
                                                         "object": "model"}]})

    async def _embeddings(self, request: Request):
        """Four-dimensional vectors derived from each text (equal texts, equal vectors)."""
        body = await request.json()
        self.embedding_requests.append(body)
        if self.mode == "error":
            return JSONResponse({"error": {"message": "boom"}}, status_code=500)
        texts = body["input"]
        data = [{"object": "embedding", "index": i,
                 "embedding": [len(text) / 100, text.count(" ") / 10, float(i), 0.5]}
                for i, text in enumerate(texts)]
        tokens = sum(len(text.split()) for text in texts)
        return JSONResponse({"object": "list", "model": body.get("model"), "data": data,
                             "usage": {"prompt_tokens": tokens, "total_tokens": tokens}})

    async def _chat(self, request: Request):
        body = await request.json()
        self.requests.append(body)
        if self.mode == "hang":
            try:
                await asyncio.sleep(60)
            except asyncio.CancelledError:  # the client gave up, as it should
                return PlainTextResponse("", status_code=499)
        if self.mode == "error":
            return JSONResponse({"error": {"message": "boom", "type": "server_error"}},
                                status_code=500)
        if self.mode == "garbage":
            return PlainTextResponse("<html>proxy error</html>")
        text = self.reply_for(body)
        prompt_tokens = sum(len(m.get("content", "").split()) for m in body.get("messages", []))
        usage = {"prompt_tokens": prompt_tokens, "completion_tokens": len(text.split()),
                 "total_tokens": prompt_tokens + len(text.split())}
        if body.get("stream"):
            return StreamingResponse(self._sse(body, text, usage), media_type="text/event-stream")
        return JSONResponse({
            "id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()),
            "model": body.get("model"), "usage": usage,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                         "finish_reason": "stop"}]})

    async def _sse(self, body: dict, text: str, usage: dict):
        words = text.split(" ")
        for i, word in enumerate(words):
            if self.mode == "cut" and i == len(words) // 2:
                return
            piece = word if i == 0 else " " + word
            chunk = {"id": "chatcmpl-fake", "object": "chat.completion.chunk",
                     "model": body.get("model"),
                     "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]}
            yield f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n"
            await asyncio.sleep(0)
        last = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "model": body.get("model"),
                "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
        yield f"data: {json.dumps(last)}\n\n"
        if (body.get("stream_options") or {}).get("include_usage"):
            yield f"data: {json.dumps({'object': 'chat.completion.chunk', 'choices': [], 'usage': usage})}\n\n"
        yield "data: [DONE]\n\n"

    def start(self) -> FakeUpstream:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self._server = uvicorn.Server(uvicorn.Config(self.app, host="127.0.0.1", port=self.port,
                                                     log_level="error", lifespan="off",
                                                     timeout_graceful_shutdown=1))
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.time() + 15
        while not self._server.started and time.time() < deadline:
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
            self._server.force_exit = True
            self._thread.join(5)


def make_app():
    """For `uvicorn --factory fake_openai_upstream:make_app` (bench/bench_gateway.py)."""
    return FakeUpstream("bench").app
