/**
 * Seeded randomness (mulberry32), so the same seed and the same calls give the same ids, IPs and
 * tokens. Every random choice the sandbox makes comes from one of these (the OIDC signing key
 * aside, see oidc-issuer.ts); `--seed` picks the root one.
 */
export class SeededRandom {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /**
   * An independent generator for one part of the sandbox, seeded from this one's seed and `label`.
   * Request ids, tokens and credentials each draw from their own stream, so how many requests a
   * poller happened to make cannot shift the ids of the resources the calls create.
   */
  fork(label: string): SeededRandom {
    // FNV-1a over the label, mixed with the seed: a different stream per (seed, label).
    let hash = 0x811c9dc5 ^ (this.seed >>> 0);
    for (let i = 0; i < label.length; i += 1) hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193) >>> 0;
    return new SeededRandom(hash);
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  /** `length` characters drawn from `alphabet`. */
  fromAlphabet(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i += 1) out += alphabet[this.int(alphabet.length)];
    return out;
  }

  hex(length: number): string {
    return this.fromAlphabet('0123456789abcdef', length);
  }

  digits(length: number): string {
    return String(1 + this.int(9)) + this.fromAlphabet('0123456789', length - 1);
  }

  alphanumeric(length: number): string {
    return this.fromAlphabet('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', length);
  }

  /** Standard base64 characters (no padding), for secrets whose real form is base64. */
  base64(length: number): string {
    return this.fromAlphabet('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', length);
  }

  uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}
