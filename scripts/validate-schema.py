#!/usr/bin/env python3
"""Validate every NDJSON line the test suite captured against Google's published Live schema.

Usage: validate-schema.py DIR

DIR holds files named client-*.ndjson and server-*.ndjson (written by the tests through
GEMINI_LIVE_SCHEMA_LOG). Each line must parse with protobuf's json_format.Parse into
BidiGenerateContentClientMessage or BidiGenerateContentServerMessage respectively; Parse
rejects unknown fields, wrong types and bad base64, so this is the strict judge of validity.
Exits 1 on any invalid line and also when no line was checked (a silent pass proves nothing).

The published schema (google-ai-generativelanguage 0.12.1, v1beta) lags the service: fields the
service sends or accepts that it lacks are in ALLOWED below, each with a check of its value. A
line's allowed fields are checked, then removed, and the rest must parse strictly; so a misspelt
or mistyped newer field still fails. See live-protocol-2026.md, change 6.
"""
import json
import pathlib
import re
import sys

from google.ai import generativelanguage_v1beta as glm
from google.protobuf import json_format

def camel(name):
    return re.sub(r"_([a-z0-9])", lambda m: m.group(1).upper(), name)


def is_bool(value):
    return isinstance(value, bool)


def is_string(value):
    return isinstance(value, str)


def is_object(value):
    return isinstance(value, dict)


def is_strings(value):
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def is_int64(value):
    # proto-JSON writes int64 as a string; numbers are accepted too.
    return (isinstance(value, int) and not isinstance(value, bool)) or (
        isinstance(value, str) and re.fullmatch(r"-?[0-9]+", value) is not None)


def one_of(*names):
    allowed = {name.upper() for name in names}
    return lambda value: isinstance(value, str) and value.upper() in allowed


def is_uuid(value):
    return isinstance(value, str) and re.fullmatch(r"[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}", value) is not None


def is_modality_counts(value):
    return isinstance(value, list) and all(
        isinstance(item, dict) and set(item) <= {"modality", "tokenCount"} for item in value)


def is_context_update(value):
    """`{systemInstruction?: Content, tools?: {tools: [Tool]} or [Tool]}`, each part parsed strictly."""
    if not isinstance(value, dict) or not value:
        return False
    for key, member in value.items():
        name = camel(key)
        if name == "systemInstruction":
            json_format.Parse(json.dumps(member), glm.Content.pb()())
        elif name == "tools":
            tools = member.get("tools") if isinstance(member, dict) else member
            if not isinstance(tools, list) or (isinstance(member, dict) and set(member) != {"tools"}):
                return False
            for tool in tools:
                json_format.Parse(json.dumps(tool), glm.Tool.pb()())
        else:
            return False
    return True


TRANSCRIPTION_OPTIONS = {
    "languageCodes": is_strings, "customVocabulary": lambda v: isinstance(v, list), "wordTimestamp": is_bool,
    "diarization": is_bool, "mode": one_of("VERBATIM", "SMART", "MODE_UNSPECIFIED"), "languageAuto": is_object,
    "languageHints": lambda v: is_object(v) and set(map(camel, v)) <= {"languageCodes"},
    "adaptationPhrases": is_strings,
}
TRANSCRIPTION_FIELDS = {
    "finished": is_bool, "languageCode": is_string, "speakerLabel": is_string, "words": lambda v: isinstance(v, list),
}

# Dotted camelCase paths (snake_case lines match too) -> a check of the value.
ALLOWED = {
    "client": {
        "contextUpdate": is_context_update,
        "setup.proactivity": lambda v: is_object(v) and all(camel(k) == "proactiveAudio" for k in v),
        "setup.historyConfig": lambda v: is_object(v) and all(camel(k) == "initialHistoryInClientContent" for k in v),
        "setup.explicitVadSignal": is_bool,
        "setup.avatarConfig": is_object,
        "setup.safetySettings": lambda v: isinstance(v, list),
        "setup.sessionResumption.transparent": is_bool,
        "setup.generationConfig.enableAffectiveDialog": is_bool,
        "setup.generationConfig.translationConfig": is_object,
        "setup.generationConfig.thinkingConfig.thinkingLevel": one_of("MINIMAL", "LOW", "MEDIUM", "HIGH"),
        **{f"setup.inputAudioTranscription.{k}": check for k, check in TRANSCRIPTION_OPTIONS.items()},
        **{f"setup.outputAudioTranscription.{k}": check for k, check in TRANSCRIPTION_OPTIONS.items()},
    },
    "server": {
        "setupComplete.sessionId": is_string,
        "setupComplete.voiceConsentSignature": is_object,
        "serverContent.turnCompleteReason": is_string,
        "serverContent.interactionStatus": one_of("INTERACTION_STATUS_UNSPECIFIED", "IN_PROGRESS", "IDLE"),
        "serverContent.interimInputTranscription": is_object,
        **{f"serverContent.inputTranscription.{k}": check for k, check in TRANSCRIPTION_FIELDS.items()},
        **{f"serverContent.outputTranscription.{k}": check for k, check in TRANSCRIPTION_FIELDS.items()},
        "sessionResumptionUpdate.lastConsumedClientMessageIndex": is_int64,
        "voiceActivity": lambda v: is_object(v) and set(v) <= {"type", "audioOffset"},
        "voiceActivityDetectionSignal": is_object,
        "usageMetadata.serviceTier": one_of("standard", "flex", "priority"),
        # Vertex AI's names for the reply's counts, and its traffic type.
        "usageMetadata.candidatesTokenCount": lambda v: isinstance(v, int),
        "usageMetadata.candidatesTokensDetails": is_modality_counts,
        "usageMetadata.trafficType": one_of(
            "ON_DEMAND", "ON_DEMAND_PRIORITY", "ON_DEMAND_FLEX", "PROVISIONED_THROUGHPUT"),
    },
}

# Enum values newer than the schema: the member is removed when it holds one of these.
ALLOWED_VALUES = {
    "client": {"setup.realtimeInputConfig.turnCoverage": {"TURN_INCLUDES_AUDIO_ACTIVITY_AND_ALL_VIDEO"}},
    "server": {},
}


def holder_of(message, path):
    """The object that holds the last member of the dotted `path` (either casing), and that member's camelCase
    name; the object is None when the path does not reach one."""
    *parents, last = path.split(".")
    holder = message
    for name in parents:
        holder = next((v for k, v in holder.items() if camel(k) == name), None) if isinstance(holder, dict) else None
    return (holder if isinstance(holder, dict) else None), last


def strip_allowed(message, kind):
    """Removes the allowed newer fields from `message` after checking them; raises ValueError on a bad one."""
    for path, check in ALLOWED[kind].items():
        holder, last = holder_of(message, path)
        for key in [k for k in holder or {} if camel(k) == last]:
            if not check(holder[key]):
                raise ValueError(f"{path}: unexpected value {json.dumps(holder[key])[:80]}")
            del holder[key]
    for path, values in ALLOWED_VALUES[kind].items():
        holder, last = holder_of(message, path)
        for key in [k for k in holder or {} if camel(k) == last and holder[k] in values]:
            del holder[key]
    return message


KINDS = {
    "client": glm.BidiGenerateContentClientMessage,
    "server": glm.BidiGenerateContentServerMessage,
}


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    root = pathlib.Path(sys.argv[1])
    checked = {kind: 0 for kind in KINDS}
    failures = 0
    for path in sorted(root.glob("*.ndjson")):
        kind = path.name.split("-", 1)[0]
        if kind not in KINDS:
            print(f"{path}: unknown kind '{kind}' (expected client- or server-)", file=sys.stderr)
            failures += 1
            continue
        cls = KINDS[kind]
        with path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                line = raw.rstrip(b"\r\n")
                if not line.strip():
                    continue
                try:
                    message = strip_allowed(json.loads(line.decode("utf-8")), kind)
                    json_format.Parse(json.dumps(message), cls.pb()())
                    checked[kind] += 1
                except Exception as error:  # noqa: BLE001 - report every kind of failure
                    failures += 1
                    if failures <= 20:
                        print(f"{path}:{number}: not a valid {cls.__name__}: {error}", file=sys.stderr)
    total = sum(checked.values())
    summary = ", ".join(f"{count} {kind}" for kind, count in checked.items())
    print(f"schema: {total} lines checked ({summary}), {failures} invalid")
    if total == 0:
        print("schema: no lines were captured; is GEMINI_LIVE_SCHEMA_LOG reaching the tests?", file=sys.stderr)
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
