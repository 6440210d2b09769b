"""Streams from the mock with OpenAI's official Python SDK (the pinned
`openai` of tests/python/requirements.txt): every SDK method whose
operation is one of the five that stream (`stream=True`), each stream read
to its end and what it brought compared with the answer without streaming.

Strict response validation is on wherever the SDK's own types allow what
the API sends. They do not for the legacy completions: the SDK reads their
chunks into `Completion`, whose choices declare `finish_reason` non-null,
while the API (and the mock) send null before a choice's last chunk; those
streams go through a client without it, as programs run.

Prints one line per call, `<resource>.<method>[ note]\t<ok or the error>`;
the test wants every line ok.

Environment: OPENAI_API_TEST_URL (the mock's /v1 URL), OPENAI_API_TEST_KEY."""
import os
import sys
import warnings

import openai

# The Assistants API's methods warn that it is deprecated; they still run.
warnings.simplefilter("ignore", DeprecationWarning)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sdk_run import run  # noqa: E402 - the line each call prints

key, url = os.environ["OPENAI_API_TEST_KEY"], os.environ["OPENAI_API_TEST_URL"]
client = openai.OpenAI(api_key=key, base_url=url, max_retries=0, _strict_response_validation=True)
loose = openai.OpenAI(api_key=key, base_url=url, max_retries=0)


def check(ok, what):
    if not ok:
        raise AssertionError(what)


# Chat: the text of the chunks joined is the answer's; usage last when asked.
messages = [{"role": "user", "content": "hello there, streaming world"}]
whole = client.chat.completions.create(model="gpt-4o-mini", messages=messages)


def chat_stream():
    chunks = list(client.chat.completions.create(model="gpt-4o-mini", messages=messages, stream=True, stream_options={"include_usage": True}))
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    check(text == whole.choices[0].message.content, (text, whole.choices[0].message.content))
    check(chunks[-1].usage and chunks[-1].usage.total_tokens == whole.usage.total_tokens, chunks[-1])
    check([c.choices[0].finish_reason for c in chunks if c.choices][-1] == "stop", chunks)
    return len(chunks)


run("chat.completions.create stream", chat_stream)

# A tool call: its arguments in pieces join into the answer's.
tools = [{"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}}]
asked = [{"role": "user", "content": "weather in Paris today"}]
called = client.chat.completions.create(model="gpt-4o", messages=asked, tools=tools)


def chat_tool_stream():
    chunks = list(client.chat.completions.create(model="gpt-4o", messages=asked, tools=tools, stream=True))
    args = "".join(tc.function.arguments or "" for c in chunks for tc in (c.choices[0].delta.tool_calls or []))
    check(args == called.choices[0].message.tool_calls[0].function.arguments, args)


run("chat.completions.create stream tools", chat_tool_stream)


# The SDK's own assembling (chat.completions.stream), which runs the same
# operation with stream=True.
def chat_helper():
    with client.chat.completions.stream(model="gpt-4o-mini", messages=messages) as s:
        final = s.get_final_completion()
    check(final.choices[0].message.content == whole.choices[0].message.content, final)


run("chat.completions.stream", chat_helper)

# Legacy completions (strictness off: see above).
prompt = "Say this is a test"
plain = loose.completions.create(model="gpt-3.5-turbo-instruct", prompt=prompt, n=2)


def completion_stream():
    chunks = list(loose.completions.create(model="gpt-3.5-turbo-instruct", prompt=prompt, n=2, stream=True))
    for i in range(2):
        text = "".join(ch.text for c in chunks for ch in c.choices if ch.index == i)
        check(text == plain.choices[i].text, (i, text))


run("completions.create stream", completion_stream)

# Runs: events by name, the message's deltas join into its text, the run
# ends completed; with a tool it ends requiring action, and the outputs,
# streamed, complete it.
beta = client.beta
asst = beta.assistants.create(model="gpt-4o-mini", name="Streamer")
thread = beta.threads.create(messages=[{"role": "user", "content": "stream me a reply"}])


def events_of(stream):
    names, text, last = [], "", None
    for e in stream:
        names.append(e.event)
        if e.event == "thread.message.delta":
            text += "".join(p.text.value for p in e.data.delta.content if p.type == "text")
        if e.event.startswith("thread.run.") and not e.event.startswith("thread.run.step"):
            last = e.data
    return names, text, last


def run_stream():
    names, text, last = events_of(beta.threads.runs.create(thread.id, assistant_id=asst.id, stream=True))
    check(names[:3] == ["thread.run.created", "thread.run.queued", "thread.run.in_progress"], names)
    check(text == "You said 4 words: stream me a reply." and last.status == "completed", (text, last))


run("beta.threads.runs.create stream", run_stream)


def run_helper():
    with beta.threads.runs.stream(thread_id=thread.id, assistant_id=asst.id) as s:
        s.until_done()
        final = s.get_final_run()
        said = s.get_final_messages()
    check(final.status == "completed" and said[0].content[0].text.value.startswith("You said"), (final, said))


run("beta.threads.runs.stream", run_helper)


def thread_and_run_stream():
    names, text, last = events_of(
        beta.threads.create_and_run(assistant_id=asst.id, thread={"messages": [{"role": "user", "content": "hi you"}]}, stream=True)
    )
    check(names[0] == "thread.created" and last.status == "completed" and text == "You said 2 words: hi you.", (names, text))


run("beta.threads.create_and_run stream", thread_and_run_stream)


def thread_and_run_helper():
    with beta.threads.create_and_run_stream(assistant_id=asst.id, thread={"messages": [{"role": "user", "content": "hi"}]}) as s:
        s.until_done()
        check(s.get_final_run().status == "completed", s.get_final_run())


run("beta.threads.create_and_run_stream", thread_and_run_helper)

weather = [{"type": "function", "function": {"name": "weather"}}]


def tool_outputs_stream():
    names, _, waiting = events_of(beta.threads.runs.create(thread.id, assistant_id=asst.id, tools=weather, stream=True))
    check(waiting.status == "requires_action" and names[-1] == "thread.run.requires_action", names)
    call = waiting.required_action.submit_tool_outputs.tool_calls[0].id
    outputs = [{"tool_call_id": call, "output": "sunny 22C"}]
    names, text, last = events_of(beta.threads.runs.submit_tool_outputs(waiting.id, thread_id=thread.id, tool_outputs=outputs, stream=True))
    check(last.status == "completed" and text == "You said 2 words: sunny 22C.", (names, text))


run("beta.threads.runs.submit_tool_outputs stream", tool_outputs_stream)


def tool_outputs_helper():
    _, _, waiting = events_of(beta.threads.runs.create(thread.id, assistant_id=asst.id, tools=weather, stream=True))
    call = waiting.required_action.submit_tool_outputs.tool_calls[0].id
    outputs = [{"tool_call_id": call, "output": "rain"}]
    with beta.threads.runs.submit_tool_outputs_stream(run_id=waiting.id, thread_id=thread.id, tool_outputs=outputs) as s:
        s.until_done()
        check(s.get_final_run().status == "completed", s.get_final_run())


run("beta.threads.runs.submit_tool_outputs_stream", tool_outputs_helper)


# An error in the stream reaches the SDK as its APIError.
def stream_error():
    faulty = client.with_options(default_headers={"x-mock-stream-fault": "error-after-3"})
    try:
        list(faulty.chat.completions.create(model="gpt-4o-mini", messages=messages, stream=True))
    except openai.APIError as e:
        check("The server had an error" in e.message, e)
        return
    raise AssertionError("the error event was not raised")


run("chat.completions.create stream error", stream_error)
