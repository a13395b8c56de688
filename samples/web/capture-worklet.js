// Microphone capture: the context's rate down to 16 kHz mono s16, posted in blocks of 100 ms (1600 samples).
class CaptureProcessor extends AudioWorkletProcessor {
  constructor() {
    super();
    this.step = sampleRate / 16000; // input samples per output sample
    this.position = 0;              // where the next output sample falls, in input samples from `previous`
    this.previous = 0;              // the last input sample of the block before
    this.block = new Int16Array(1600);
    this.filled = 0;
  }

  process(inputs) {
    const input = inputs[0] && inputs[0][0];
    if (!input) return true;
    // Linear interpolation between input samples; index -1 is the previous block's last sample.
    while (this.position < input.length - 1) {
      const index = Math.floor(this.position);
      const fraction = this.position - index;
      const a = index < 0 ? this.previous : input[index];
      const b = input[index + 1];
      const value = Math.max(-1, Math.min(1, a + (b - a) * fraction));
      this.block[this.filled++] = value < 0 ? value * 0x8000 : value * 0x7fff;
      if (this.filled === this.block.length) {
        this.port.postMessage(this.block.buffer, [this.block.buffer]);
        this.block = new Int16Array(1600);
        this.filled = 0;
      }
      this.position += this.step;
    }
    this.position -= input.length;
    this.previous = input[input.length - 1];
    return true;
  }
}
registerProcessor('capture', CaptureProcessor);
