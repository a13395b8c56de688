// Reply playback: a queue of float samples at the context's rate (24 kHz), with a small jitter buffer.
//
// Messages in: a Float32Array (samples to queue); {drain: true} (the reply is complete: play what is queued
// even if it is less than the jitter buffer); {flush: true} (drop everything queued at once).
// Messages out, about every 100 ms: {queued, played, underruns, flushed}; after a flush, with `dropped` (the
// samples that flush dropped).
const JITTER = 0.12; // seconds buffered before playback starts, and again after running dry

class PlaybackProcessor extends AudioWorkletProcessor {
  constructor() {
    super();
    this.chunks = [];
    this.offset = 0;     // read position in chunks[0]
    this.queued = 0;     // samples waiting
    this.playing = false;
    this.played = 0;
    this.underruns = 0;  // times the queue ran dry while playing
    this.flushed = 0;    // samples dropped by flushes, in total
    this.sinceReport = 0;
    this.port.onmessage = (event) => {
      if (event.data instanceof Float32Array) {
        this.chunks.push(event.data);
        this.queued += event.data.length;
      } else if (event.data && event.data.drain) {
        if (this.queued > 0) this.playing = true;
      } else if (event.data && event.data.flush) {
        const dropped = this.queued;
        this.flushed += dropped;
        this.chunks = [];
        this.offset = 0;
        this.queued = 0;
        this.playing = false;
        this.report({ dropped });
      }
    };
  }

  report(extra) {
    this.sinceReport = 0;
    this.port.postMessage(Object.assign({
      queued: this.queued, played: this.played, underruns: this.underruns, flushed: this.flushed,
    }, extra));
  }

  process(inputs, outputs) {
    const output = outputs[0][0];
    output.fill(0);
    if (!this.playing && this.queued >= JITTER * sampleRate) this.playing = true;
    if (this.playing) {
      let written = 0;
      while (written < output.length && this.chunks.length > 0) {
        const chunk = this.chunks[0];
        const count = Math.min(output.length - written, chunk.length - this.offset);
        output.set(chunk.subarray(this.offset, this.offset + count), written);
        written += count;
        this.offset += count;
        if (this.offset === chunk.length) {
          this.chunks.shift();
          this.offset = 0;
        }
      }
      this.queued -= written;
      this.played += written;
      if (this.queued === 0) {
        this.playing = false;
        if (written < output.length) this.underruns += 1;
      }
    }
    for (let channel = 1; channel < outputs[0].length; channel++) outputs[0][channel].set(output);
    this.sinceReport += output.length;
    if (this.sinceReport >= sampleRate / 10) this.report();
    return true;
  }
}
registerProcessor('playback', PlaybackProcessor);
