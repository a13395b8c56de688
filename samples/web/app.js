// Gemini Live chat in the browser. The page speaks the Live wire protocol (gemini-live(7)) over a WebSocket
// to websocketd, which runs one gemini-live-session per connection (see serve.sh): every message sent is one
// client message line, every message received is one server message line.
'use strict';

const MIC_RATE = 16000;   // what realtimeInput.audio carries
const REPLY_RATE = 24000; // what the service replies with (audio/pcm;rate=24000)
const FRAME_MS = 1000;    // one camera frame a second
// The setup's model: ?model=... in the page's address, else this one. serve.sh's session options (and
// $GEMINI_LIVE_MODEL where serve.sh runs) override it, as flags override a setup line.
const MODEL = new URLSearchParams(location.search).get('model') || 'models/gemini-3.8-live';

const $ = (id) => document.getElementById(id);

// Everything the page knows, also read by the browser tests (window.chat).
const chat = {
  state: 'idle',            // idle, connecting, ready, reconnecting, closed
  status: 'Not connected.',
  history: [],              // every state entered, in order
  turns: [],                // {user, typed, model, audioSamples, interrupted, flushedSamples, toolCalls, complete}
  sent: { audio: 0, video: 0, text: 0 },
  received: { messages: 0, audioSamples: 0 },
  playback: { queued: 0, played: 0, underruns: 0, flushed: 0 },
  flushes: [],              // {turn, samples, queuedAfter} for each interruption that dropped queued audio
  sessionEnded: null,       // what connection.sh reported when the session ended
  close: null,              // {code, reason} of the WebSocket
};
window.chat = chat;

let socket = null;
let playbackContext = null;
let playbackNode = null;
let microphone = null;     // {stream, context}
let camera = null;         // {stream, timer, canvas}
let pendingTyped = [];     // typed messages not yet shown in a turn
let openTurn = null;       // the turn under way, until its turnComplete
let dropAudio = false;     // after `interrupted`, until turnComplete: audio of the cut reply is not played
let flushing = [];         // turns whose flush the playback worklet has not answered yet
const elements = new WeakMap(); // turn -> its list item (kept out of chat.turns, which tests serialise)

function setState(state, text) {
  if (state !== chat.state) chat.history.push(state);
  chat.state = state;
  chat.status = text;
  $('status').textContent = text;
  $('status').dataset.state = state;
  const live = state === 'ready' || state === 'reconnecting' || state === 'connecting';
  $('connect').textContent = live ? 'Disconnect' : 'Connect';
  for (const id of ['microphone', 'camera', 'question', 'send']) $(id).disabled = !live;
}

// ---- Connection ----------------------------------------------------------------------------------------

async function connect() {
  chat.sessionEnded = null;
  chat.close = null;
  setState('connecting', 'Connecting…');
  if (playbackContext) playbackContext.close();
  openTurn = null;
  dropAudio = false;
  flushing = [];
  playbackContext = new AudioContext({ sampleRate: REPLY_RATE });
  await playbackContext.audioWorklet.addModule('playback-worklet.js');
  playbackNode = new AudioWorkletNode(playbackContext, 'playback', { outputChannelCount: [1] });
  playbackNode.port.onmessage = (event) => {
    const { dropped, ...counts } = event.data;
    Object.assign(chat.playback, counts);
    if (dropped !== undefined) flushed(dropped, counts.queued);
    showPlayback();
  };
  playbackNode.connect(playbackContext.destination);
  await playbackContext.resume();

  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  socket = new WebSocket(`${scheme}//${location.host}/`);
  socket.onopen = () => {
    // The session takes a first setup line as its setup, and connects once it has it; serve.sh's options
    // (transcription, and whatever the user gave) are laid over it.
    send({ setup: { model: MODEL } });
    setState('connecting', 'Connecting to Gemini Live…');
  };
  socket.onmessage = (event) => {
    let message;
    try {
      message = JSON.parse(event.data);
    } catch {
      return; // not a line the session wrote
    }
    chat.received.messages += 1;
    receive(message);
  };
  socket.onclose = (event) => {
    chat.close = { code: event.code, reason: event.reason };
    // websocketd ends the connection when the session exits, without a close reason of its own: what the
    // session printed last (the service's close code and reason, say) is what tells the user why.
    const ended = chat.sessionEnded;
    let text;
    if (ended) {
      text = `Closed: the session exited with status ${ended.status}` + (ended.message ? `. ${ended.message}` : '.');
    } else {
      text = `Closed (WebSocket close ${event.code}${event.reason ? ': ' + event.reason : ''}).`;
    }
    setState('closed', text);
    stopMicrophone();
    stopCamera();
    socket = null;
  };
}

function disconnect() {
  if (socket) socket.close(1000, 'closed by the user');
}

function send(message) {
  if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
}

// ---- Server messages ------------------------------------------------------------------------------------

function receive(message) {
  if (message.setupComplete) {
    setState('ready', 'Ready: talk or type.');
  } else if (message.goAway) {
    const left = message.goAway.timeLeft ? ` (${message.goAway.timeLeft} left)` : '';
    setState('reconnecting', `Reconnecting after goAway${left}…`);
  } else if (message.sessionEnded) {
    chat.sessionEnded = message.sessionEnded;
  } else if (message.toolCall) {
    const turn = currentTurn();
    for (const call of message.toolCall.functionCalls || []) turn.toolCalls.push(call.name || '?');
    render(turn);
  }
  const content = message.serverContent;
  if (!content) return;
  const turn = currentTurn();
  if (content.inputTranscription && content.inputTranscription.text) turn.user += content.inputTranscription.text;
  for (const part of (content.modelTurn && content.modelTurn.parts) || []) {
    if (part.text && !part.thought) {
      if (!turn.hasTextParts) turn.model = ''; // any transcription so far said the same
      turn.hasTextParts = true;
      turn.model += part.text;
    } else if (part.inlineData && /^audio\/pcm/i.test(part.inlineData.mimeType || '')) {
      play(turn, part.inlineData);
    }
  }
  // Native-audio models give their words only as output transcription; text parts say the same, so win.
  if (!turn.hasTextParts && content.outputTranscription && content.outputTranscription.text) {
    turn.model += content.outputTranscription.text;
  }
  if (content.interrupted) {
    turn.interrupted = true;
    dropAudio = true;
    flushPlayback(turn);
  }
  if (content.generationComplete || content.turnComplete) playbackNode.port.postMessage({ drain: true });
  if (content.turnComplete) {
    turn.complete = true;
    openTurn = null;
    dropAudio = false;
  }
  render(turn);
}

// The turn under way, or a new one that takes the typed messages waiting to be shown.
function currentTurn() {
  if (!openTurn) {
    openTurn = {
      user: '', typed: pendingTyped.join(' '), model: '', hasTextParts: false, audioSamples: 0,
      interrupted: false, flushedSamples: 0, toolCalls: [], complete: false,
    };
    pendingTyped = [];
    chat.turns.push(openTurn);
  }
  return openTurn;
}

// ---- Playback -------------------------------------------------------------------------------------------

function play(turn, blob) {
  if (dropAudio) return;
  const bytes = base64ToBytes(blob.data);
  const pcm = new Int16Array(bytes.buffer, 0, bytes.length >> 1);
  const rate = Number((/rate=(\d+)/i.exec(blob.mimeType) || [])[1]) || REPLY_RATE;
  let samples = new Float32Array(pcm.length);
  for (let i = 0; i < pcm.length; i++) samples[i] = pcm[i] / 0x8000;
  if (rate !== REPLY_RATE) samples = resample(samples, rate, REPLY_RATE);
  turn.audioSamples += samples.length;
  chat.received.audioSamples += samples.length;
  playbackNode.port.postMessage(samples, [samples.buffer]);
}

// Interrupted: whatever is queued is stale, so it goes now, not after the jitter buffer or the next chunk.
function flushPlayback(turn) {
  flushing.push(turn);
  playbackNode.port.postMessage({ flush: true });
}

// The worklet's answer to a flush, in the order they were asked for.
function flushed(samples, queuedAfter) {
  const turn = flushing.shift();
  if (!turn) return;
  turn.flushedSamples += samples;
  chat.flushes.push({ turn: chat.turns.indexOf(turn) + 1, samples, queuedAfter });
  render(turn);
}

function showPlayback() {
  const p = chat.playback;
  $('playback').textContent =
    `Playback: ${seconds(p.queued)} queued, ${seconds(p.played)} played, ${seconds(p.flushed)} dropped on interruptions.`;
}

function resample(samples, from, to) {
  const out = new Float32Array(Math.floor(samples.length * to / from));
  for (let i = 0; i < out.length; i++) {
    const x = i * from / to;
    const j = Math.floor(x);
    const a = samples[j];
    const b = samples[Math.min(j + 1, samples.length - 1)];
    out[i] = a + (b - a) * (x - j);
  }
  return out;
}

// ---- Microphone and camera ------------------------------------------------------------------------------

async function startMicrophone() {
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
  });
  const context = new AudioContext();
  await context.audioWorklet.addModule('capture-worklet.js');
  const node = new AudioWorkletNode(context, 'capture');
  node.port.onmessage = (event) => {
    send({ realtimeInput: { audio: { mimeType: `audio/pcm;rate=${MIC_RATE}`, data: bytesToBase64(event.data) } } });
    chat.sent.audio += 1;
  };
  const silent = context.createGain();
  silent.gain.value = 0;
  context.createMediaStreamSource(stream).connect(node).connect(silent).connect(context.destination);
  await context.resume();
  microphone = { stream, context };
  toggled('microphone', true, 'Microphone off');
}

function stopMicrophone() {
  if (!microphone) return;
  for (const track of microphone.stream.getTracks()) track.stop();
  microphone.context.close();
  microphone = null;
  // The service's activity detection would otherwise wait for speech to end.
  send({ realtimeInput: { audioStreamEnd: true } });
  toggled('microphone', false, 'Microphone on');
}

async function startCamera() {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
  const video = $('preview');
  video.srcObject = stream;
  video.hidden = false;
  const canvas = document.createElement('canvas');
  const timer = setInterval(() => sendFrame(video, canvas), FRAME_MS);
  camera = { stream, timer };
  toggled('camera', true, 'Camera off');
}

function sendFrame(video, canvas) {
  if (!video.videoWidth) return;
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.getContext('2d').drawImage(video, 0, 0);
  canvas.toBlob(async (blob) => {
    if (!blob || !camera) return;
    const data = bytesToBase64(await blob.arrayBuffer());
    send({ realtimeInput: { video: { mimeType: 'image/jpeg', data } } });
    chat.sent.video += 1;
  }, 'image/jpeg', 0.7);
}

function stopCamera() {
  if (!camera) return;
  clearInterval(camera.timer);
  for (const track of camera.stream.getTracks()) track.stop();
  camera = null;
  $('preview').hidden = true;
  $('preview').srcObject = null;
  toggled('camera', false, 'Camera on');
}

function toggled(id, on, label) {
  $(id).setAttribute('aria-pressed', String(on));
  $(id).textContent = label;
}

// ---- Typed messages -------------------------------------------------------------------------------------

function sendText(text) {
  send({ clientContent: { turns: [{ role: 'user', parts: [{ text }] }], turnComplete: true } });
  chat.sent.text += 1;
  if (openTurn && !openTurn.model && !openTurn.audioSamples && !openTurn.typed) {
    openTurn.typed = text;
    render(openTurn);
  } else {
    pendingTyped.push(text);
  }
}

// ---- Display --------------------------------------------------------------------------------------------

function render(turn) {
  let li = elements.get(turn);
  if (!li) {
    li = document.createElement('li');
    elements.set(turn, li);
    $('turns').append(li);
  }
  li.replaceChildren();
  const line = (who, text, className) => {
    const p = document.createElement('p');
    const label = document.createElement('span');
    label.className = 'who';
    label.textContent = who + ': ';
    p.append(label, text);
    if (className) p.className = className;
    li.append(p);
  };
  if (turn.typed) line('You (typed)', turn.typed, 'typed');
  if (turn.user) line('You', turn.user.trim(), 'user');
  if (turn.model || turn.audioSamples) line('Model', turn.model.trim(), 'model');
  const meta = [];
  if (turn.toolCalls.length) meta.push('tool calls: ' + turn.toolCalls.join(', '));
  if (turn.audioSamples) meta.push(`${seconds(turn.audioSamples)} of reply audio`);
  if (turn.interrupted) {
    meta.push('interrupted' + (turn.flushedSamples ? `: ${seconds(turn.flushedSamples)} of queued audio dropped` : ''));
  }
  if (!turn.complete) meta.push('…');
  if (meta.length) {
    const p = document.createElement('p');
    p.className = 'meta';
    p.textContent = meta.join(' · ');
    li.append(p);
  }
}

function seconds(samples) {
  return `${(samples / REPLY_RATE).toFixed(1)} s`;
}

// ---- Base64 ---------------------------------------------------------------------------------------------

function base64ToBytes(text) {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function bytesToBase64(buffer) {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

// ---- Controls -------------------------------------------------------------------------------------------

function failed(what, error) {
  setState(chat.state, `${chat.status} (${what} failed: ${error.message || error})`);
}

$('connect').addEventListener('click', () => {
  if (socket) disconnect();
  else connect().catch((error) => setState('closed', `Could not connect: ${error.message || error}`));
});
$('microphone').addEventListener('click', () => {
  if (microphone) stopMicrophone();
  else startMicrophone().catch((error) => failed('microphone', error));
});
$('camera').addEventListener('click', () => {
  if (camera) stopCamera();
  else startCamera().catch((error) => failed('camera', error));
});
$('ask').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = $('question').value.trim();
  if (!text) return;
  sendText(text);
  $('question').value = '';
});
