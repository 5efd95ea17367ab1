"""The secure assistant: chat pages, drafting tasks and the OpenAI-compatible gateway."""
