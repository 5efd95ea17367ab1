"""Web assembly: the FastAPI app, its middleware, layout and the module registry."""
