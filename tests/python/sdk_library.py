"""Runs the methods of OpenAI's official Python SDK (the pinned `openai` of
tests/python/requirements.txt) whose operations are the calls of the
generated client's APIs beyond the administration ones the library has,
against the mock, with the SDK's strict response validation: each answer
must parse into the SDK's own types.

Prints one line per call, `<resource>.<method>[ note]\t<ok or the error>`,
then `methods <resource.method> ...` (every method of those resources). The
test compares the errors with its table of deliberate ones.

Environment: OPENAI_API_TEST_URL (the mock's /v1 URL), OPENAI_API_TEST_KEY."""
import os
import sys

import openai

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
from contract import admin_methods  # noqa: E402 - every method of a resource, as the contract check walks them
from sdk_run import run  # noqa: E402 - the line each call prints

client = openai.OpenAI(
    api_key=os.environ["OPENAI_API_TEST_KEY"],
    base_url=os.environ["OPENAI_API_TEST_URL"],
    max_retries=0,
    _strict_response_validation=True,
)


# Models: listed (the SDK's page), retrieved, a fine-tuned one deleted.
models = run("models.list", lambda: list(client.models.list()))
assert models and any(m.id.startswith("ft:") for m in models), models
run("models.retrieve", lambda: client.models.retrieve("gpt-4o-mini"))
run("models.retrieve missing", lambda: client.models.retrieve("gpt-nonexistent"))
run("models.delete base model", lambda: client.models.delete("gpt-4o-mini"))
tuned = next(m.id for m in models if m.id.startswith("ft:"))
run("models.delete", lambda: client.models.delete(tuned))

# Embeddings: the SDK asks for base64 unless told otherwise, and decodes it
# after reading the answer; its strict validation reads the answer before,
# against a list of floats, so it refuses any base64 answer, the API's too:
# that call goes through a client without it, as programs run.
loose = openai.OpenAI(api_key=os.environ["OPENAI_API_TEST_KEY"], base_url=os.environ["OPENAI_API_TEST_URL"], max_retries=0)
texts = ["hello world", "bye"]
packed = run("embeddings.create", lambda: loose.embeddings.create(model="text-embedding-3-small", input=texts))
plain = run("embeddings.create float", lambda: client.embeddings.create(model="text-embedding-3-small", input=texts, encoding_format="float"))
assert packed and plain and len(packed.data) == 2 and len(packed.data[0].embedding) == 1536
assert all(abs(a - b) < 1e-6 for a, b in zip(packed.data[0].embedding, plain.data[0].embedding))
short = run("embeddings.create dimensions", lambda: loose.embeddings.create(model="text-embedding-3-large", input=[1, 2, 3], dimensions=8))
assert short and len(short.data[0].embedding) == 8 and short.usage.prompt_tokens == 3
run("embeddings.create unknown model", lambda: client.embeddings.create(model="gpt-nonexistent", input="x"))

print(
    "methods "
    + " ".join(f"embeddings.{name}" for name, _ in admin_methods(client.embeddings))
    + " "
    + " ".join(f"models.{name}" for name, _ in admin_methods(client.models))
)
