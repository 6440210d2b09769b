"""One SDK call as the SDK scripts report it: `<name>\t<ok or the error>`,
one line a call (`tests/python/sdk_admin.py`, `tests/python/sdk_library.py`)."""
import openai

count = 0


def run(name, f):
    """Calls f; prints ok or the error; returns f's value (None on error)."""
    global count
    count += 1
    try:
        value = f()
        print(f"{name}\tok", flush=True)
        return value
    except openai.APIStatusError as e:
        print(f"{name}\t{type(e).__name__} {e.status_code}", flush=True)
    except Exception as e:  # noqa: BLE001 - any other failure is reported as is
        why = " ".join(str(e.__cause__ or e).split())[:600]
        print(f"{name}\t{type(e).__name__}: {why}", flush=True)
    return None
