#!/usr/bin/env python3
"""Drive gemini-live-emulator with Google's official Python SDK (google-genai), unchanged.

Usage: sdk-scenarios.py BASE_URL SPEECH_RAW

BASE_URL is https://localhost:PORT of an emulator started with TLS and
--script samples/emulator/weather.json; SSL_CERT_FILE must name its certificate.
SPEECH_RAW is 16 kHz mono s16le speech saying "hello world".
Prints "PASS <scenario>" or "FAIL <scenario>: why" per scenario; exits 1 on any failure.
"""
import asyncio
import sys
import traceback

from google import genai
from google.genai import types

BASE_URL, SPEECH = sys.argv[1], sys.argv[2]
AUDIO_CONFIG = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    input_audio_transcription=types.AudioTranscriptionConfig(),
    output_audio_transcription=types.AudioTranscriptionConfig(),
)


def client():
    # Given an API key the SDK connects with wss to the v1 path and sends the key as x-goog-api-key.
    return genai.Client(api_key="emulator-test-key", http_options={"base_url": BASE_URL})


async def collect_turn(session):
    """Reads one turn; returns (audio bytes, spoken words, input words, tool calls, messages)."""
    audio, words, heard, calls, messages = 0, "", "", [], []
    async for message in session.receive():
        messages.append(message)
        if message.data:
            audio += len(message.data)
        content = message.server_content
        if content and content.output_transcription and content.output_transcription.text:
            words += content.output_transcription.text
        if content and content.input_transcription and content.input_transcription.text:
            heard += content.input_transcription.text
        if message.tool_call:
            calls.extend(message.tool_call.function_calls)
            break
    return audio, words, heard, calls, messages


async def text_turn():
    async with client().aio.live.connect(model="gemini-3.8-live", config=AUDIO_CONFIG) as session:
        await session.send_client_content(
            turns=types.Content(role="user", parts=[types.Part(text="hello there")]), turn_complete=True)
        audio, words, _, _, _ = await collect_turn(session)
        assert audio > 24000 * 2 * 0.3, f"only {audio} bytes of speech"
        assert "hello there" in words.lower(), f"transcription was {words!r}"


async def text_modality():
    config = types.LiveConnectConfig(response_modalities=["TEXT"])
    async with client().aio.live.connect(model="gemini-2.0-flash-live-001", config=config) as session:
        await session.send_client_content(
            turns=types.Content(role="user", parts=[types.Part(text="count the words")]), turn_complete=True)
        text = ""
        async for message in session.receive():
            text += message.text or ""
        assert "count the words" in text.lower(), f"text was {text!r}"


async def realtime_audio():
    pcm = open(SPEECH, "rb").read()
    async with client().aio.live.connect(model="gemini-3.8-live", config=AUDIO_CONFIG) as session:
        for start in range(0, len(pcm), 3200):
            await session.send_realtime_input(
                audio=types.Blob(data=pcm[start:start + 3200], mime_type="audio/pcm;rate=16000"))
        await session.send_realtime_input(audio_stream_end=True)
        audio, words, heard, _, _ = await collect_turn(session)
        assert "hello" in heard.lower(), f"input transcription was {heard!r}"
        assert audio > 0 and "hello" in words.lower(), f"reply was {words!r}"


async def tool_call():
    tools = [types.Tool(function_declarations=[types.FunctionDeclaration(
        name="get_weather", description="Weather for a city",
        parameters=types.Schema(type="OBJECT", properties={"city": types.Schema(type="STRING")}))])]
    config = types.LiveConnectConfig(
        response_modalities=["AUDIO"], tools=tools, output_audio_transcription=types.AudioTranscriptionConfig())
    async with client().aio.live.connect(model="gemini-3.8-live", config=config) as session:
        await session.send_client_content(
            turns=types.Content(role="user", parts=[types.Part(text="what is the weather")]), turn_complete=True)
        _, _, _, calls, _ = await collect_turn(session)
        assert calls and calls[0].name == "get_weather" and calls[0].id, f"calls were {calls!r}"
        await session.send_tool_response(function_responses=[
            types.FunctionResponse(id=calls[0].id, name="get_weather", response={"output": "sunny"})])
        _, words, _, _, _ = await collect_turn(session)
        assert "sunny" in words.lower(), f"reply after the tool response was {words!r}"


async def resumption():
    config = types.LiveConnectConfig(
        response_modalities=["AUDIO"], output_audio_transcription=types.AudioTranscriptionConfig(),
        session_resumption=types.SessionResumptionConfig())
    handles = []
    async with client().aio.live.connect(model="gemini-3.8-live", config=config) as session:
        await session.send_client_content(
            turns=types.Content(role="user", parts=[types.Part(text="remember me")]), turn_complete=True)
        turn_done = False
        # A handle captures the conversation when it is issued: keep reading until one arrives after the turn.
        while not (turn_done and handles and handles[-1][1]):
            async for message in session.receive():
                update = message.session_resumption_update
                if update and update.resumable and update.new_handle:
                    handles.append((update.new_handle, turn_done))
                    if turn_done:
                        break
                if message.server_content and message.server_content.turn_complete:
                    turn_done = True
    handle = handles[-1][0] if handles else None
    assert handle, "no resumption handle"
    resumed = types.LiveConnectConfig(
        response_modalities=["AUDIO"], output_audio_transcription=types.AudioTranscriptionConfig(),
        session_resumption=types.SessionResumptionConfig(handle=handle))
    async with client().aio.live.connect(model="gemini-3.8-live", config=resumed) as session:
        await session.send_client_content(
            turns=types.Content(role="user", parts=[types.Part(text="still there")]), turn_complete=True)
        _, words, _, _, _ = await collect_turn(session)
        assert "turn 2" in words.lower(), f"the resumed conversation did not continue: {words!r}"


async def refused_setup():
    try:
        async with client().aio.live.connect(model="gemini-0-no-such-model", config=AUDIO_CONFIG) as session:
            await session.send_client_content(
                turns=types.Content(role="user", parts=[types.Part(text="hi")]), turn_complete=True)
            async for _ in session.receive():
                pass
    except Exception as error:  # noqa: BLE001 - the SDK's own error type is what we report
        text = f"{type(error).__name__}: {error}"
        assert "1008" in text and "not found" in text, f"unexpected error {text}"
        return
    raise AssertionError("the SDK accepted an unknown model")


async def main():
    failures = 0
    for scenario in (text_turn, text_modality, realtime_audio, tool_call, resumption, refused_setup):
        try:
            await asyncio.wait_for(scenario(), timeout=60)
            print(f"PASS {scenario.__name__}", flush=True)
        except Exception as error:  # noqa: BLE001
            failures += 1
            detail = "".join(traceback.format_exception_only(type(error), error)).strip()
            print(f"FAIL {scenario.__name__}: {detail}", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
