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
import warnings

import openai

# The Assistants API's methods warn that it is deprecated; they still run.
warnings.simplefilter("ignore", DeprecationWarning)

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

# Chat, completions, moderations, realtime sessions.
chat = run(
    "chat.completions.create",
    lambda: client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hello there"}]),
)
assert chat and chat.choices[0].message.content == "You said 2 words: hello there.", chat
tools = [{"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object", "properties": {}}}}]
called = run(
    "chat.completions.create tools",
    lambda: client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "weather?"}], tools=tools),
)
assert called and called.choices[0].message.tool_calls[0].function.name == "get_weather", called
run("chat.completions.create unknown model", lambda: client.chat.completions.create(model="gpt-nonexistent", messages=[{"role": "user", "content": "x"}]))
run("completions.create", lambda: client.completions.create(model="gpt-3.5-turbo-instruct", prompt="Say this is a test"))
flagged = run("moderations.create", lambda: client.moderations.create(input=["I will kill the process", "a quiet day"]))
assert flagged and flagged.results[0].flagged and not flagged.results[1].flagged, flagged
run("beta.realtime.sessions.create", lambda: client.beta.realtime.sessions.create(model="gpt-4o-realtime-preview"))

# Assistants, threads, messages, runs and their steps.
beta = client.beta
asst = run("beta.assistants.create", lambda: beta.assistants.create(model="gpt-4o-mini", name="Helper", instructions="Answer briefly."))
run("beta.assistants.retrieve", lambda: beta.assistants.retrieve(asst.id))
run("beta.assistants.update", lambda: beta.assistants.update(asst.id, name="Helper 2"))
run("beta.assistants.list", lambda: list(beta.assistants.list()))
thread = run("beta.threads.create", lambda: beta.threads.create(messages=[{"role": "user", "content": "what is the weather"}]))
run("beta.threads.retrieve", lambda: beta.threads.retrieve(thread.id))
run("beta.threads.update", lambda: beta.threads.update(thread.id, metadata={"k": "v"}))
msg = run("beta.threads.messages.create", lambda: beta.threads.messages.create(thread.id, role="user", content="and tomorrow"))
run("beta.threads.messages.retrieve", lambda: beta.threads.messages.retrieve(msg.id, thread_id=thread.id))
run("beta.threads.messages.update", lambda: beta.threads.messages.update(msg.id, thread_id=thread.id, metadata={"seen": "yes"}))
run("beta.threads.messages.list", lambda: list(beta.threads.messages.list(thread.id)))
run("beta.threads.messages.delete", lambda: beta.threads.messages.delete(msg.id, thread_id=thread.id))
done = run("beta.threads.runs.create", lambda: beta.threads.runs.create(thread.id, assistant_id=asst.id))
assert done and done.status == "completed", done
run("beta.threads.runs.retrieve", lambda: beta.threads.runs.retrieve(done.id, thread_id=thread.id))
run("beta.threads.runs.update", lambda: beta.threads.runs.update(done.id, thread_id=thread.id, metadata={"tag": "one"}))
run("beta.threads.runs.list", lambda: list(beta.threads.runs.list(thread.id)))
steps = run("beta.threads.runs.steps.list", lambda: list(beta.threads.runs.steps.list(done.id, thread_id=thread.id)))
run("beta.threads.runs.steps.retrieve", lambda: beta.threads.runs.steps.retrieve(steps[0].id, thread_id=thread.id, run_id=done.id))
waiting = run(
    "beta.threads.runs.create tools",
    lambda: beta.threads.runs.create(thread.id, assistant_id=asst.id, tools=[{"type": "function", "function": {"name": "weather"}}]),
)
assert waiting and waiting.status == "requires_action", waiting
call_id = waiting.required_action.submit_tool_outputs.tool_calls[0].id
run(
    "beta.threads.runs.submit_tool_outputs",
    lambda: beta.threads.runs.submit_tool_outputs(waiting.id, thread_id=thread.id, tool_outputs=[{"tool_call_id": call_id, "output": "sunny"}]),
)
waiting = beta.threads.runs.create(thread.id, assistant_id=asst.id, tools=[{"type": "function", "function": {"name": "weather"}}])
run("beta.threads.runs.cancel", lambda: beta.threads.runs.cancel(waiting.id, thread_id=thread.id))
both = run("beta.threads.create_and_run", lambda: beta.threads.create_and_run(assistant_id=asst.id, thread={"messages": [{"role": "user", "content": "hi"}]}))
run("beta.threads.delete", lambda: beta.threads.delete(both.thread_id))
run("beta.assistants.delete", lambda: beta.assistants.delete(asst.id))
run("beta.assistants.retrieve deleted", lambda: beta.assistants.retrieve(asst.id))

# Batches and fine-tuning jobs, read as they progress.
lines = b'{"custom_id":"r1","method":"POST","url":"/v1/chat/completions","body":{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}}\n'
requests = client.files.create(file=("requests.jsonl", lines), purpose="batch")
batch = run(
    "batches.create",
    lambda: client.batches.create(input_file_id=requests.id, endpoint="/v1/chat/completions", completion_window="24h"),
)
for _ in range(3):
    batch = run("batches.retrieve", lambda: client.batches.retrieve(batch.id))
assert batch and batch.status == "completed" and batch.output_file_id, batch
run("batches.list", lambda: list(client.batches.list()))
assert b"You said 1 word: hi." in client.files.content(batch.output_file_id).read()
other = client.batches.create(input_file_id=requests.id, endpoint="/v1/embeddings", completion_window="24h")
run("batches.cancel", lambda: client.batches.cancel(other.id))
job = run("fine_tuning.jobs.create", lambda: client.fine_tuning.jobs.create(model="gpt-4o-mini-2024-07-18", training_file="file-train"))
for _ in range(3):
    job = run("fine_tuning.jobs.retrieve", lambda: client.fine_tuning.jobs.retrieve(job.id))
assert job and job.status == "succeeded" and job.fine_tuned_model, job
run("fine_tuning.jobs.list", lambda: list(client.fine_tuning.jobs.list(metadata={"team": "a"})))
run("fine_tuning.jobs.list_events", lambda: list(client.fine_tuning.jobs.list_events(job.id)))
run("fine_tuning.jobs.checkpoints.list", lambda: list(client.fine_tuning.jobs.checkpoints.list(job.id)))
queued = client.fine_tuning.jobs.create(model="gpt-4o-mini-2024-07-18", training_file="file-train")
run("fine_tuning.jobs.cancel", lambda: client.fine_tuning.jobs.cancel(queued.id))

# Vector stores, their files and file batches.
vs = run("vector_stores.create", lambda: client.vector_stores.create(name="docs"))
run("vector_stores.retrieve", lambda: client.vector_stores.retrieve(vs.id))
run("vector_stores.update", lambda: client.vector_stores.update(vs.id, name="manuals"))
run("vector_stores.list", lambda: list(client.vector_stores.list()))
run("vector_stores.files.create", lambda: client.vector_stores.files.create(vector_store_id=vs.id, file_id="file-one"))
run("vector_stores.files.retrieve", lambda: client.vector_stores.files.retrieve("file-one", vector_store_id=vs.id))
run("vector_stores.files.list", lambda: list(client.vector_stores.files.list(vs.id)))
fb = run("vector_stores.file_batches.create", lambda: client.vector_stores.file_batches.create(vs.id, file_ids=["file-two", "file-three"]))
run("vector_stores.file_batches.list_files", lambda: list(client.vector_stores.file_batches.list_files(fb.id, vector_store_id=vs.id)))
run("vector_stores.file_batches.cancel", lambda: client.vector_stores.file_batches.cancel(fb.id, vector_store_id=vs.id))
fb = client.vector_stores.file_batches.create(vs.id, file_ids=["file-four"])
run("vector_stores.file_batches.retrieve", lambda: client.vector_stores.file_batches.retrieve(fb.id, vector_store_id=vs.id))
run("vector_stores.files.delete", lambda: client.vector_stores.files.delete("file-one", vector_store_id=vs.id))
run("vector_stores.delete", lambda: client.vector_stores.delete(vs.id))

# Files and uploads: bytes kept and served back exactly.
content = b'{"a":1}\r\n{"b":"x\x00y"}\n'
f = run("files.create", lambda: client.files.create(file=("data.jsonl", content, "application/jsonl"), purpose="batch"))
run("files.retrieve", lambda: client.files.retrieve(f.id))
run("files.list", lambda: list(client.files.list(purpose="batch")))
back = run("files.content", lambda: client.files.content(f.id).read())
assert back == content, back
run("files.delete", lambda: client.files.delete(f.id))
up = run("uploads.create", lambda: client.uploads.create(filename="big.jsonl", purpose="batch", bytes=10, mime_type="application/jsonl"))
p1 = run("uploads.parts.create", lambda: client.uploads.parts.create(up.id, data=b"01234"))
p2 = client.uploads.parts.create(up.id, data=b"5678\n")
done = run("uploads.complete", lambda: client.uploads.complete(up.id, part_ids=[p1.id, p2.id]))
assert done and done.file and client.files.content(done.file.id).read() == b"012345678\n", done
other = client.uploads.create(filename="x.jsonl", purpose="batch", bytes=1, mime_type="application/jsonl")
run("uploads.cancel", lambda: client.uploads.cancel(other.id))

# Audio: speech as WAV bytes, transcribed back to its text.
speech = run("audio.speech.create", lambda: client.audio.speech.create(model="tts-1", voice="alloy", input="hello from the mock").read())
assert speech and speech[:4] == b"RIFF", speech[:16]
heard = run("audio.transcriptions.create", lambda: client.audio.transcriptions.create(model="whisper-1", file=("a.wav", speech)))
assert heard and heard.text == "hello from the mock", heard
words = run(
    "audio.transcriptions.create verbose_json",
    lambda: client.audio.transcriptions.create(model="whisper-1", file=("a.wav", speech), response_format="verbose_json", timestamp_granularities=["word"]),
)
assert words and len(words.words) == 4, words
run("audio.translations.create", lambda: client.audio.translations.create(model="whisper-1", file=("a.wav", speech)))

# Images: real PNG bytes, as base64 or at a URL the mock serves.
made = run("images.generate", lambda: client.images.generate(prompt="a red cube", response_format="b64_json"))
import base64  # noqa: E402 - only the image checks need it
png = base64.b64decode(made.data[0].b64_json)
assert png[:8] == b"\x89PNG\r\n\x1a\n", png[:8]
run("images.edit", lambda: client.images.edit(image=("a.png", png, "image/png"), prompt="make it green", response_format="b64_json"))
run("images.create_variation", lambda: client.images.create_variation(image=("a.png", png, "image/png"), n=2))

# The SDK's methods whose operations are the generated client's calls of
# the other APIs (each resource's other methods are operations it lacks,
# such as stored chat completions): every one must have run above.
OTHER_METHODS = [
    "chat.completions.create",
    "completions.create",
    "moderations.create",
    "beta.realtime.sessions.create",
    *(f"beta.assistants.{m}" for m in ["create", "retrieve", "update", "list", "delete"]),
    *(f"beta.threads.{m}" for m in ["create", "retrieve", "update", "delete", "create_and_run"]),
    *(f"beta.threads.messages.{m}" for m in ["create", "retrieve", "update", "list", "delete"]),
    *(f"beta.threads.runs.{m}" for m in ["create", "retrieve", "update", "list", "cancel", "submit_tool_outputs"]),
    "beta.threads.runs.steps.retrieve",
    "beta.threads.runs.steps.list",
    *(f"batches.{m}" for m in ["create", "retrieve", "list", "cancel"]),
    *(f"fine_tuning.jobs.{m}" for m in ["create", "retrieve", "list", "cancel", "list_events"]),
    "fine_tuning.jobs.checkpoints.list",
    *(f"vector_stores.{m}" for m in ["create", "retrieve", "update", "list", "delete"]),
    *(f"vector_stores.files.{m}" for m in ["create", "retrieve", "list", "delete"]),
    *(f"vector_stores.file_batches.{m}" for m in ["create", "retrieve", "cancel", "list_files"]),
    *(f"files.{m}" for m in ["create", "retrieve", "list", "content", "delete"]),
    *(f"uploads.{m}" for m in ["create", "complete", "cancel"]),
    "uploads.parts.create",
    "audio.speech.create",
    "audio.transcriptions.create",
    "audio.translations.create",
    *(f"images.{m}" for m in ["generate", "edit", "create_variation"]),
]
for name in OTHER_METHODS:
    target = client
    for part in name.split("."):
        target = getattr(target, part)
    assert callable(target), name

print(
    "methods "
    + " ".join(f"embeddings.{name}" for name, _ in admin_methods(client.embeddings))
    + " "
    + " ".join(f"models.{name}" for name, _ in admin_methods(client.models))
    + " "
    + " ".join(OTHER_METHODS)
)
